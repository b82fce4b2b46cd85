package dev.rolecall.projects;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.auth.Caller;
import dev.rolecall.http.ProblemException;
import dev.rolecall.http.Requests;
import dev.rolecall.http.Responses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.UUID;

/** Listing, creating, reading and changing the account's projects. */
public final class ProjectsApi {
  private final Pool pool;
  private final AuditLog audit;

  public ProjectsApi(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("listProjects", this::list, "createProject", this::create, "getProject", this::get,
        "updateProject", this::update);
  }

  private void list(RoutingContext ctx) {
    ProjectRepository.list(pool, Caller.of(ctx).accountId())
        .onSuccess(projects -> Responses.json(ctx, 200, projects))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    ProjectRepository.require(pool, Caller.of(ctx).accountId(), Requests.uuidParam(ctx, "projectId"))
        .onSuccess(project -> Responses.json(ctx, 200, project))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    JsonObject body = ctx.body().asJsonObject();
    String name = body.getString("name").trim();
    String description = body.getString("description");
    AuditEvent event = AuditEvent.by(caller, ctx, "project.created")
        .withChange("name", null, name).withChange("description", null, description);
    pool.withTransaction(tx -> ProjectRepository.insert(tx, caller.accountId(), name, description)
            .compose(project -> audit.append(tx, event.withTarget("project", project.id(), project.name()))
                .map(project)))
        .onSuccess(project -> {
          ctx.response().putHeader("Location", "/api/projects/" + project.id());
          Responses.json(ctx, 201, project);
        })
        .onFailure(e -> refused(ctx, event.withAction("project.create_refused").withTarget("project", null, name), e));
  }

  private void update(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Requests.uuidParam(ctx, "projectId");
    JsonObject body = ctx.body().asJsonObject();
    String name = body.getString("name") == null ? null : body.getString("name").trim();
    String description = body.getString("description");
    AuditEvent base = AuditEvent.by(caller, ctx, "project.updated").withTarget("project", id, null);
    pool.withTransaction(tx -> ProjectRepository.require(tx, caller.accountId(), id)
            .compose(before -> ProjectRepository.update(tx, caller.accountId(), id, name, description)
                .map(updated -> updated.orElseThrow(ProjectRepository::notFound))
                .compose(after -> audit.append(tx, base.withTarget("project", id, after.name())
                        .withChange("name", before.name(), after.name())
                        .withChange("description", before.description(), after.description()))
                    .map(after))))
        .onSuccess(project -> Responses.json(ctx, 200, project))
        .onFailure(e -> refused(ctx, base, e));
  }

  /** A refused change (a taken name) is kept in the audit log, in a transaction of its own; a 404 is not. */
  private void refused(RoutingContext ctx, AuditEvent event, Throwable e) {
    if (e instanceof ProblemException problem && problem.problem().status() != 404) {
      audit.appendAlone(event.withOutcome(AuditEvent.REFUSED, problem.problem().detail()))
          .onComplete(logged -> ctx.fail(e));
    } else {
      ctx.fail(e);
    }
  }
}
