package dev.rolecall.support;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.ext.web.client.impl.WebClientInternal;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The contract as the tests' oracle: every answer a test client receives from an operation of openapi.yaml
 * must have a status the operation declares, a declared media type, and a JSON body that its schema
 * accepts (problem+json included, which the router's validator cannot load). An answer that does not is
 * a failed request, so the test that made it fails with the reason. Answers outside the operations (the
 * SPA, the docs, an unknown path) are not the contract's business.
 */
public final class ContractOracle {
  private static final ContractOracle CONTRACT = new ContractOracle(read(Path.of("openapi.yaml")));
  private static final JsonSchemaOptions OPTIONS = new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
      .setBaseUri("urn:rolecall:openapi").setOutputFormat(OutputFormat.Basic);

  private final JsonObject contract;
  private final List<Route> routes = new ArrayList<>();
  private final Map<String, Validator> validators = new ConcurrentHashMap<>();

  private ContractOracle(JsonObject contract) {
    this.contract = contract;
    contract.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(entry -> {
      if (entry.getValue() instanceof JsonObject operation && operation.containsKey("operationId")) {
        routes.add(new Route(entry.getKey().toUpperCase(Locale.ROOT), path.getKey(), pattern(path.getKey()),
            operation.getString("operationId"), operation.getJsonObject("responses", new JsonObject())));
      }
    }));
    // A literal segment wins over a parameter where both match (/api/users/bulk before /api/users/{userId}).
    routes.sort(Comparator.comparingLong(route -> route.template().chars().filter(c -> c == '{').count()));
  }

  /** Makes every answer the client receives pass the contract first. */
  public static WebClient watching(WebClient client) {
    ((WebClientInternal) client).addInterceptor(CONTRACT.interceptor());
    return client;
  }

  /** Why the answer breaks the contract, or null when it keeps it (or concerns no operation). */
  public static String violation(HttpMethod method, String uri, int status, String contentType, Buffer body) {
    return CONTRACT.check(method, uri, status, contentType, body);
  }

  private Handler<HttpContext<?>> interceptor() {
    return context -> {
      if (context.phase() == ClientPhase.DISPATCH_RESPONSE) {
        HttpResponse<?> response = context.response();
        Buffer body = response.body() instanceof Buffer buffer ? buffer : null;
        String violation = check(context.request().method(), context.request().uri(), response.statusCode(),
            response.getHeader("Content-Type"), body);
        if (violation != null) {
          context.fail(new AssertionError("the answer breaks openapi.yaml: " + violation));
          return;
        }
      }
      context.next();
    };
  }

  private String check(HttpMethod method, String uri, int status, String contentType, Buffer body) {
    String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    String verb = method == HttpMethod.HEAD ? "GET" : method.name();
    Route route = routes.stream().filter(r -> r.method().equals(verb) && r.pattern().matcher(path).matches())
        .findFirst().orElse(null);
    if (route == null || status == 405 || status == 501) {
      return null; // not an operation's answer: no route, or none for this method (HEAD on an event stream)
    }
    String where = method + " " + uri + " (" + route.operationId() + ") answered " + status;
    String key = declaredKey(route.responses(), status);
    if (key == null) {
      return where + ", a status it does not declare (it declares " + route.responses().fieldNames() + ")";
    }
    JsonObject response = resolve(route.responses().getJsonObject(key));
    JsonObject content = response.getJsonObject("content");
    boolean empty = body == null || body.length() == 0;
    if (method == HttpMethod.HEAD || status == 204 || status == 304 || content == null) {
      return empty || content != null ? null : where + " with a body of " + contentType + " where it declares none";
    }
    if (contentType == null) {
      return empty ? null : where + " with a body and no Content-Type";
    }
    String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!content.containsKey(mediaType)) {
      return where + " in " + mediaType + ", which it does not declare (it declares " + content.fieldNames() + ")";
    }
    JsonObject schema = content.getJsonObject(mediaType).getJsonObject("schema");
    if (schema == null || body == null || !(mediaType.endsWith("/json") || mediaType.endsWith("+json"))) {
      return null;
    }
    Object json;
    try {
      json = Json.decodeValue(body);
    } catch (DecodeException e) {
      return where + " with a body that is not JSON: " + e.getMessage();
    }
    String pointer = route.operationId() + " " + key + " " + mediaType;
    OutputUnit outcome = validators.computeIfAbsent(pointer, p -> validator(schema)).validate(json);
    return outcome.getValid() ? null : where + " with a body its schema refuses: " + outcome.getErrors()
        + "; the body: " + abbreviated(body.toString());
  }

  /** The schema with the contract's components beside it, so that its "#/components/..." references resolve. */
  private Validator validator(JsonObject schema) {
    JsonObject root = schema.copy().put("components", contract.getJsonObject("components"));
    return Validator.create(JsonSchema.of(root), OPTIONS);
  }

  private static String declaredKey(JsonObject responses, int status) {
    for (String key : List.of(String.valueOf(status), (status / 100) + "XX", "default")) {
      if (responses.containsKey(key)) {
        return key;
      }
    }
    return null;
  }

  private JsonObject resolve(JsonObject response) {
    String ref = response.getString("$ref");
    if (ref == null) {
      return response;
    }
    JsonObject target = contract;
    for (String segment : ref.substring(2).split("/")) {
      target = target.getJsonObject(segment.replace("~1", "/").replace("~0", "~"));
    }
    return target;
  }

  private static Pattern pattern(String template) {
    return Pattern.compile(Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q"));
  }

  private static String abbreviated(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "…";
  }

  @SuppressWarnings("unchecked")
  private static JsonObject read(Path file) {
    try {
      return new JsonObject(new YAMLMapper().readValue(Files.readString(file), Map.class));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file.toAbsolutePath(), e);
    }
  }

  private record Route(String method, String template, Pattern pattern, String operationId, JsonObject responses) {
  }
}
