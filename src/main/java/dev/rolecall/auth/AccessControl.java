package dev.rolecall.auth;

import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one authorization step, in front of every operation of the contract and before its request is
 * validated: 401 without a valid credential, 403 naming what is missing. The user's roles and active
 * flag are read from the database on each request, so a change applies to the very next request on
 * every instance.
 */
public final class AccessControl {
  private final Tokens tokens;
  private final IdentityRepository identities;
  private final ApiTokenVerifier apiTokens;
  private final MachineAuthenticator machines;

  public AccessControl(Tokens tokens, IdentityRepository identities, ApiTokenVerifier apiTokens,
      MachineAuthenticator machines) {
    this.tokens = tokens;
    this.identities = identities;
    this.apiTokens = apiTokens;
    this.machines = machines;
  }

  /** The authorization handler of one operation. */
  public Handler<RoutingContext> handlerFor(Access access) {
    return switch (access.kind()) {
      case PUBLIC -> RoutingContext::next;
      case MACHINE -> ctx -> machines.authenticate(ctx).onSuccess(ok -> ctx.next()).onFailure(ctx::fail);
      case AUTHENTICATED, PERMISSIONS -> ctx -> check(ctx, access);
    };
  }

  private void check(RoutingContext ctx, Access access) {
    authenticate(ctx)
        .map(caller -> authorize(caller, access))
        .onSuccess(caller -> {
          caller.attachTo(ctx);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }

  private Future<Caller> authenticate(RoutingContext ctx) {
    Credentials.Presented presented = Credentials.of(ctx).orElse(null);
    if (presented == null) {
      return Future.failedFuture(unauthorized("Log in, then send the token as Authorization: Bearer."));
    }
    if (presented.fromCookie() && !Credentials.passesCsrfCheck(ctx)) {
      return Future.failedFuture(new ProblemException(Problem.of(403, "csrf", "Cross-site request refused",
          "Send the header " + Credentials.CSRF_HEADER + " with requests authenticated by the session cookie.")));
    }
    if (presented.token().startsWith(ApiTokenVerifier.PREFIX) && !presented.fromCookie()) {
      return apiTokens.verify(presented.token())
          .recover(e -> Future.failedFuture(unauthorized("The API token is unknown, revoked or expired.")))
          .compose(this::apiTokenCaller);
    }
    return tokens.verify(presented.token())
        .recover(e -> Future.failedFuture(unauthorized("The token is invalid or expired; log in again.")))
        .compose(claims -> loginCaller(claims, presented.fromCookie()));
  }

  private Future<Caller> loginCaller(Tokens.Claims claims, boolean fromCookie) {
    return identities.principal(claims.userId(), claims.accountId(), claims.tokenId()).map(found -> {
      IdentityRepository.Principal principal = found
          .filter(IdentityRepository.Principal::active)
          .filter(p -> !p.tokenRevoked())
          .filter(p -> claims.issuedAt().isAfter(p.tokensValidAfter()))
          .orElseThrow(() -> unauthorized("The token is no longer valid; log in again."));
      return caller(principal, Role.permissionsOf(principal.roles()),
          new Caller.Credential(Caller.Credential.Kind.LOGIN, claims.tokenId(), claims.expiresAt(), fromCookie));
    });
  }

  /** An API token acts with its owner's current permissions, narrowed to those it was created with. */
  private Future<Caller> apiTokenCaller(ApiTokenVerifier.Verified token) {
    return identities.principal(token.userId(), token.accountId(), token.tokenId()).map(found -> {
      IdentityRepository.Principal principal = found
          .filter(IdentityRepository.Principal::active)
          .orElseThrow(() -> unauthorized("The API token's owner is inactive or gone."));
      Set<Permission> permissions = Role.permissionsOf(principal.roles());
      token.permissions().ifPresent(permissions::retainAll);
      return caller(principal, permissions,
          new Caller.Credential(Caller.Credential.Kind.API_TOKEN, token.tokenId(), token.expiresAt(), false));
    });
  }

  private static Caller caller(IdentityRepository.Principal principal, Set<Permission> permissions,
      Caller.Credential credential) {
    if (!Role.canLogIn(principal.roles())) {
      throw new ProblemException(Problem.of(403, "no-login-role", "No role allows login",
          "None of your roles allows you to use the account."));
    }
    return new Caller(principal.id(), principal.accountId(), principal.login(), principal.roles(), permissions,
        principal.passwordTemporary(), credential);
  }

  private static Caller authorize(Caller caller, Access access) {
    if (access.loginCredentialOnly() && caller.credential().kind() != Caller.Credential.Kind.LOGIN) {
      throw new ProblemException(Problem.of(403, "login-credential-required", "Log in for this",
          "API tokens cannot manage API tokens: use a password login's token or session."));
    }
    if (caller.passwordTemporary() && !access.allowedWithTemporaryPassword()) {
      throw new ProblemException(Problem.of(403, "password-change-required", "Password change required",
          "Your password is temporary: change it (POST /api/me/password) before doing anything else."));
    }
    Set<Permission> missing = EnumSet.noneOf(Permission.class);
    missing.addAll(access.permissions());
    missing.removeAll(caller.permissions());
    if (!missing.isEmpty()) {
      String names = missing.stream().map(Enum::name).collect(Collectors.joining(", "));
      throw new ProblemException(Problem.of(403, "forbidden", "Forbidden",
          "This needs the permission" + (missing.size() > 1 ? "s " : " ") + names + ", which your roles do not grant.")
          .withMissingPermissions(missing.stream().map(Enum::name).toList()));
    }
    return caller;
  }

  private static ProblemException unauthorized(String detail) {
    return new ProblemException(Problem.of(401, "unauthorized", "Not authenticated", detail));
  }
}
