package dev.rolecall.tokens;

import dev.rolecall.auth.ApiTokenVerifier;
import dev.rolecall.auth.Permission;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Recognises API tokens by the SHA-256 digest of their secret. */
public final class ApiTokens implements ApiTokenVerifier {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SECRET_BYTES = 32;
  static final int PREFIX_LENGTH = 12;

  private final Pool pool;

  public ApiTokens(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Verified> verify(String secret) {
    return ApiTokenRepository.findValid(pool, digest(secret))
        .map(found -> found.orElseThrow(() -> new IllegalArgumentException("unknown, revoked or expired API token")))
        .map(valid -> {
          ApiTokenRepository.touch(pool, valid.id());
          return new Verified(valid.id(), valid.userId(), valid.accountId(), permissions(valid.permissions()),
              valid.expiresAt());
        });
  }

  /** Ends every API token of the user, in the caller's transaction; answers how many still worked. */
  public static Future<Integer> revokeAllOf(SqlClient db, UUID accountId, UUID userId) {
    return ApiTokenRepository.revokeAll(db, accountId, userId);
  }

  /** A new secret: a recognisable prefix and 256 random bits. */
  static String newSecret() {
    byte[] random = new byte[SECRET_BYTES];
    RANDOM.nextBytes(random);
    return PREFIX + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Set<Permission>> permissions(String[] names) {
    if (names == null) {
      return Optional.empty();
    }
    EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
    Arrays.stream(names).forEach(name -> Arrays.stream(Permission.values())
        .filter(p -> p.name().equals(name)).findFirst().ifPresent(permissions::add));
    return Optional.of(permissions);
  }
}
