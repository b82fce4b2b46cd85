package dev.rolecall.auth;

import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import dev.rolecall.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Map;

/** Logging in and out. */
public final class AuthApi {
  private final IdentityRepository identities;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final Tokens tokens;

  public AuthApi(IdentityRepository identities, PasswordHasher hasher, LoginThrottle throttle, Tokens tokens) {
    this.identities = identities;
    this.hasher = hasher;
    this.tokens = tokens;
    this.throttle = throttle;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("login", this::login, "logout", this::logout, "logoutAll", this::logoutAll);
  }

  /** The answer to a token request: the same shape for login and a password change. */
  public record TokenAnswer(String accessToken, String tokenType, long expiresIn, boolean passwordChangeRequired) {
  }

  private void login(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    String login = body.getString("login").trim();
    String password = body.getString("password");
    boolean session = body.getBoolean("session", false);
    String clientIp = ctx.request().remoteAddress().host();

    throttle.check(login, clientIp)
        .compose(allowed -> identities.findByLogin(login))
        .compose(found -> found.isEmpty()
            ? hasher.verifyAgainstNothing(password).compose(ignored -> wrongCredentials(login, clientIp))
            : hasher.verify(password, found.get().passwordHash()).compose(matches -> matches
                ? Future.succeededFuture(found.get())
                : wrongCredentials(login, clientIp)))
        .compose(user -> admit(user, login, clientIp))
        .onSuccess(user -> {
          Tokens.Issued issued = tokens.issue(user.id(), user.accountId(), Instant.now());
          if (session) {
            Credentials.setSessionCookie(ctx, issued.token(), tokens.ttl());
          }
          Responses.json(ctx, 200, answer(issued, user.passwordTemporary()));
        })
        .onFailure(ctx::fail);
  }

  private Future<IdentityRepository.LoginCandidate> admit(IdentityRepository.LoginCandidate user, String login,
      String clientIp) {
    if (!user.active()) {
      return Future.failedFuture(new ProblemException(Problem.of(403, "account-inactive", "Account inactive",
          "This user is inactive: an administrator of the account must activate them.")));
    }
    if (!Role.canLogIn(user.roles())) {
      return Future.failedFuture(new ProblemException(Problem.of(403, "no-login-role", "No role allows login",
          "None of this user's roles allows logging in: an administrator must give them one.")));
    }
    return throttle.clear(login, clientIp)
        .compose(cleared -> identities.recordLogin(user.id()))
        .map(user);
  }

  private <T> Future<T> wrongCredentials(String login, String clientIp) {
    return throttle.recordFailure(login, clientIp).compose(recorded -> Future.failedFuture(new ProblemException(
        Problem.of(401, "invalid-credentials", "Wrong login or password", "The login or the password is wrong."))));
  }

  private void logout(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    identities.revoke(caller.credential().tokenId(), caller.userId(), caller.credential().expiresAt())
        .onSuccess(done -> loggedOut(ctx))
        .onFailure(ctx::fail);
  }

  private void logoutAll(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    identities.revokeAll(caller.userId(), caller.accountId(), Instant.now())
        .onSuccess(done -> loggedOut(ctx))
        .onFailure(ctx::fail);
  }

  private static void loggedOut(RoutingContext ctx) {
    Credentials.clearSessionCookie(ctx);
    ctx.response().setStatusCode(204).end();
  }

  static TokenAnswer answer(Tokens.Issued issued, boolean passwordTemporary) {
    long expiresIn = issued.claims().expiresAt().getEpochSecond() - issued.claims().issuedAt().getEpochSecond();
    return new TokenAnswer(issued.token(), "Bearer", expiresIn, passwordTemporary);
  }
}
