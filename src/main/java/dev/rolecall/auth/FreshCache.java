package dev.rolecall.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Answers from the database kept in memory for a bounded time, dropped as soon as a change is announced,
 * and not used at all while announcements cannot be heard: a lost notification can keep a stale entry
 * alive for at most the time to live. It holds the loads' futures, so that concurrent misses share one
 * query; a failed load is forgotten.
 */
public final class FreshCache<K, V> {
  private final Cache<K, Future<V>> entries;
  private final BooleanSupplier trusted;

  public FreshCache(Duration timeToLive, long maximumSize, Ticker ticker, BooleanSupplier trusted) {
    this.entries = Caffeine.newBuilder()
        .expireAfterWrite(timeToLive)
        .maximumSize(maximumSize)
        .ticker(ticker)
        .build();
    this.trusted = trusted;
  }

  public Future<V> get(K key, Function<K, Future<V>> load) {
    if (!trusted.getAsBoolean()) {
      return load.apply(key);
    }
    Future<V> value = entries.get(key, load);
    if (!value.isComplete()) {
      value.onFailure(e -> entries.asMap().remove(key, value));
    } else if (value.failed()) {
      entries.asMap().remove(key, value);
    }
    return value;
  }

  public void invalidate(K key) {
    entries.invalidate(key);
  }

  public void invalidateAll() {
    entries.invalidateAll();
  }

  public long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }
}
