package dev.rolecall.tokens;

import dev.rolecall.auth.Secrets;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.rolecall.auth.ApiTokenVerifier;
import dev.rolecall.auth.FreshCache;
import dev.rolecall.auth.IdentityChanges;
import dev.rolecall.auth.Permission;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Recognises API tokens by the SHA-256 digest of their secret. What a digest stands for is cached until the
 * database announces a change to that token (migration V8), and its last use is written at most once a
 * minute, so that a script's every request costs no database round trip.
 */
public final class ApiTokens implements ApiTokenVerifier {
  static final int PREFIX_LENGTH = 12;
  private static final long MAXIMUM_TOKENS = 100_000;
  private static final String CHANGED = "api_token:";

  private final Pool pool;
  private final Clock clock;
  private final FreshCache<String, Optional<Verified>> valid;
  private final Cache<UUID, Boolean> touchedLately = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(MAXIMUM_TOKENS).build();

  public ApiTokens(Pool pool, IdentityChanges changes, Duration timeToLive, Clock clock) {
    this.pool = pool;
    this.clock = clock;
    this.valid = new FreshCache<>(timeToLive, MAXIMUM_TOKENS, Ticker.systemTicker(), changes::trusted);
    changes.onChange(payload -> {
      if (payload.startsWith(CHANGED)) {
        valid.invalidate(payload.substring(CHANGED.length()));
      }
    });
    changes.onReset(valid::invalidateAll);
  }

  @Override
  public Future<Verified> verify(String secret) {
    return valid.get(HexFormat.of().formatHex(digest(secret)), this::load)
        .map(found -> found
            .filter(token -> token.expiresAt().isAfter(clock.instant()))
            .orElseThrow(() -> new IllegalArgumentException("unknown, revoked or expired API token")))
        .onSuccess(token -> {
          if (touchedLately.asMap().putIfAbsent(token.tokenId(), true) == null) {
            ApiTokenRepository.touch(pool, token.tokenId());
          }
        });
  }

  private Future<Optional<Verified>> load(String digestHex) {
    return ApiTokenRepository.findValid(pool, HexFormat.of().parseHex(digestHex))
        .map(found -> found.map(token -> new Verified(token.id(), token.userId(), token.accountId(),
            permissions(token.permissions()), token.expiresAt())));
  }

  /** Ends every API token of the user, in the caller's transaction; answers how many still worked. */
  public static Future<Integer> revokeAllOf(SqlClient db, UUID accountId, UUID userId) {
    return ApiTokenRepository.revokeAll(db, accountId, userId);
  }

  static String newSecret() {
    return Secrets.newSecret(PREFIX);
  }

  static byte[] digest(String secret) {
    return Secrets.digest(secret);
  }

  private static Optional<Set<Permission>> permissions(String[] names) {
    if (names == null) {
      return Optional.empty();
    }
    EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
    Arrays.stream(names).forEach(name -> Permission.named(name).ifPresent(permissions::add));
    return Optional.of(permissions);
  }
}
