package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every operation of openapi.yaml declares who may call it, and documents the refusals that follow.
 * {@link Contract} is the tests' own reading of the contract (independent of {@link Requirement}); the
 * generated conformance and tenant isolation tests read the operations through it too.
 */
@ExtendWith(VertxExtension.class)
class ContractAccessTest {
  private static final Set<String> WORDS = Set.of("public", "authenticated", "machine", "service");

  @Test
  void theContractHasOperations() {
    assertThat(Contract.operations()).as("operations read from openapi.yaml").isNotEmpty();
  }

  @Test
  void everyOperationHasAUniqueOperationId() {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Contract.Op op : Contract.operations()) {
      String id = op.definition().getValue("operationId") instanceof String s ? s : null;
      if (id == null || id.isBlank()) {
        problems.add(op + ": no operationId");
      } else if (!seen.add(id)) {
        problems.add(op + ": operationId " + id + " is used twice");
      }
    }
    assertThat(problems).as("operations without a unique operationId").isEmpty();
  }

  @Test
  void everyOperationDeclaresAValidAccess() {
    List<String> problems = new ArrayList<>();
    for (Contract.Op op : Contract.operations()) {
      problems.addAll(accessProblems(op.operationId(), op.definition()));
      Object temporary = op.definition().getValue(Requirement.TEMPORARY_PASSWORD_EXTENSION);
      if (temporary != null && !(temporary instanceof Boolean)) {
        problems.add(op + ": " + Requirement.TEMPORARY_PASSWORD_EXTENSION + " must be true or false, not " + temporary);
      }
    }
    assertThat(problems).as("invalid x-access declarations").isEmpty();
  }

  @Test
  void exactlyThePublicOperationsWaiveSecurity() {
    List<String> problems = new ArrayList<>();
    for (Contract.Op op : validlyDeclared()) {
      boolean waives = new JsonArray().equals(op.definition().getValue("security"));
      boolean isPublic = op.access().kind() == Requirement.Kind.PUBLIC;
      if (waives != isPublic) {
        problems.add(op + (isPublic ? ": is public but lacks 'security: []'" : ": has 'security: []' but is not public"));
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyNonPublicOperationDocuments401AndEveryPermissionListDocuments403() {
    List<String> problems = new ArrayList<>();
    for (Contract.Op op : validlyDeclared()) {
      JsonObject responses = op.definition().getJsonObject("responses", new JsonObject());
      if (op.access().kind() != Requirement.Kind.PUBLIC && !responses.containsKey("401")) {
        problems.add(op + ": x-access " + op.access().kind() + " but no 401 response");
      }
      if (op.access().kind() == Requirement.Kind.PERMISSIONS && !responses.containsKey("403")) {
        problems.add(op + ": needs permissions but no 403 response");
      }
    }
    assertThat(problems).as("undocumented refusals").isEmpty();
  }

  @Test
  void accessReadsEveryOperationOfTheContractAsTheTestsDo(Vertx vertx) {
    // Each operation's declarations alone, in a contract the library loads without our router's trimming.
    JsonObject paths = new JsonObject();
    List<Contract.Op> ops = Contract.operations().stream().filter(op -> op.operationId() != null).toList();
    for (int i = 0; i < ops.size(); i++) {
      JsonObject declared = new JsonObject()
          .put("operationId", ops.get(i).operationId())
          .put("responses", new JsonObject().put("200", new JsonObject().put("description", "ok")));
      for (String extension : List.of(Requirement.EXTENSION, Requirement.TEMPORARY_PASSWORD_EXTENSION,
          Requirement.LOGIN_CREDENTIAL_EXTENSION)) {
        if (ops.get(i).definition().containsKey(extension)) {
          declared.put(extension, ops.get(i).definition().getValue(extension));
        }
      }
      paths.put("/op" + i, new JsonObject().put("get", declared));
    }
    OpenAPIContract contract = OpenAPIContract.from(vertx, tinyContract(paths)).await();

    for (Contract.Op op : ops) {
      Requirement requirement = Requirement.of(contract.operation(op.operationId()));
      assertThat(requirement).as("Requirement.of(%s)", op).isEqualTo(op.access());
    }
  }

  @Test
  void accessRefusesAnOperationWithoutOrWithAnInvalidDeclaration(Vertx vertx) {
    OpenAPIContract contract = OpenAPIContract.from(vertx, tinyContract(new JsonObject()
        .put("/none", get("undeclared", null))
        .put("/nope", get("noSuchPermission", new JsonArray().add("PROFILE_VIEW").add("TIME_TRAVEL")))
        .put("/empty", get("emptyList", new JsonArray()))
        .put("/word", get("unknownWord", "everyone"))
        .put("/ok", get("fine", new JsonArray().add("PROFILE_VIEW").add("USERS_VIEW"))))).await();

    assertThatThrownBy(() -> Requirement.of(contract.operation("undeclared")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("undeclared").hasMessageContaining("x-access");
    assertThatThrownBy(() -> Requirement.of(contract.operation("noSuchPermission")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("TIME_TRAVEL");
    assertThatThrownBy(() -> Requirement.of(contract.operation("emptyList"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Requirement.of(contract.operation("unknownWord")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("everyone");
    assertThat(Requirement.of(contract.operation("fine"))).isEqualTo(new Requirement("fine", Requirement.Kind.PERMISSIONS,
        Set.of(Permission.PROFILE_VIEW, Permission.USERS_VIEW), false, false));
  }

  @Test
  void theTestsOwnCheckRejectsWhatAccessRejects() {
    assertThat(accessProblems("a", new JsonObject())).singleElement().asString().contains("no x-access");
    assertThat(accessProblems("b", new JsonObject().put("x-access", "everyone"))).hasSize(1);
    assertThat(accessProblems("c", new JsonObject().put("x-access", new JsonArray()))).hasSize(1);
    assertThat(accessProblems("d", new JsonObject().put("x-access", new JsonArray().add("TIME_TRAVEL")))).hasSize(1);
    assertThat(accessProblems("e", new JsonObject().put("x-access", new JsonArray().add("USERS_VIEW").add("USERS_VIEW"))))
        .hasSize(1);
    assertThat(accessProblems("f", new JsonObject().put("x-access", new JsonArray().add("USERS_VIEW")))).isEmpty();
    assertThat(accessProblems("g", new JsonObject().put("x-access", "machine"))).isEmpty();
  }

  /** The operations whose x-access is valid (the others fail {@link #everyOperationDeclaresAValidAccess}). */
  private static List<Contract.Op> validlyDeclared() {
    return Contract.operations().stream().filter(op -> accessProblems(op.operationId(), op.definition()).isEmpty()).toList();
  }

  /** What is wrong with one operation's {@code x-access}; empty when it is valid. */
  static List<String> accessProblems(String operationId, JsonObject definition) {
    Object declared = definition.getValue(Requirement.EXTENSION);
    if (declared == null) {
      return List.of(operationId + ": no x-access");
    }
    if (declared instanceof String word) {
      return WORDS.contains(word) ? List.of() : List.of(operationId + ": x-access '" + word + "' is not one of " + WORDS);
    }
    if (declared instanceof JsonArray names) {
      if (names.isEmpty()) {
        return List.of(operationId + ": x-access is an empty list");
      }
      Set<String> known = Arrays.stream(Permission.values()).map(Enum::name).collect(Collectors.toSet());
      List<String> problems = new ArrayList<>();
      Set<Object> seen = new HashSet<>();
      for (Object name : names) {
        if (!(name instanceof String) || !known.contains(name)) {
          problems.add(operationId + ": x-access names no such permission: " + name);
        } else if (!seen.add(name)) {
          problems.add(operationId + ": x-access names " + name + " twice");
        }
      }
      return problems;
    }
    return List.of(operationId + ": x-access is neither a word nor a list: " + declared);
  }

  private static JsonObject get(String operationId, Object access) {
    JsonObject operation = new JsonObject().put("operationId", operationId)
        .put("responses", new JsonObject().put("200", new JsonObject().put("description", "ok")));
    if (access != null) {
      operation.put(Requirement.EXTENSION, access);
    }
    return new JsonObject().put("get", operation);
  }

  private static JsonObject tinyContract(JsonObject paths) {
    return new JsonObject().put("openapi", "3.1.0")
        .put("info", new JsonObject().put("title", "tiny").put("version", "1"))
        .put("paths", paths);
  }

  /** The tests' reading of openapi.yaml: every operation, with its declared access parsed by the tests. */
  static final class Contract {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static JsonObject root;

    private Contract() {
    }

    /** One operation: method, path template, the operation's own object and its (resolved) parameters. */
    record Op(String method, String path, JsonObject definition, List<JsonObject> parameters) {
      String operationId() {
        return definition.getString("operationId");
      }

      /** Its declared access, as the tests read it; an invalid declaration fails the calling test. */
      Requirement access() {
        List<String> problems = accessProblems(operationId(), definition);
        assertThat(problems).as("x-access of %s", this).isEmpty();
        Object declared = definition.getValue(Requirement.EXTENSION);
        boolean temporaryOk = Boolean.TRUE.equals(definition.getValue(Requirement.TEMPORARY_PASSWORD_EXTENSION));
        boolean loginOnly = Boolean.TRUE.equals(definition.getValue(Requirement.LOGIN_CREDENTIAL_EXTENSION));
        if (declared instanceof JsonArray names) {
          EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
          names.forEach(name -> permissions.add(Permission.valueOf((String) name)));
          return new Requirement(operationId(), Requirement.Kind.PERMISSIONS, Set.copyOf(permissions), temporaryOk,
              loginOnly);
        }
        return new Requirement(operationId(), Requirement.Kind.valueOf(((String) declared).toUpperCase()), Set.of(),
            temporaryOk, loginOnly);
      }

      List<String> pathParameters() {
        return parameters.stream().filter(p -> "path".equals(p.getString("in"))).map(p -> p.getString("name")).toList();
      }

      /** The request body object ($ref resolved), or null. */
      JsonObject requestBody() {
        return definition.containsKey("requestBody") ? resolve(definition.getJsonObject("requestBody")) : null;
      }

      @Override
      public String toString() {
        return method.toUpperCase() + " " + path + " (" + definition.getString("operationId") + ")";
      }
    }

    static synchronized JsonObject root() {
      if (root == null) {
        try {
          @SuppressWarnings("unchecked")
          Map<String, Object> yaml = new YAMLMapper().readValue(Files.readString(Path.of("openapi.yaml")), Map.class);
          root = new JsonObject(yaml);
        } catch (IOException e) {
          throw new IllegalStateException("cannot read openapi.yaml from " + Path.of("").toAbsolutePath(), e);
        }
      }
      return root.copy();
    }

    static List<Op> operations() {
      JsonObject contract = root();
      List<Op> ops = new ArrayList<>();
      contract.getJsonObject("paths", new JsonObject()).forEach(entry -> {
        JsonObject pathItem = (JsonObject) entry.getValue();
        List<JsonObject> shared = parameters(pathItem.getJsonArray("parameters"));
        pathItem.forEach(member -> {
          if (METHODS.contains(member.getKey())) {
            JsonObject operation = (JsonObject) member.getValue();
            List<JsonObject> parameters = new ArrayList<>(parameters(operation.getJsonArray("parameters")));
            // An operation's parameter overrides the path item's of the same name and location.
            shared.stream().filter(p -> parameters.stream().noneMatch(o ->
                    o.getString("name").equals(p.getString("name")) && o.getString("in").equals(p.getString("in"))))
                .forEach(parameters::add);
            ops.add(new Op(member.getKey(), entry.getKey(), operation, List.copyOf(parameters)));
          }
        });
      });
      return ops;
    }

    private static List<JsonObject> parameters(JsonArray declared) {
      List<JsonObject> parameters = new ArrayList<>();
      if (declared != null) {
        declared.forEach(parameter -> parameters.add(resolve((JsonObject) parameter)));
      }
      return parameters;
    }

    /** Follows local {@code $ref}s ("#/components/..."). */
    static JsonObject resolve(JsonObject object) {
      JsonObject current = object;
      for (int hops = 0; current != null && current.containsKey("$ref"); hops++) {
        String ref = current.getString("$ref");
        assertThat(ref).as("only local $refs are supported").startsWith("#/");
        assertThat(hops).as("$ref chain from %s", ref).isLessThan(10);
        Object target = JsonPointer.from(ref.substring(1)).queryJson(root());
        assertThat(target).as("target of %s", ref).isInstanceOf(JsonObject.class);
        current = (JsonObject) target;
      }
      return current;
    }
  }
}
