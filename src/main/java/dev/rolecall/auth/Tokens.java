package dev.rolecall.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Login tokens: short-lived ES256 JWTs that carry identity only (issuer, user, account, token id, when
 * issued, expiry), never roles or permissions, which are read fresh on every request.
 */
public final class Tokens {
  /** Clock differences between the instance that signed and the one that verifies. */
  public static final Duration SLACK = Duration.ofSeconds(60);

  private final SigningKeys keys;
  private final Duration ttl;
  private final Optional<String> issuer;

  public Tokens(SigningKeys keys, Duration ttl, Optional<String> issuer) {
    this.keys = keys;
    this.ttl = ttl;
    this.issuer = issuer;
  }

  public record Claims(UUID userId, UUID accountId, UUID tokenId, Instant issuedAt, Instant expiresAt) {
  }

  public record Issued(String token, Claims claims) {
  }

  public Duration ttl() {
    return ttl;
  }

  /** The longest a token signed here can be valid: what offline verifiers and the JWKS must allow for. */
  public Duration maxLifetime() {
    return ttl.plus(SLACK);
  }

  public SigningKeys keys() {
    return keys;
  }

  /** A token whose issuer is the configured one, or none when the issuer follows each request's host. */
  public Issued issue(UUID userId, UUID accountId, Instant authenticatedAt) {
    return issue(userId, accountId, authenticatedAt, issuer.orElse(null));
  }

  /**
   * A token valid for the ttl from now. {@code authenticatedAt} is the password login (or password
   * change) the token descends from, however many refreshes ago: it travels in milliseconds
   * ({@code auth}, finer than the JWT's seconds) and is what {@link Claims#issuedAt()} answers, so that a
   * "logout everywhere" ends every token of the sessions before it, even one refreshed a moment later.
   */
  public Issued issue(UUID userId, UUID accountId, Instant authenticatedAt, String iss) {
    UUID tokenId = UUID.randomUUID();
    Instant expiresAt = Instant.ofEpochSecond(Instant.now().plus(ttl).getEpochSecond());
    JsonObject claims = new JsonObject()
        .put("sub", userId.toString())
        .put("acc", accountId.toString())
        .put("jti", tokenId.toString())
        .put("auth", authenticatedAt.toEpochMilli());
    if (iss != null) {
      claims.put("iss", iss);
    }
    return new Issued(keys.sign(claims, ttl), new Claims(userId, accountId, tokenId, authenticatedAt, expiresAt));
  }

  /** Refuses, besides what the keys refuse, a token that lives longer than ours do or names another issuer. */
  public Future<Claims> verify(String token) {
    return keys.verify(token).compose(claims -> {
      long lifetime = claims.getLong("exp") - claims.getLong("iat");
      if (lifetime > maxLifetime().toSeconds()) {
        return Future.failedFuture(new IllegalArgumentException("the token lives longer than tokens signed here"));
      }
      if (issuer.isPresent() && !issuer.get().equals(claims.getValue("iss"))) {
        return Future.failedFuture(new IllegalArgumentException("the token names another issuer"));
      }
      return Future.succeededFuture(new Claims(
          UUID.fromString(claims.getString("sub")),
          UUID.fromString(claims.getString("acc")),
          UUID.fromString(claims.getString("jti")),
          Instant.ofEpochMilli(claims.getLong("auth")),
          Instant.ofEpochSecond(claims.getLong("exp"))));
    });
  }
}
