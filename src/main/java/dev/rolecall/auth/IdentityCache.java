package dev.rolecall.auth;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The identities of users who made requests lately, so that authorizing a request costs no database
 * round trip. An announced change drops the user's entry at once (every instance hears it); an entry
 * lives at most {@code timeToLive} in any case.
 */
public final class IdentityCache {
  private static final long MAXIMUM_USERS = 1_000_000;

  private final IdentityRepository repository;
  private final FreshCache<UUID, Optional<Identity>> cache;

  public IdentityCache(IdentityRepository repository, IdentityChanges changes, Duration timeToLive, Ticker ticker) {
    this.repository = repository;
    this.cache = new FreshCache<>(timeToLive, MAXIMUM_USERS, ticker, changes::trusted);
    changes.onChange(this::changed);
    changes.onReset(cache::invalidateAll);
  }

  public Future<Optional<Identity>> identity(UUID userId) {
    return cache.get(userId, repository::identity);
  }

  private void changed(String payload) {
    if (payload.startsWith("user:")) {
      try {
        cache.invalidate(UUID.fromString(payload.substring(5)));
      } catch (IllegalArgumentException e) {
        cache.invalidateAll();
      }
    } else if (payload.startsWith("account:")) {
      // An account's name is in its users' entries; renaming is rare enough to start afresh.
      cache.invalidateAll();
    }
  }
}
