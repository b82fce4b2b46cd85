package dev.rolecall.users;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.auth.Caller;
import dev.rolecall.auth.PasswordHasher;
import dev.rolecall.auth.PasswordPolicy;
import dev.rolecall.auth.Role;
import dev.rolecall.http.Requests;
import dev.rolecall.http.Responses;
import dev.rolecall.tokens.ApiTokens;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What lets a user in: their roles, a password set by an admin, and the strength meter. */
public final class UserAccessApi {
  private final Pool pool;
  private final PasswordHasher hasher;
  private final AuditLog audit;

  public UserAccessApi(Pool pool, PasswordHasher hasher, AuditLog audit) {
    this.pool = pool;
    this.hasher = hasher;
    this.audit = audit;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("setUserRoles", this::setRoles, "setUserPassword", this::setPassword,
        "checkPasswordStrength", this::strength);
  }

  private void setRoles(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Requests.uuidParam(ctx, "userId");
    String ifMatch = Versions.required(ctx);
    Set<Role> roles = UsersApi.roles(ctx.body().asJsonObject().getJsonArray("roles"));
    AuditEvent base = AuditEvent.by(caller, ctx, "user.roles_changed").withTarget("user", id, null);

    pool.withTransaction(tx -> AdminGuard.lockAccount(tx, caller.accountId())
            .compose(locked -> UserRepository.find(tx, caller.accountId(), id, true))
            .map(found -> found.orElseThrow(Versions::notFound))
            .compose(before -> {
              Versions.check(before, ifMatch);
              return UserRepository.setRoles(tx, caller.accountId(), id, roles)
                  .compose(set -> AdminGuard.requireAnAdmin(tx, caller.accountId()))
                  .compose(ok -> UserRepository.find(tx, caller.accountId(), id, false))
                  .map(found -> found.orElseThrow())
                  .compose(after -> audit.append(tx, UsersApi.changed(base, before, after)).map(after));
            }))
        .onSuccess(user -> Versions.answer(ctx, 200, user))
        .onFailure(e -> Refusals.fail(audit, ctx, base, e));
  }

  /**
   * A password set by an admin ends every login and refresh token of the user, and their API tokens
   * unless the admin asks to keep them ({@code revokeApiTokens: false}).
   */
  private void setPassword(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Requests.uuidParam(ctx, "userId");
    JsonObject body = ctx.body().asJsonObject();
    String password = body.getString("password");
    boolean temporary = body.getBoolean("temporary", true);
    boolean revokeApiTokens = body.getBoolean("revokeApiTokens", true);
    AuditEvent base = AuditEvent.by(caller, ctx, "user.password_set").withTarget("user", id, null);

    UserRepository.find(pool, caller.accountId(), id, false)
        .map(found -> found.orElseThrow(Versions::notFound))
        .compose(user -> ctx.vertx().executeBlocking(() -> {
          PasswordPolicy.require(password, body.getString("passwordConfirmation"),
              List.of(user.login(), user.firstName(), user.lastName()));
          return user;
        }, false))
        .compose(user -> hasher.hash(password).compose(hash -> pool.withTransaction(tx ->
            UserRepository.setPassword(tx, caller.accountId(), id, hash, temporary, Instant.now())
                .compose(set -> revokeApiTokens
                    ? ApiTokens.revokeAllOf(tx, caller.accountId(), id)
                    : Future.<Integer>succeededFuture(null))
                .compose(revoked -> audit.append(tx, base.withTarget("user", id, user.label())
                    .withChange("password", null, "(set)").withChange("passwordTemporary", null, temporary)
                    .withChange("apiTokensRevoked", null, revoked))))))
        .onSuccess(done -> ctx.response().setStatusCode(204).end())
        .onFailure(e -> Refusals.fail(audit, ctx, base, e));
  }

  /** For the strength meter: nothing is stored or logged. */
  private void strength(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    List<String> inputs = body.getJsonArray("userInputs", new io.vertx.core.json.JsonArray()).stream()
        .map(String::valueOf).toList();
    ctx.vertx().executeBlocking(() -> PasswordPolicy.estimate(body.getString("password"), inputs), false)
        .onSuccess(estimate -> Responses.json(ctx, 200, estimate))
        .onFailure(ctx::fail);
  }


}
