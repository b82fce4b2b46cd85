package dev.rolecall.auth;

import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one authorization step, in front of every operation of the contract and before its request is
 * validated: it authenticates the credential, asks {@link Decisions#decide} about the operation's
 * requirement, and answers 401 without a valid credential (an inactive user's included), 403 with the
 * decision's reason otherwise. Who the user is comes from the identity cache, which every instance empties
 * when the database announces a change, so a change applies to the next request everywhere.
 */
public final class AccessControl {
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final Authenticator authenticator;
  private final MachineAuthenticator machines;
  private final MachineAuthenticator services;
  private final IdentityChanges changes;

  /** {@code services} authenticates the platform's service clients, {@code machines} the bots' keys. */
  public AccessControl(Authenticator authenticator, MachineAuthenticator machines, MachineAuthenticator services,
      IdentityChanges changes) {
    this.authenticator = authenticator;
    this.machines = machines;
    this.services = services;
    this.changes = changes;
  }

  /** The authorization handler of one operation. */
  public Handler<RoutingContext> handlerFor(Requirement requirement) {
    return switch (requirement.kind()) {
      case PUBLIC -> RoutingContext::next;
      case MACHINE -> ctx -> machines.authenticate(ctx).onSuccess(ok -> ctx.next()).onFailure(ctx::fail);
      case SERVICE -> ctx -> services.authenticate(ctx).onSuccess(ok -> ctx.next()).onFailure(ctx::fail);
      case AUTHENTICATED, PERMISSIONS -> ctx -> check(ctx, requirement);
    };
  }

  private void check(RoutingContext ctx, Requirement requirement) {
    Credentials.Presented presented = Credentials.of(ctx).orElse(null);
    if (presented == null) {
      ctx.fail(unauthorized("Log in, then send the token as Authorization: Bearer."));
      return;
    }
    authenticator.authenticate(presented.token(), presented.fromCookie())
        .recover(e -> Future.failedFuture(e instanceof InvalidCredential ? unauthorized(e.getMessage()) : e))
        .onSuccess(authenticated -> {
          // A forged cross-site request with a stale cookie learns only that it must log in (401 above).
          if (presented.fromCookie() && !Credentials.passesCsrfCheck(ctx)) {
            ctx.fail(new ProblemException(Problem.of(403, "csrf", "Cross-site request refused",
                "Send the header " + Credentials.CSRF_HEADER + " with requests authenticated by the session cookie.")));
            return;
          }
          Decision decision = Decisions.decide(authenticated.principal(), authenticated.credential(), requirement);
          if (!decision.allowed()) {
            ctx.fail(refusal(decision));
            return;
          }
          Caller.of(authenticated).attachTo(ctx);
          if (!SAFE.contains(ctx.request().method())) {
            // The write has committed by the time its answer's headers go: the caller's next request, here,
            // must see it even if its notification is still on its way.
            ctx.addHeadersEndHandler(ended -> changes.sync());
          }
          ctx.next();
        })
        .onFailure(ctx::fail);
  }

  /** What the caller is told: the decision's reason as the problem's type, and what is missing. */
  static ProblemException refusal(Decision decision) {
    return switch (decision.reason()) {
      case INACTIVE -> unauthorized("The user is inactive; ask an account admin.");
      case NO_LOGIN_ROLE -> new ProblemException(Problem.of(403, "no-login-role", "No role allows login",
          "None of your roles allows you to use the account."));
      case LOGIN_CREDENTIAL_REQUIRED -> new ProblemException(Problem.of(403, "login-credential-required",
          "Log in for this", "An API token cannot do this: use a password login's token or session."));
      case PASSWORD_CHANGE_REQUIRED -> new ProblemException(Problem.of(403, "password-change-required",
          "Password change required",
          "Your password is temporary: change it (POST /api/me/password) before doing anything else."));
      case MISSING_PERMISSIONS -> missing(decision.missingPermissions(), "missing-permissions", "Forbidden",
          "which your roles do not grant.");
      case TOKEN_SCOPE -> missing(decision.missingPermissions(), "token-scope", "Outside the token's scope",
          "which this API token was not given.");
      case ALLOWED, NOT_FOR_USERS -> throw new IllegalStateException("not a refusal of a user: " + decision);
    };
  }

  private static ProblemException missing(Set<Permission> missing, String slug, String title, String why) {
    String names = missing.stream().map(Enum::name).collect(Collectors.joining(", "));
    return new ProblemException(Problem.of(403, slug, title,
            "This needs the permission" + (missing.size() > 1 ? "s " : " ") + names + ", " + why)
        .withMissingPermissions(missing.stream().map(Enum::name).toList()));
  }

  private static ProblemException unauthorized(String detail) {
    return new ProblemException(Problem.of(401, "unauthorized", "Not authenticated", detail));
  }
}
