package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The cache's three promises: bounded life, no use while changes cannot be heard, no failure kept. */
class FreshCacheTest {
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicBoolean listening = new AtomicBoolean(true);
  private final AtomicInteger loads = new AtomicInteger();
  private final FreshCache<String, Integer> cache =
      new FreshCache<>(Duration.ofSeconds(30), 100, nanos::get, listening::get);
  private final Function<String, Future<Integer>> load = key -> Future.succeededFuture(loads.incrementAndGet());

  @Test
  void anEntryLivesAtMostItsTimeToLive() {
    assertThat(cache.get("a", load).result()).isEqualTo(1);
    nanos.addAndGet(Duration.ofSeconds(29).toNanos());
    assertThat(cache.get("a", load).result()).isEqualTo(1);
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(cache.get("a", load).result()).isEqualTo(2);
  }

  @Test
  void whileChangesCannotBeHeardEveryGetLoads() {
    cache.get("a", load);
    listening.set(false);
    assertThat(cache.get("a", load).result()).isEqualTo(2);
    assertThat(cache.get("a", load).result()).isEqualTo(3);
  }

  @Test
  void anAnnouncedChangeDropsTheEntry() {
    cache.get("a", load);
    cache.get("b", load);
    cache.invalidate("a");
    assertThat(cache.get("a", load).result()).isEqualTo(3);
    assertThat(cache.get("b", load).result()).isEqualTo(2);
    cache.invalidateAll();
    assertThat(cache.size()).isZero();
  }

  @Test
  void aFailedLoadIsNotKept() {
    assertThat(cache.get("a", key -> Future.failedFuture("database down")).failed()).isTrue();
    assertThat(cache.get("a", load).result()).isEqualTo(1);
  }
}
