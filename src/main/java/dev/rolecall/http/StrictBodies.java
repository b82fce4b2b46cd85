package dev.rolecall.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a request body must be before the contract's validator sees it, which is lenient where a body
 * should not be: its media type is one the operation declares, compared exactly and without regard to
 * case; and JSON is strict JSON (no duplicate keys, no comments, one value, valid UTF-8) whose strings
 * hold no NUL, which PostgreSQL cannot store.
 */
final class StrictBodies {
  private static final JsonFactory STRICT = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private StrictBodies() {
  }

  /** Throws the problem of a body that breaks these rules; normalises the media type of one that keeps them. */
  static void check(RoutingContext ctx, Operation operation) {
    Buffer body = ctx.body().buffer();
    if (operation.getRequestBody() == null || body == null || body.length() == 0) {
      return;
    }
    Set<String> declared = operation.getRequestBody().getContent().keySet().stream()
        .map(type -> type.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    String header = ctx.request().getHeader("Content-Type");
    String base = header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!declared.contains(base)) {
      throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
          "Send the body as " + String.join(" or ", declared) + "."));
    }
    // The validator compares media types as written; the header now says the declared type exactly.
    ctx.request().headers().set("Content-Type", header.replaceFirst("^\\s*[^;]*", base));
    if (base.equals("application/json") || base.endsWith("+json")) {
      strictJson(body);
    }
  }

  private static void strictJson(Buffer body) {
    try (JsonParser parser = STRICT.createParser(body.getBytes())) {
      int depth = 0;
      boolean rootDone = false;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (rootDone) {
          throw malformed("The body holds more than one JSON value.");
        }
        switch (token) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> depth--;
          case VALUE_STRING, FIELD_NAME -> {
            if (parser.getText().indexOf('\0') >= 0) {
              throw malformed("Text may not hold the NUL character (\\u0000).");
            }
          }
          default -> {
          }
        }
        rootDone = depth == 0;
      }
    } catch (JsonProcessingException e) {
      throw malformed("The body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw malformed("The body cannot be read as JSON.");
    }
  }

  private static ProblemException malformed(String detail) {
    return new ProblemException(Problem.of(400, "malformed-body", "Malformed request body", detail));
  }
}
