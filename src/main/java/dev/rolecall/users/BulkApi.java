package dev.rolecall.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.auth.Caller;
import dev.rolecall.auth.Role;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import dev.rolecall.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Bulk changes, one operation per kind so each has a fixed permission. The batch runs in one
 * transaction with the account locked; each id in a savepoint of its own, so the last-admin rule is
 * judged over the whole batch in order: the change that would remove the last admin is refused, the
 * others go through. A dry run reports the same outcomes and changes nothing.
 */
public final class BulkApi {
  private final Pool pool;
  private final AuditLog audit;

  public BulkApi(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("bulkSetActivation", this::activation, "bulkChangeRoles", this::roles,
        "bulkDeleteUsers", this::delete);
  }

  public record Outcome(UUID id, String outcome, @JsonInclude(JsonInclude.Include.NON_NULL) Problem problem) {
  }

  public record Answer(boolean dryRun, List<Outcome> results) {
  }

  private interface Change {
    Future<AuditEvent> apply(SqlConnection tx, UUID accountId, User before, AuditEvent base);
  }

  private void activation(RoutingContext ctx) {
    boolean active = ctx.body().asJsonObject().getBoolean("active");
    run(ctx, "user.updated", (tx, accountId, before, base) -> UserRepository.update(tx, accountId, before.id(),
        new UserRepository.Changes(null, null, null, active)).map(done -> base.withChange("active", before.active(), active)));
  }

  private void roles(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    Set<Role> add = UsersApi.roles(body.getJsonArray("add", new io.vertx.core.json.JsonArray()));
    Set<Role> remove = UsersApi.roles(body.getJsonArray("remove", new io.vertx.core.json.JsonArray()));
    run(ctx, "user.roles_changed", (tx, accountId, before, base) -> {
      EnumSet<Role> roles = EnumSet.noneOf(Role.class);
      before.roles().forEach(name -> roles.add(Role.valueOf(name)));
      roles.addAll(add);
      roles.removeAll(remove);
      if (roles.isEmpty()) {
        return Future.failedFuture(new ProblemException(Problem.of(409, "no-roles", "A user keeps a role",
            "This would leave the user with no role at all.")));
      }
      return UserRepository.setRoles(tx, accountId, before.id(), roles)
          .map(done -> base.withChange("roles", before.roles(), UsersApi.names(roles)));
    });
  }

  private void delete(RoutingContext ctx) {
    run(ctx, "user.deleted", (tx, accountId, before, base) -> UserRepository.delete(tx, accountId, before.id())
        .map(done -> base.withChange("login", before.login(), null).withChange("roles", before.roles(), null)));
  }

  private void run(RoutingContext ctx, String action, Change change) {
    Caller caller = Caller.of(ctx);
    JsonObject body = ctx.body().asJsonObject();
    boolean dryRun = body.getBoolean("dryRun", false);
    List<UUID> ids = body.getJsonArray("ids").stream().map(id -> UUID.fromString(id.toString())).toList();
    List<Outcome> results = new ArrayList<>();
    pool.withTransaction(tx -> {
      Future<Void> chain = AdminGuard.lockAccount(tx, caller.accountId());
      for (UUID id : ids) {
        AuditEvent base = AuditEvent.by(caller, ctx, action);
        chain = chain.compose(previous -> one(tx, caller, id, base, change).map(outcome -> {
          results.add(outcome);
          return null;
        }));
      }
      return dryRun ? chain.compose(done -> Future.failedFuture(new DryRun())) : chain;
    })
        .recover(e -> e instanceof DryRun ? Future.succeededFuture() : Future.failedFuture(e))
        .onSuccess(done -> Responses.json(ctx, 200, new Answer(dryRun, results)))
        .onFailure(ctx::fail);
  }

  private Future<Outcome> one(SqlConnection tx, Caller caller, UUID id, AuditEvent base, Change change) {
    return tx.query("SAVEPOINT bulk_item").execute()
        .compose(saved -> UserRepository.find(tx, caller.accountId(), id, true))
        .map(found -> found.orElseThrow(Versions::notFound))
        .compose(before -> change.apply(tx, caller.accountId(), before, base.withTarget("user", id, before.label())))
        .compose(event -> AdminGuard.requireAnAdmin(tx, caller.accountId()).map(event))
        .compose(event -> audit.append(tx, event))
        .compose(appended -> tx.query("RELEASE SAVEPOINT bulk_item").execute())
        .map(released -> new Outcome(id, "ok", null))
        .recover(e -> e instanceof ProblemException problem
            ? tx.query("ROLLBACK TO SAVEPOINT bulk_item").execute().map(back -> new Outcome(id, "problem", problem.problem()))
            : Future.failedFuture(e));
  }

  /** Rolls a dry run's transaction back once its outcomes are known. */
  private static final class DryRun extends RuntimeException {
    DryRun() {
      super("dry run", null, false, false);
    }
  }
}
