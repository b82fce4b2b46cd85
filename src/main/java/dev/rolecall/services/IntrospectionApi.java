package dev.rolecall.services;

import dev.rolecall.auth.Authenticator;
import dev.rolecall.auth.Credential;
import dev.rolecall.auth.Decisions;
import dev.rolecall.auth.InvalidCredential;
import dev.rolecall.auth.Role;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import dev.rolecall.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code POST /oauth/introspect} (RFC 7662) for resource servers and their OAuth libraries: whether a token
 * is active now and what it stands for. Nothing is said of an inactive token but that: not why, nor whose.
 *
 * <p>vertx-openapi cannot validate form-encoded bodies, so the router is given this operation without its
 * body (see {@code RouterContract}) and its one field is checked here, against the contract's limit.
 */
public final class IntrospectionApi {
  private static final int MAX_TOKEN_LENGTH = 4096;

  private final Authenticator authenticator;

  public IntrospectionApi(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("introspectToken", this::introspect);
  }

  private void introspect(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      ctx.fail(new ProblemException(Problem.of(415, "unsupported-media-type", "Form expected",
          "Send the token form-encoded (application/x-www-form-urlencoded), as RFC 7662 says.")));
      return;
    }
    String token = ctx.request().getFormAttribute("token");
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      ctx.fail(new ProblemException(Problem.of(400, "validation", "Invalid request",
          "The form field token is required, of at most " + MAX_TOKEN_LENGTH + " characters.")));
      return;
    }
    ServiceClient client = ServiceClient.of(ctx);
    authenticator.authenticate(token, false)
        .map(authenticated -> {
          var identity = authenticated.identity();
          // A temporary password may do nothing but change itself: its token is not active for anyone else.
          if (!client.serves(identity.accountId()) || !identity.active() || !Role.canLogIn(identity.roles())
              || identity.passwordTemporary()) {
            return inactive();
          }
          Credential credential = authenticated.credential();
          JsonObject answer = new JsonObject()
              .put("active", true)
              .put("sub", identity.userId().toString())
              .put("account", identity.accountId().toString())
              .put("username", identity.login())
              .put("exp", credential.expiresAt().getEpochSecond())
              .put("token_type", credential.kind() == Credential.Kind.LOGIN ? "Bearer" : "api_token")
              .put("scope", Decisions.effectivePermissions(authenticated.principal(), credential).stream()
                  .map(Enum::name).sorted().collect(Collectors.joining(" ")));
          if (authenticated.issuedAt() != null) {
            answer.put("iat", authenticated.issuedAt().getEpochSecond());
          }
          return answer;
        })
        .recover(e -> e instanceof InvalidCredential ? Future.succeededFuture(inactive()) : Future.failedFuture(e))
        .onSuccess(answer -> {
          // RFC 7662 section 2.2 with RFC 6749 section 5.1: the answer may not be cached.
          ctx.response().putHeader("Cache-Control", "no-store");
          Responses.json(ctx, 200, answer);
        })
        .onFailure(ctx::fail);
  }

  private static JsonObject inactive() {
    return new JsonObject().put("active", false);
  }
}
