package dev.rolecall.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Puts each feature's handler on its contract operation, by operationId. */
final class Operations {
  private Operations() {
  }

  /**
   * An operation of the contract with no handler answers 501 (one place, not per feature); a handler
   * for an operation the contract does not have is a programming error that stops start-up.
   */
  static void mount(RouterBuilder builder, Map<String, Handler<RoutingContext>> handlers) {
    Set<String> contractIds = builder.getRoutes().stream()
        .map(route -> route.getOperation().getOperationId())
        .collect(Collectors.toSet());
    Set<String> unknown = new TreeSet<>(handlers.keySet());
    unknown.removeAll(contractIds);
    if (!unknown.isEmpty()) {
      throw new IllegalStateException("handlers for operations that openapi.yaml lacks: " + unknown);
    }
    for (OpenAPIRoute route : builder.getRoutes()) {
      Handler<RoutingContext> handler = handlers.get(route.getOperation().getOperationId());
      route.addHandler(handler != null ? handler : ctx -> ctx.fail(501));
    }
  }
}
