package dev.rolecall.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rolecall.http.ClientAddress;
import dev.rolecall.http.Responses;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What a login, a refresh and a password change hand out: a short-lived access token and the next
 * refresh token of a family. The web app gets both as HttpOnly cookies and neither in the body, so no
 * script of the page ever holds one; an API client gets both in the body.
 */
public final class Grants {
  private final Tokens tokens;
  private final RefreshTokens refresh;
  private final Optional<String> issuer;

  public Grants(Tokens tokens, RefreshTokens refresh, Optional<String> issuer) {
    this.tokens = tokens;
    this.refresh = refresh;
    this.issuer = issuer;
  }

  public record Granted(Tokens.Issued access, String refreshToken) {
  }

  /** The answer to a token request; the tokens are absent when they went into cookies. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TokenAnswer(String accessToken, String refreshToken, String tokenType, long expiresIn,
      boolean passwordChangeRequired) {
  }

  /** A new family, at a password login (or password change) made at {@code authenticatedAt}. */
  public Future<Granted> start(SqlClient tx, RoutingContext ctx, UUID userId, UUID accountId, Instant authenticatedAt) {
    return next(tx, ctx, UUID.randomUUID(), userId, accountId, authenticatedAt);
  }

  /** The next tokens of a family; the access token descends from the family's login. */
  public Future<Granted> next(SqlClient tx, RoutingContext ctx, UUID familyId, UUID userId, UUID accountId,
      Instant authenticatedAt) {
    Tokens.Issued access = tokens.issue(userId, accountId, authenticatedAt, issuer(ctx));
    return refresh.add(tx, familyId, userId, accountId, authenticatedAt, access.claims().tokenId(),
            new RefreshTokens.Client(ClientAddress.of(ctx).host(), ctx.request().getHeader("User-Agent")))
        .map(secret -> new Granted(access, secret));
  }

  public void answer(RoutingContext ctx, Granted granted, boolean session, boolean passwordTemporary) {
    long expiresIn = tokens.ttl().toSeconds();
    if (session) {
      Credentials.setSessionCookies(ctx, granted.access().token(), tokens.ttl(), granted.refreshToken(), refresh.ttl());
      Responses.json(ctx, 200, new TokenAnswer(null, null, null, expiresIn, passwordTemporary));
    } else {
      Responses.json(ctx, 200, new TokenAnswer(granted.access().token(), granted.refreshToken(), "Bearer", expiresIn,
          passwordTemporary));
    }
  }

  /** ROLECALL_ISSUER, or else the scheme and host that the request came to. */
  public String issuer(RoutingContext ctx) {
    return issuer.orElseGet(() -> ClientAddress.of(ctx).scheme() + "://" + ctx.request().authority());
  }
}
