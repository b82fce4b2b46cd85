package dev.rolecall.ops;

import dev.rolecall.http.Problem;
import dev.rolecall.http.Problems;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;

/** The management server: {@code GET /metrics} in the Prometheus text format, and nothing else. */
public final class ManagementVerticle extends VerticleBase {
  private final ManagementConfig config;
  private final PrometheusMeterRegistry registry;
  private HttpServer server;

  public ManagementVerticle(ManagementConfig config, PrometheusMeterRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer()
        .requestHandler(request -> {
          if ("/metrics".equals(request.path()) && request.method().name().equals("GET")) {
            request.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape());
          } else {
            Problems.send(request.response(), Problem.of(404, "not-found", "Not found",
                "The management server answers GET /metrics only."));
          }
        })
        .listen(config.port(), config.host())
        .onSuccess(listening -> server = listening);
  }

  public int port() {
    return server.actualPort();
  }
}
