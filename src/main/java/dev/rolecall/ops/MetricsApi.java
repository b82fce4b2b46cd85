package dev.rolecall.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** The Prometheus text exposition of the service's metrics (Vert.x HTTP, pool, JVM). */
public final class MetricsApi {
  private final PrometheusMeterRegistry registry;

  public MetricsApi(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("getMetrics", this::scrape);
  }

  private void scrape(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(registry.scrape());
  }
}
