package dev.rolecall.auth;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;

/**
 * Exchanging a refresh token for new tokens. The web app's token comes in its cookie (and the answer
 * sets new cookies), an API client's in the body. Each token works once: the next one of its family
 * comes back, and a used one presented again means that two parties hold it, so the whole family ends.
 */
public final class RefreshApi {
  private final IdentityRepository identities;
  private final RefreshTokens refreshTokens;
  private final Grants grants;
  private final AuditLog audit;

  public RefreshApi(IdentityRepository identities, RefreshTokens refreshTokens, Grants grants, AuditLog audit) {
    this.identities = identities;
    this.refreshTokens = refreshTokens;
    this.grants = grants;
    this.audit = audit;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("refreshTokens", this::refresh);
  }

  /** New tokens, or none: a refusal is answered after the commit, so that a reuse does end its family. */
  private record Outcome(Grants.Granted granted, boolean passwordTemporary) {
  }

  private void refresh(RoutingContext ctx) {
    JsonObject body = ctx.body() == null || ctx.body().isEmpty() ? null : ctx.body().asJsonObject();
    Optional<String> fromBody = Optional.ofNullable(body).map(json -> json.getString("refreshToken"));
    boolean session = fromBody.isEmpty();
    Optional<String> secret = session ? Credentials.refreshToken(ctx) : fromBody;
    if (secret.isEmpty()) {
      ctx.fail(new ProblemException(Problem.of(400, "refresh-token-missing", "No refresh token",
          "Send the refresh token: in the body, or as the web app's cookie.")));
      return;
    }
    if (session && !Credentials.passesCsrfCheck(ctx)) {
      ctx.fail(new ProblemException(Problem.of(403, "csrf", "Cross-site request refused",
          "Send the header " + Credentials.CSRF_HEADER + " with requests authenticated by the session cookie.")));
      return;
    }
    identities.inTransaction(tx -> refreshTokens.find(tx, secret.get()).compose(found -> {
          if (found.isEmpty()) {
            return Future.succeededFuture(new Outcome(null, false));
          }
          RefreshTokens.Presented token = found.get();
          if (token.used()) {
            return refreshTokens.revokeFamily(tx, token.familyId())
                .compose(revoked -> audit.append(tx, AuditEvent.anonymous(token.accountId(), ctx, "auth.refresh_reused")
                    .withTarget("user", token.userId(), null)
                    .withOutcome(AuditEvent.REFUSED, "a used refresh token came back: its family is revoked")))
                .map(new Outcome(null, false));
          }
          if (!token.usable() || !token.ownerMayLogIn()) {
            return Future.succeededFuture(new Outcome(null, false));
          }
          return refreshTokens.markUsed(tx, token.id())
              .compose(used -> grants.next(tx, ctx, token.familyId(), token.userId(), token.accountId(),
                  token.authenticatedAt()))
              .map(granted -> new Outcome(granted, token.passwordTemporary()));
        }))
        .onSuccess(outcome -> {
          if (outcome.granted() == null) {
            if (session) {
              Credentials.clearSessionCookies(ctx);
            }
            ctx.fail(refused("The refresh token is unknown, used, revoked or expired; log in again."));
          } else {
            grants.answer(ctx, outcome.granted(), session, outcome.passwordTemporary());
          }
        })
        .onFailure(ctx::fail);
  }

  private static ProblemException refused(String detail) {
    return new ProblemException(Problem.of(401, "unauthorized", "Not authenticated", detail));
  }
}
