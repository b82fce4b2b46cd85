package dev.rolecall.secrets;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.auth.Caller;
import dev.rolecall.auth.SecretBox;
import dev.rolecall.http.ProblemException;
import dev.rolecall.http.Requests;
import dev.rolecall.http.Responses;
import dev.rolecall.projects.ProjectRepository;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * A project's secrets. Answers, audit changes and errors carry names only; the value leaves the service
 * only through the reveal operation, and each reveal is an audit event (without the value).
 */
public final class ProjectSecretsApi {
  static final String SET = "(set)";
  static final String REPLACED = "(replaced)";

  private final Pool pool;
  private final AuditLog audit;
  private final SecretBox box;

  public ProjectSecretsApi(Pool pool, AuditLog audit, SecretBox box) {
    this.pool = pool;
    this.audit = audit;
    this.box = box;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("listProjectSecrets", this::list, "createProjectSecret", this::create,
        "updateProjectSecret", this::update, "deleteProjectSecret", this::delete,
        "revealProjectSecret", this::reveal);
  }

  private void list(RoutingContext ctx) {
    UUID accountId = Caller.of(ctx).accountId();
    UUID projectId = Requests.uuidParam(ctx, "projectId");
    int limit = Requests.queryInt(ctx, "limit", 50);
    String cursor = ctx.queryParams().get("cursor");
    ProjectRepository.require(pool, accountId, projectId)
        .compose(project -> ProjectSecretRepository.page(pool, accountId, projectId, cursor, limit))
        .onSuccess(page -> Responses.json(ctx, 200, page))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID projectId = Requests.uuidParam(ctx, "projectId");
    JsonObject body = Requests.body(ctx);
    String name = body.getString("name");
    UUID id = UUID.randomUUID();
    byte[] sealed = seal(body.getString("value"), id);
    AuditEvent event = AuditEvent.by(caller, ctx, "secret.created").withTarget("project-secret", id, name)
        .withChange("project", null, projectId.toString()).withChange("name", null, name)
        .withChange("value", null, SET);
    pool.withTransaction(tx -> ProjectRepository.require(tx, caller.accountId(), projectId)
            .compose(project -> ProjectSecretRepository.insert(tx, caller.accountId(), projectId, id, name, sealed,
                caller.login()))
            .compose(secret -> audit.append(tx, event).map(secret)))
        .onSuccess(secret -> {
          ctx.response().putHeader("Location", "/api/projects/" + projectId + "/secrets/" + secret.id());
          Responses.json(ctx, 201, secret);
        })
        .onFailure(e -> refused(ctx, event.withAction("secret.create_refused").withTarget("project-secret", null, name),
            e));
  }

  private void update(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID projectId = Requests.uuidParam(ctx, "projectId");
    UUID id = Requests.uuidParam(ctx, "secretId");
    byte[] sealed = seal(Requests.body(ctx).getString("value"), id);
    pool.withTransaction(tx -> ProjectSecretRepository.replace(tx, caller.accountId(), projectId, id, sealed,
                caller.login())
            .compose(secret -> audit.append(tx, AuditEvent.by(caller, ctx, "secret.updated")
                .withTarget("project-secret", id, secret.name()).withChange("value", SET, REPLACED)).map(secret)))
        .onSuccess(secret -> Responses.json(ctx, 200, secret))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID projectId = Requests.uuidParam(ctx, "projectId");
    UUID id = Requests.uuidParam(ctx, "secretId");
    pool.withTransaction(tx -> ProjectSecretRepository.require(tx, caller.accountId(), projectId, id)
            .compose(secret -> ProjectSecretRepository.delete(tx, caller.accountId(), projectId, id)
                .compose(deleted -> audit.append(tx, AuditEvent.by(caller, ctx, "secret.deleted")
                    .withTarget("project-secret", id, secret.name()).withChange("name", secret.name(), null)
                    .withChange("value", SET, null)))))
        .onSuccess(done -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** The value, once per call, audited as read: the answer is never cached (see {@link Responses}). */
  private void reveal(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID projectId = Requests.uuidParam(ctx, "projectId");
    UUID id = Requests.uuidParam(ctx, "secretId");
    pool.withTransaction(tx -> ProjectSecretRepository.require(tx, caller.accountId(), projectId, id)
            .compose(secret -> ProjectSecretRepository.sealedValue(tx, caller.accountId(), projectId, id)
                .compose(sealed -> audit.append(tx, AuditEvent.by(caller, ctx, "secret.revealed")
                        .withTarget("project-secret", id, secret.name()))
                    .map(logged -> new JsonObject().put("id", id.toString()).put("name", secret.name())
                        .put("value", new String(box.open(sealed, ProjectSecret.context(id)),
                            StandardCharsets.UTF_8))))))
        .onSuccess(answer -> Responses.json(ctx, 200, answer.getMap()))
        .onFailure(ctx::fail);
  }

  private byte[] seal(String value, UUID id) {
    return box.seal(value.getBytes(StandardCharsets.UTF_8), ProjectSecret.context(id));
  }

  /** A refused creation (a taken name) is kept in the audit log, in a transaction of its own; a 404 is not. */
  private void refused(RoutingContext ctx, AuditEvent event, Throwable e) {
    if (e instanceof ProblemException problem && problem.problem().status() != 404) {
      audit.appendAlone(event.withOutcome(AuditEvent.REFUSED, problem.problem().detail()))
          .onComplete(logged -> ctx.fail(e));
    } else {
      ctx.fail(e);
    }
  }
}
