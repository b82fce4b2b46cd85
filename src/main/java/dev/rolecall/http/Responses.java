package dev.rolecall.http;

import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Success answers. Failures never come here: they go to {@code ctx.fail} and {@link Problems}. */
public final class Responses {
  private Responses() {
  }

  public static void json(RoutingContext ctx, int status, Object body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(Json.encode(body));
  }
}
