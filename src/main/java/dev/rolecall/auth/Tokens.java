package dev.rolecall.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Login tokens: JWTs that carry identity only (user, account, token id, when issued, expiry), never
 * roles or permissions, which are read fresh on every request.
 */
public final class Tokens {
  private final SigningKeys keys;
  private final Duration ttl;

  public Tokens(SigningKeys keys, Duration ttl) {
    this.keys = keys;
    this.ttl = ttl;
  }

  public record Claims(UUID userId, UUID accountId, UUID tokenId, Instant issuedAt, Instant expiresAt) {
  }

  public record Issued(String token, Claims claims) {
  }

  public Duration ttl() {
    return ttl;
  }

  /**
   * {@code issuedAt} travels in milliseconds ({@code auth}), finer than the JWT's seconds, so a token
   * issued just after a "logout everywhere" is told apart from one issued just before it.
   */
  public Issued issue(UUID userId, UUID accountId, Instant issuedAt) {
    UUID tokenId = UUID.randomUUID();
    Instant expiresAt = Instant.ofEpochSecond(issuedAt.plus(ttl).getEpochSecond());
    String token = keys.sign(new JsonObject()
        .put("sub", userId.toString())
        .put("acc", accountId.toString())
        .put("jti", tokenId.toString())
        .put("auth", issuedAt.toEpochMilli()), ttl);
    return new Issued(token, new Claims(userId, accountId, tokenId, issuedAt, expiresAt));
  }

  public Future<Claims> verify(String token) {
    return keys.verify(token).map(claims -> new Claims(
        UUID.fromString(claims.getString("sub")),
        UUID.fromString(claims.getString("acc")),
        UUID.fromString(claims.getString("jti")),
        Instant.ofEpochMilli(claims.getLong("auth")),
        Instant.ofEpochSecond(claims.getLong("exp"))));
  }
}
