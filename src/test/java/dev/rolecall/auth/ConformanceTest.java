package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The role matrix, checked over HTTP and generated from the contract and the enums: every operation of
 * openapi.yaml is called by nobody (no token), by a user holding each single role, by a user holding every
 * role with a temporary password, by an inactive one, with an API token given no permissions, and by a
 * service client. Each
 * call has a fresh token, random ids for path parameters and no body, so an allowed call answers 200, 204,
 * 400 or 404, never 401 or 403. The expected answer is worked out here from the roles' permissions, never
 * from the service's own helpers. Unions of roles are checked exhaustively, without HTTP, in
 * {@link DecisionsTest}: the same decision serves both.
 */
class ConformanceTest extends ServiceTest {
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");

  private static UUID account;
  /** One user per single role, in enum order. */
  private static final Map<Role, UUID> users = new LinkedHashMap<>();
  private static UUID temporaryPasswordUser;
  private static UUID inactiveUser;
  private static String unscopedApiToken;
  private static String serviceClient;

  private static final AtomicInteger roleCells = new AtomicInteger();
  private static final AtomicInteger otherCells = new AtomicInteger();

  @BeforeAll
  static void start(Vertx vertx) throws InterruptedException {
    account = fixtures.account();
    for (Role role : Role.values()) {
      users.put(role, fixtures.user(account, role));
    }
    temporaryPasswordUser = fixtures.user(account, Fixtures.uniqueLogin(), true, true, Role.values());
    inactiveUser = fixtures.user(account, Fixtures.uniqueLogin(), false, false, Role.values());
    UUID tokenOwner = fixtures.user(account, Role.values());
    // Tokens carry their issue time in milliseconds and must be issued after the user's creation.
    Thread.sleep(5);
    HttpResponse<Buffer> created = api.call(HttpMethod.POST, "/api/me/tokens", token(tokenOwner), new JsonObject()
        .put("name", "conformance").put("permissions", new JsonArray())
        .put("expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    unscopedApiToken = created.bodyAsJsonObject().getString("secret");
    serviceClient = Fixtures.basic(fixtures.serviceClient(account));
  }

  @AfterAll
  static void stop() {
    System.out.printf("ConformanceTest: %d operations; cells checked: %d (operation, role), %d (operation, no token,"
            + " temporary password, inactive user, API token without permissions, service client); %d in all%n",
        ContractAccessTest.Contract.operations().size(), roleCells.get(), otherCells.get(),
        roleCells.get() + otherCells.get());
  }

  @TestFactory
  Stream<DynamicNode> everyOperationForEveryRole() {
    return ContractAccessTest.Contract.operations().stream().map(op -> {
      Requirement access = op.access();
      List<DynamicNode> cells = new ArrayList<>();
      cells.add(cell("no token", () -> checkAnonymous(op, access)));
      users.forEach((role, user) -> cells.add(DynamicTest.dynamicTest(role.name(), () -> {
        roleCells.incrementAndGet();
        checkUser(op, access, Set.of(role), user);
      })));
      cells.add(cell("every role, temporary password", () -> checkTemporaryPassword(op, access)));
      cells.add(cell("every role, inactive", () -> checkInactive(op, access)));
      cells.add(cell("API token without permissions", () -> checkUnscopedApiToken(op, access)));
      cells.add(cell("service client", () -> checkServiceClient(op, access)));
      return DynamicContainer.dynamicContainer(op.toString() + " x-access " + describe(access), cells);
    });
  }

  /** {@code GET /api/me} lists, for each role, exactly the operations its cells above expect to pass. */
  @TestFactory
  Stream<DynamicTest> meListsTheOperationsEachRoleMayCall() {
    return users.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey().name(), () -> {
      Set<String> expected = new TreeSet<>();
      for (ContractAccessTest.Contract.Op op : ContractAccessTest.Contract.operations()) {
        Requirement access = op.access();
        boolean forUsers = access.kind() == Requirement.Kind.AUTHENTICATED || access.kind() == Requirement.Kind.PERMISSIONS;
        if (forUsers && entry.getKey().canLogin() && missing(access, Set.of(entry.getKey())).isEmpty()) {
          expected.add(op.operationId());
        }
      }
      HttpResponse<Buffer> me = api.get("/api/me", token(entry.getValue()));
      assertThat(me.statusCode()).as(brief(me)).isIn(200, 403);
      Set<String> listed = me.statusCode() == 200
          ? new TreeSet<>(me.bodyAsJsonObject().getJsonArray("operations").getList()) : Set.of();
      assertThat(listed).as("operations of %s", entry.getKey()).isEqualTo(expected);
    }));
  }

  private static DynamicTest cell(String name, Runnable check) {
    return DynamicTest.dynamicTest(name, () -> {
      otherCells.incrementAndGet();
      check.run();
    });
  }

  private static void checkAnonymous(ContractAccessTest.Contract.Op op, Requirement access) {
    HttpResponse<Buffer> answer = call(op, null);
    if (access.kind() == Requirement.Kind.PUBLIC) {
      assertAllowed(op, "no token", answer);
    } else {
      assertRefused(op, "no token", answer, 401, "unauthorized");
    }
  }

  private static void checkUser(ContractAccessTest.Contract.Op op, Requirement access, Set<Role> roles, UUID user) {
    HttpResponse<Buffer> answer = call(op, token(user));
    String who = roles.toString();
    switch (access.kind()) {
      case PUBLIC -> assertAllowed(op, who, answer);
      // A login token is never a machine key, whatever the roles.
      case MACHINE, SERVICE -> assertRefused(op, who, answer, 401, "unauthorized");
      case AUTHENTICATED, PERMISSIONS -> {
        if (roles.stream().noneMatch(Role::canLogin)) {
          assertRefused(op, who, answer, 403, "no-login-role");
          return;
        }
        Set<String> missing = missing(access, roles);
        if (missing.isEmpty()) {
          assertAllowed(op, who, answer);
        } else {
          assertRefused(op, who, answer, 403, "missing-permissions");
          assertMissing(op, who, answer, missing);
        }
      }
    }
  }

  /** A user holding every role but whose password is temporary may only call the operations marked for it. */
  private static void checkTemporaryPassword(ContractAccessTest.Contract.Op op, Requirement access) {
    String who = "every role, temporary password";
    HttpResponse<Buffer> answer = call(op, token(temporaryPasswordUser));
    switch (access.kind()) {
      case PUBLIC -> assertAllowed(op, who, answer);
      case MACHINE, SERVICE -> assertRefused(op, who, answer, 401, "unauthorized");
      case AUTHENTICATED, PERMISSIONS -> {
        if (access.allowedWithTemporaryPassword()) {
          assertAllowed(op, who, answer);
        } else {
          assertRefused(op, who, answer, 403, "password-change-required");
        }
      }
    }
  }

  /** An inactive user is not authenticated at all, whatever they hold. */
  private static void checkInactive(ContractAccessTest.Contract.Op op, Requirement access) {
    String who = "every role, inactive";
    HttpResponse<Buffer> answer = call(op, token(inactiveUser));
    if (access.kind() == Requirement.Kind.PUBLIC) {
      assertAllowed(op, who, answer);
    } else {
      assertRefused(op, who, answer, 401, "unauthorized");
    }
  }

  /**
   * An API token created with {@code permissions: []} by a user holding every role: it may call what needs
   * no permission, except what only a login may do (ending sessions, changing the password, managing API
   * tokens), and nothing that needs a permission.
   */
  private static void checkUnscopedApiToken(ContractAccessTest.Contract.Op op, Requirement access) {
    String who = "API token without permissions";
    HttpResponse<Buffer> answer = call(op, unscopedApiToken);
    switch (access.kind()) {
      case PUBLIC -> assertAllowed(op, who, answer);
      case MACHINE, SERVICE -> assertRefused(op, who, answer, 401, "unauthorized");
      case AUTHENTICATED, PERMISSIONS -> {
        if (access.loginCredentialOnly()) {
          assertRefused(op, who, answer, 403, "login-credential-required");
        } else if (access.kind() == Requirement.Kind.AUTHENTICATED) {
          assertAllowed(op, who, answer);
        } else {
          assertRefused(op, who, answer, 403, "token-scope");
          assertMissing(op, who, answer, new TreeSet<>(access.permissions().stream().map(Enum::name).toList()));
        }
      }
    }
  }

  /** A service client may call the operations for services, and none of a user's. */
  private static void checkServiceClient(ContractAccessTest.Contract.Op op, Requirement access) {
    String who = "service client";
    HttpResponse<Buffer> answer = call(op, null, serviceClient);
    switch (access.kind()) {
      case PUBLIC, SERVICE -> assertAllowed(op, who, answer);
      case MACHINE, AUTHENTICATED, PERMISSIONS -> assertRefused(op, who, answer, 401, "unauthorized");
    }
  }

  private static Set<String> missing(Requirement access, Set<Role> roles) {
    Set<String> missing = new TreeSet<>(access.permissions().stream().map(Enum::name).toList());
    missing.removeAll(granted(roles));
    return missing;
  }

  private static void assertMissing(ContractAccessTest.Contract.Op op, String who, HttpResponse<Buffer> answer,
      Set<String> missing) {
    JsonArray named = answer.bodyAsJsonObject().getJsonArray("missingPermissions");
    assertThat(named == null ? null : new TreeSet<>(named.getList()))
        .as("%s by %s: missingPermissions in %s", op, who, brief(answer))
        .isEqualTo(missing);
  }

  /** The permissions the roles grant: the union of each role's, read from the enum's declaration. */
  private static Set<String> granted(Collection<Role> roles) {
    Set<String> names = new TreeSet<>();
    roles.forEach(role -> role.permissions().forEach(permission -> names.add(permission.name())));
    return names;
  }

  private static void assertAllowed(ContractAccessTest.Contract.Op op, String who, HttpResponse<Buffer> answer) {
    assertThat(answer.statusCode())
        .as("%s by %s should pass authorization, got %s", op, who, brief(answer))
        // An internal fault hides whether authorization is right, and every operation has its handler.
        .isNotIn(401, 403, 500, 501);
  }

  private static void assertRefused(ContractAccessTest.Contract.Op op, String who, HttpResponse<Buffer> answer,
      int status, String type) {
    assertThat(answer.statusCode()).as("%s by %s: answer %s", op, who, brief(answer)).isEqualTo(status);
    assertThat(answer.getHeader("Content-Type")).as("%s by %s: media type", op, who).isEqualTo("application/problem+json");
    JsonObject problem = answer.bodyAsJsonObject();
    assertThat(problem.getString("type")).as("%s by %s: problem type in %s", op, who, problem).endsWith("/" + type);
  }

  /** A fresh token per call, so that logging out (one token or all) changes no other cell. */
  private static String token(UUID user) {
    return service.auth().tokens().issue(user, account, Instant.now()).token();
  }

  private static HttpResponse<Buffer> call(ContractAccessTest.Contract.Op op, String token) {
    return call(op, token, null);
  }

  private static HttpResponse<Buffer> call(ContractAccessTest.Contract.Op op, String token, String authorization) {
    Matcher parameter = PATH_PARAMETER.matcher(op.path());
    String path = parameter.replaceAll(match -> UUID.randomUUID().toString());
    HttpRequest<Buffer> request = api.client().request(HttpMethod.valueOf(op.method().toUpperCase()), path)
        .timeout(10_000); // an answer that never comes fails the cell rather than hanging the build
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    if (streams(op)) {
      // A stream lasts; resuming after an event no one has reached yet is answered at once (410), once authorized.
      request.putHeader("Last-Event-ID", "999999999999999999");
    }
    return request.send().await();
  }

  private static boolean streams(ContractAccessTest.Contract.Op op) {
    JsonObject ok = op.definition().getJsonObject("responses", new JsonObject()).getJsonObject("200");
    return ok != null && ok.getJsonObject("content", new JsonObject()).containsKey("text/event-stream");
  }

  /** The status and the start of the body, for failure messages. */
  private static String brief(HttpResponse<Buffer> answer) {
    String body = answer.bodyAsString();
    body = body == null ? "(no body)" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    return answer.statusCode() + " " + body;
  }

  private static String describe(Requirement access) {
    return access.kind() == Requirement.Kind.PERMISSIONS ? new TreeSet<>(access.permissions()).toString()
        : access.kind().name().toLowerCase();
  }
}
