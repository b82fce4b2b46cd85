package dev.rolecall.projects;

import dev.rolecall.auth.MachineAuthenticator;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a project's bots by the ingest key in {@code X-Ingest-Key}: known, not revoked, and
 * of the project the path names. Every refusal is the same 401, whether the project exists or not, so
 * that a key tells nothing about projects it does not belong to.
 */
public final class IngestKeyAuthenticator implements MachineAuthenticator {
  public static final String HEADER = "X-Ingest-Key";
  private static final Logger LOG = LoggerFactory.getLogger(IngestKeyAuthenticator.class);
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  private static final String KEY = "rolecall.ingest";

  /** Whose batch a request carries, for the handler. */
  public record Ingester(UUID keyId, UUID accountId, UUID projectId) {
    public static Ingester of(RoutingContext ctx) {
      Ingester ingester = ctx.get(KEY);
      if (ingester == null) {
        throw new IllegalStateException("no ingester: the operation is not declared as x-access: machine");
      }
      return ingester;
    }
  }

  private final Pool pool;

  public IngestKeyAuthenticator(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> authenticate(RoutingContext ctx) {
    String secret = ctx.request().getHeader(HEADER);
    UUID projectId = projectId(ctx);
    if (secret == null || !secret.startsWith(IngestKeys.PREFIX) || secret.length() > 200 || projectId == null) {
      return Future.failedFuture(refused());
    }
    return IngestKeyRepository.byDigest(pool, IngestKeys.digest(secret)).compose(found -> {
      if (found.isEmpty() || found.get().revoked() || !found.get().projectId().equals(projectId)) {
        return Future.failedFuture(refused());
      }
      IngestKeyRepository.Found key = found.get();
      IngestKeyRepository.touch(pool, key.id(), TOUCH_EVERY)
          .onFailure(e -> LOG.warn("recording the use of ingest key {} failed: {}", key.id(), e.toString()));
      ctx.put(KEY, new Ingester(key.id(), key.accountId(), key.projectId()));
      return Future.succeededFuture();
    });
  }

  private static UUID projectId(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("projectId"));
    } catch (IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }

  private static ProblemException refused() {
    return new ProblemException(Problem.of(401, "unauthorized", "Not authenticated",
        "Send a valid, unrevoked ingest key of this project as " + HEADER + "."));
  }
}
