package dev.rolecall.http;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.jackson.DatabindCodec;
import io.vertx.ext.web.RoutingContext;

/** Success answers. Failures never come here: they go to {@code ctx.fail} and {@link Problems}. */
public final class Responses {
  static {
    // Records carry java.time values; clients get them as ISO-8601 strings.
    DatabindCodec.mapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  private Responses() {
  }

  public static void json(RoutingContext ctx, int status, Object body) {
    Buffer encoded;
    try {
      encoded = Json.encodeToBuffer(body);
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    encoded(ctx, status, encoded);
  }

  /** A JSON answer encoded before, such as one prepared once and served many times. */
  public static void encoded(RoutingContext ctx, int status, Buffer encoded) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(encoded);
  }
}
