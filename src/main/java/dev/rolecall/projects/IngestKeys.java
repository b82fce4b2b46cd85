package dev.rolecall.projects;

import dev.rolecall.auth.Secrets;
import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.auth.Caller;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import dev.rolecall.http.Requests;
import dev.rolecall.http.Responses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.UUID;

/**
 * A project's ingest keys: created by a PROJECTS_EDIT holder (the secret shown once, stored as its
 * SHA-256 digest), listed, revoked. Rotation is create, move the bots, revoke.
 */
public final class IngestKeys {
  public static final String PREFIX = "rci_";
  private static final int PREFIX_SHOWN = PREFIX.length() + 8;

  private final Pool pool;
  private final AuditLog audit;

  public IngestKeys(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("listIngestKeys", this::list, "createIngestKey", this::create, "revokeIngestKey", this::revoke);
  }

  private void list(RoutingContext ctx) {
    UUID accountId = Caller.of(ctx).accountId();
    UUID projectId = Requests.uuidParam(ctx, "projectId");
    ProjectRepository.require(pool, accountId, projectId)
        .compose(project -> IngestKeyRepository.list(pool, accountId, projectId))
        .onSuccess(keys -> Responses.json(ctx, 200, keys))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID projectId = Requests.uuidParam(ctx, "projectId");
    String secret = newSecret();
    pool.withTransaction(tx -> ProjectRepository.require(tx, caller.accountId(), projectId)
            .compose(project -> IngestKeyRepository.insert(tx, caller.accountId(), projectId,
                    secret.substring(0, PREFIX_SHOWN), digest(secret))
                .compose(key -> audit.append(tx, AuditEvent.by(caller, ctx, "ingest_key.created")
                        .withTarget("ingest_key", key.id(), project.name() + " " + key.prefix() + "…"))
                    .map(key))))
        .onSuccess(key -> Responses.json(ctx, 201, key.withSecret(secret)))
        .onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID projectId = Requests.uuidParam(ctx, "projectId");
    UUID keyId = Requests.uuidParam(ctx, "keyId");
    pool.withTransaction(tx -> ProjectRepository.require(tx, caller.accountId(), projectId)
            .compose(project -> IngestKeyRepository.revoke(tx, caller.accountId(), projectId, keyId)
                .map(revoked -> revoked.orElseThrow(() -> new ProblemException(
                    Problem.of(404, "not-found", "Not found", "No such keyId."))))
                .compose(key -> audit.append(tx, AuditEvent.by(caller, ctx, "ingest_key.revoked")
                    .withTarget("ingest_key", key.id(), project.name() + " " + key.prefix() + "…")))))
        .onSuccess(done -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  static String newSecret() {
    return Secrets.newSecret(PREFIX);
  }

  static byte[] digest(String secret) {
    return Secrets.digest(secret);
  }
}
