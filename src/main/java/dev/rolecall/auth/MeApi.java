package dev.rolecall.auth;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import dev.rolecall.http.Responses;
import dev.rolecall.tokens.ApiTokens;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The logged-in user: who they are, and their own password. */
public final class MeApi {
  private final IdentityRepository identities;
  private final PasswordHasher hasher;
  private final Grants grants;
  private final AuditLog audit;
  private final LoginThrottle throttle;

  public MeApi(IdentityRepository identities, PasswordHasher hasher, Grants grants, AuditLog audit,
      LoginThrottle throttle) {
    this.identities = identities;
    this.hasher = hasher;
    this.grants = grants;
    this.audit = audit;
    this.throttle = throttle;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("getMe", this::getMe, "changeMyPassword", this::changePassword);
  }

  public record Account(UUID id, String name) {
  }

  public record Me(UUID id, String login, String firstName, String lastName, Account account, List<String> roles,
      List<String> permissions, boolean passwordChangeRequired) {
  }

  private void getMe(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    identities.me(caller.userId(), caller.accountId())
        .map(found -> found.orElseThrow(() -> new ProblemException(Problem.of(401, "unauthorized",
            "Not authenticated", "This user no longer exists."))))
        .onSuccess(me -> Responses.json(ctx, 200, new Me(me.id(), me.login(), me.firstName(), me.lastName(),
            new Account(me.accountId(), me.accountName()),
            me.roles().stream().map(Enum::name).toList(),
            Role.permissionsOf(me.roles()).stream().map(Enum::name).toList(),
            me.passwordTemporary())))
        .onFailure(ctx::fail);
  }

  /**
   * Always allowed to a user who can log in; ends their login and refresh tokens (their API tokens too
   * when asked) and answers fresh ones for this session.
   */
  private void changePassword(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    JsonObject body = ctx.body().asJsonObject();
    String current = body.getString("currentPassword");
    String next = body.getString("newPassword");
    boolean revokeApiTokens = body.getBoolean("revokeApiTokens", false);
    if (next.equals(current)) {
      ctx.fail(invalid("/newPassword", "The new password must differ from the current one."));
      return;
    }
    // Never a password's value, nor its hash: the event says that it changed, not to what.
    AuditEvent event = AuditEvent.by(caller, ctx, "me.password_changed")
        .withTarget("user", caller.userId(), caller.login());
    String clientIp = ctx.request().remoteAddress().host();
    // A wrong current password counts as a failed login: a stolen session cannot guess it faster.
    throttle.check(caller.login(), clientIp)
        .compose(allowed -> identities.passwordHash(caller.userId(), caller.accountId()))
        .compose(hash -> hash.isEmpty() ? Future.succeededFuture(false) : hasher.verify(current, hash.get()))
        .compose(matches -> matches
            ? ctx.vertx().executeBlocking(() -> {
                PasswordPolicy.require(next, next, List.of(caller.login()));
                return next;
              }, false).compose(hasher::hash)
            : throttle.recordFailure(caller.login(), clientIp)
                .compose(counted -> audit.appendAlone(event.withOutcome(AuditEvent.REFUSED, "wrong current password")))
                .compose(written -> Future.<String>failedFuture(
                    invalid("/currentPassword", "The current password is wrong."))))
        .compose(hash -> {
          Instant now = Instant.now();
          AuditEvent changed = event.withChange("passwordTemporary", caller.passwordTemporary(), false);
          // The fresh tokens descend from just after the change, which ends every token from before it.
          return identities.inTransaction(tx -> identities.changePassword(tx, caller.userId(), caller.accountId(), hash, now)
              .compose(done -> revokeApiTokens
                  ? ApiTokens.revokeAllOf(tx, caller.accountId(), caller.userId())
                      .map(count -> changed.withChange("apiTokensRevoked", null, count))
                  : Future.succeededFuture(changed))
              .compose(audited -> audit.append(tx, audited))
              .compose(done -> grants.start(tx, ctx, caller.userId(), caller.accountId(), now.plusMillis(1))))
              .compose(granted -> throttle.clear(caller.login(), clientIp).map(granted));
        })
        .onSuccess(granted -> grants.answer(ctx, granted, caller.credential().fromCookie(), false))
        .onFailure(ctx::fail);
  }

  private static ProblemException invalid(String pointer, String detail) {
    return new ProblemException(Problem.of(400, "invalid-password-change", "Password not changed", detail)
        .withErrors(List.of(new Problem.FieldError(pointer, null, null, detail))));
  }
}
