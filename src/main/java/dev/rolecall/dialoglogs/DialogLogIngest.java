package dev.rolecall.dialoglogs;

import dev.rolecall.projects.IngestKeyAuthenticator.Ingester;
import dev.rolecall.http.Responses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Map;

/**
 * Batches of exchanges from a project's bots (at most 1000, as the contract says), authenticated by
 * the project's ingest key. A retried batch stores nothing twice: entries already there count as
 * duplicates.
 */
public final class DialogLogIngest {
  private final Pool pool;

  public DialogLogIngest(Pool pool) {
    this.pool = pool;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("ingestDialogLogs", this::ingest);
  }

  private void ingest(RoutingContext ctx) {
    Ingester ingester = Ingester.of(ctx);
    JsonArray entries = ctx.body().asJsonObject().getJsonArray("entries");
    DialogLogRepository.insert(pool, ingester.accountId(), ingester.projectId(), entries)
        .onSuccess(stored -> Responses.json(ctx, 200,
            new JsonObject().put("accepted", stored).put("duplicates", entries.size() - stored)))
        .onFailure(ctx::fail);
  }
}
