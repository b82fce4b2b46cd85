package dev.rolecall.auth;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.http.ClientAddress;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import dev.rolecall.tokens.ApiTokens;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Logging in and out. */
public final class AuthApi {
  private final IdentityRepository identities;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final Grants grants;
  private final RefreshTokens refreshTokens;
  private final AuditLog audit;

  public AuthApi(IdentityRepository identities, PasswordHasher hasher, LoginThrottle throttle, Grants grants,
      RefreshTokens refreshTokens, AuditLog audit) {
    this.identities = identities;
    this.hasher = hasher;
    this.grants = grants;
    this.refreshTokens = refreshTokens;
    this.throttle = throttle;
    this.audit = audit;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("login", this::login, "logout", this::logout, "logoutAll", this::logoutAll);
  }

  private void login(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    String login = body.getString("login").trim();
    String password = body.getString("password");
    boolean session = body.getBoolean("session", false);
    ClientAddress clientIp = ClientAddress.of(ctx);

    throttle.attempt(login, clientIp)
        .compose(counted -> counted.judge(identities.findByLogin(login).compose(found -> found.isEmpty()
            ? hasher.verifyAgainstNothing(password).map(ignored -> new Checked(found, false))
            : hasher.verify(password, found.get().passwordHash()).map(matches -> new Checked(found, matches))),
            Checked::right))
        .compose(checked -> checked.right()
            ? Future.succeededFuture(checked.user().orElseThrow())
            : wrongCredentials(checked.user()
                .map(user -> attempt(ctx, user, login, "auth.login_failed"))
                // A login that exists nowhere belongs to no account: the service's own security log.
                .orElseGet(() -> AuditEvent.anonymous(null, ctx, "auth.login_failed").withTarget("login", null, login))))
        .compose(user -> admit(user, login, clientIp, ctx))
        .compose(user -> identities.inTransaction(tx -> grants.start(tx, ctx, user.id(), user.accountId(), Instant.now()))
            .onSuccess(granted -> grants.answer(ctx, granted, session, user.passwordTemporary())))
        .onFailure(ctx::fail);
  }

  private Future<IdentityRepository.LoginCandidate> admit(IdentityRepository.LoginCandidate user, String login,
      ClientAddress clientIp, RoutingContext ctx) {
    if (!user.active()) {
      return refused(ctx, user, login, "inactive", Problem.of(403, "account-inactive", "Account inactive",
          "This user is inactive: an administrator of the account must activate them."));
    }
    if (!Role.canLogIn(user.roles())) {
      return refused(ctx, user, login, "no login role", Problem.of(403, "no-login-role", "No role allows login",
          "None of this user's roles allows logging in: an administrator must give them one."));
    }
    return throttle.clear(login, clientIp)
        .compose(cleared -> identities.recordLogin(user.id()))
        .compose(recorded -> audit.appendAlone(attempt(ctx, user, login, "auth.login_succeeded")
            .withActor(user.id(), login)))
        .map(user);
  }

  /** An attempt on an existing user, in the user's account; until it succeeds, who tries is unknown. */
  private static AuditEvent attempt(RoutingContext ctx, IdentityRepository.LoginCandidate user, String login,
      String action) {
    return AuditEvent.anonymous(user.accountId(), ctx, action).withTarget("user", user.id(), login);
  }

  private <T> Future<T> refused(RoutingContext ctx, IdentityRepository.LoginCandidate user, String login, String why,
      Problem problem) {
    return audit.appendAlone(attempt(ctx, user, login, "auth.login_refused").withOutcome(AuditEvent.REFUSED, why))
        .compose(written -> Future.failedFuture(new ProblemException(problem)));
  }

  /** The user the login found, if any, and whether the password was theirs. */
  private record Checked(Optional<IdentityRepository.LoginCandidate> user, boolean right) {
  }

  /** The attempt stays counted by the throttle: it was counted before the password was checked. */
  private <T> Future<T> wrongCredentials(AuditEvent event) {
    return audit.appendAlone(event.withOutcome(AuditEvent.FAILED, "wrong login or password"))
        .compose(written -> Future.failedFuture(new ProblemException(Problem.of(401, "invalid-credentials",
            "Wrong login or password", "The login or the password is wrong."))));
  }

  /** Ends the presented token and its refresh family (and the family of the refresh cookie sent along). */
  private void logout(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    identities.inTransaction(tx -> identities.revoke(tx, caller.credential().tokenId(), caller.userId(),
            caller.credential().expiresAt())
        .compose(revoked -> refreshTokens.revokeFamiliesOf(tx, caller.userId(), caller.credential().tokenId(),
            Credentials.refreshToken(ctx)))
        .compose(revoked -> audit.append(tx, ownEvent(caller, ctx, "auth.logout"))))
        .onSuccess(done -> loggedOut(ctx))
        .onFailure(ctx::fail);
  }

  /** Every login token and refresh token of the caller; their API tokens too when asked. */
  private void logoutAll(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    boolean revokeApiTokens = revokeApiTokens(ctx);
    identities.inTransaction(tx -> identities.revokeAll(tx, caller.userId(), caller.accountId(), Instant.now())
        .compose(revoked -> revokeApiTokens
            ? ApiTokens.revokeAllOf(tx, caller.accountId(), caller.userId())
                .map(count -> ownEvent(caller, ctx, "auth.logout_all").withChange("apiTokensRevoked", null, count))
            : Future.succeededFuture(ownEvent(caller, ctx, "auth.logout_all")))
        .compose(event -> audit.append(tx, event)))
        .onSuccess(done -> loggedOut(ctx))
        .onFailure(ctx::fail);
  }

  /** The optional {@code revokeApiTokens} of a body that may be absent: off unless asked for. */
  static boolean revokeApiTokens(RoutingContext ctx) {
    JsonObject body = ctx.body() == null || ctx.body().isEmpty() ? null : ctx.body().asJsonObject();
    return body != null && body.getBoolean("revokeApiTokens", false);
  }

  private static AuditEvent ownEvent(Caller caller, RoutingContext ctx, String action) {
    return AuditEvent.by(caller, ctx, action).withTarget("user", caller.userId(), caller.login());
  }

  private static void loggedOut(RoutingContext ctx) {
    Credentials.clearSessionCookies(ctx);
    ctx.response().setStatusCode(204).end();
  }
}
