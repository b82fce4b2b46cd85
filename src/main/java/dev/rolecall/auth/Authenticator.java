package dev.rolecall.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Turns a presented credential (a login JWT or an {@code rcp_} API token) into the principal it stands for
 * now, or fails with {@link InvalidCredential}. Verified signatures are remembered until the token expires
 * or the signing keys change (an ES256 check costs tens of microseconds); API tokens and who the principal
 * is come from caches that every instance empties when the database announces a change.
 */
public final class Authenticator {
  private static final long MAXIMUM_VERIFIED_TOKENS = 200_000;
  private static final Duration REMEMBER_VERIFIED = Duration.ofMinutes(10);

  private final Tokens tokens;
  private final ApiTokenVerifier apiTokens;
  private final IdentityCache identities;
  private final Clock clock;
  private final Cache<String, Verified> verified = Caffeine.newBuilder()
      .maximumSize(MAXIMUM_VERIFIED_TOKENS)
      .expireAfterWrite(REMEMBER_VERIFIED)
      .build();

  private record Verified(Tokens.Claims claims, long keyGeneration) {
  }

  public Authenticator(Tokens tokens, ApiTokenVerifier apiTokens, IdentityCache identities, Clock clock) {
    this.tokens = tokens;
    this.apiTokens = apiTokens;
    this.identities = identities;
    this.clock = clock;
  }

  /** Who presented the credential, and how; {@code issuedAt} is a login token's, and null for an API token. */
  public record Authenticated(Identity identity, Credential credential, Instant issuedAt) {
    public Principal principal() {
      return identity.principal();
    }
  }

  /** {@code fromCookie}: the web app's session cookie, which only ever holds a login token. */
  public Future<Authenticated> authenticate(String presented, boolean fromCookie) {
    if (presented.startsWith(ApiTokenVerifier.PREFIX) && !fromCookie) {
      return apiTokens.verify(presented)
          .recover(e -> Future.failedFuture(new InvalidCredential("The API token is unknown, revoked or expired.")))
          .compose(token -> owner(token.userId(), token.accountId(), "The API token's owner is gone.")
              .map(identity -> new Authenticated(identity,
                  Credential.apiToken(token.tokenId(), token.expiresAt(), token.permissions()), null)));
    }
    return claims(presented).compose(claims -> owner(claims.userId(), claims.accountId(),
            "The token is no longer valid; log in again.")
        .compose(identity -> identity.accepts(claims.tokenId(), claims.issuedAt())
            ? Future.succeededFuture(new Authenticated(identity,
                Credential.login(claims.tokenId(), claims.expiresAt(), fromCookie), claims.issuedAt()))
            : Future.failedFuture(new InvalidCredential("The token is no longer valid; log in again."))));
  }

  private Future<Tokens.Claims> claims(String token) {
    Verified known = verified.getIfPresent(token);
    long generation = tokens.keys().generation();
    if (known != null && known.keyGeneration() == generation) {
      return known.claims().expiresAt().isAfter(clock.instant())
          ? Future.succeededFuture(known.claims())
          : Future.failedFuture(new InvalidCredential("The token has expired; log in again."));
    }
    return tokens.verify(token)
        .recover(e -> Future.failedFuture(new InvalidCredential("The token is invalid or expired; log in again.")))
        .onSuccess(claims -> verified.put(token, new Verified(claims, generation)));
  }

  private Future<Identity> owner(UUID userId, UUID accountId, String gone) {
    return identities.identity(userId).compose(found -> found
        .filter(identity -> identity.accountId().equals(accountId))
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new InvalidCredential(gone))));
  }
}
