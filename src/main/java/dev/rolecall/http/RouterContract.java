package dev.rolecall.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import java.util.Map;

/**
 * The contract as the router is given it; clients get the whole contract at {@code /openapi.yaml}.
 * <ul>
 *   <li>vertx-openapi 5.0 refuses to load responses in media types it cannot validate (problem+json,
 *       CSV, YAML), yet it never validates responses: those response media types are left out.
 *   <li>The {@code security} requirements document the credentials for clients; the router would mount
 *       its own authentication handlers from them, but authorization here is one step of ours, built
 *       from each operation's {@code x-access}: they are left out.
 *   <li>It cannot validate form-encoded request bodies either (RFC 7662's introspection takes one): such a
 *       body is left out, and its handler checks its fields.
 * </ul>
 * Requests are validated against the untouched request schemas.
 */
final class RouterContract {
  private static final String FORM = "application/x-www-form-urlencoded";

  private RouterContract() {
  }

  @SuppressWarnings("unchecked")
  static JsonObject parse(String yaml) {
    try {
      return new JsonObject(new YAMLMapper().readValue(yaml, Map.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("openapi.yaml is not valid YAML: " + e.getOriginalMessage(), e);
    }
  }

  static JsonObject fromYaml(String yaml) {
    JsonObject contract = parse(yaml);
    contract.remove("security");
    contract.getJsonObject("paths", new JsonObject()).forEach(path ->
        ((JsonObject) path.getValue()).forEach(operation -> {
          if (operation.getValue() instanceof JsonObject op) {
            op.remove("security");
            JsonObject body = op.getJsonObject("requestBody");
            if (body != null && body.getJsonObject("content", new JsonObject()).containsKey(FORM)) {
              op.remove("requestBody");
            }
            op.getJsonObject("responses", new JsonObject())
                .forEach(response -> keepValidatable((JsonObject) response.getValue()));
          }
        }));
    JsonObject shared = contract.getJsonObject("components", new JsonObject()).getJsonObject("responses", new JsonObject());
    shared.forEach(response -> keepValidatable((JsonObject) response.getValue()));
    return contract;
  }

  private static void keepValidatable(JsonObject response) {
    JsonObject content = response.getJsonObject("content");
    if (content == null) {
      return;
    }
    content.fieldNames().removeIf(mediaType -> !MediaType.isMediaTypeSupported(mediaType));
    if (content.isEmpty()) {
      response.remove("content");
    }
  }
}
