package dev.rolecall.ops;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import dev.rolecall.http.Responses;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Liveness (the process answers) and readiness (the database answers too). */
public final class HealthApi {
  private static final long DATABASE_CHECK_SECONDS = 2;

  private final Pool pool;

  public HealthApi(Pool pool) {
    this.pool = pool;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("getLiveness", this::live, "getReadiness", this::ready);
  }

  public record Status(String status) {
  }

  private void live(RoutingContext ctx) {
    Responses.json(ctx, 200, new Status("UP"));
  }

  private void ready(RoutingContext ctx) {
    pool.query("SELECT 1").execute()
        .timeout(DATABASE_CHECK_SECONDS, TimeUnit.SECONDS)
        .onSuccess(rows -> Responses.json(ctx, 200, new Status("UP")))
        .onFailure(e -> ctx.fail(new ProblemException(
            Problem.of(503, "not-ready", "Not ready", "The database does not answer."))));
  }
}
