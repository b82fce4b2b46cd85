package dev.rolecall.feed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Purges the events older than the retention, now and then; every instance may, the purge is idempotent. */
public final class AccessEventRetention implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AccessEventRetention.class);
  private static final Duration AT_MOST_EVERY = Duration.ofMinutes(10);

  private final Vertx vertx;
  private final AccessEventRepository events;
  private final Duration retention;
  private final Clock clock;
  private long timer = -1;

  public AccessEventRetention(Vertx vertx, AccessEventRepository events, Duration retention, Clock clock) {
    this.vertx = vertx;
    this.events = events;
    this.retention = retention;
    this.clock = clock;
  }

  /** A short retention is purged more often, so that nothing outlives it by much more than itself. */
  public AccessEventRetention start() {
    long every = Math.max(1_000, Math.min(AT_MOST_EVERY.toMillis(), retention.toMillis() / 2));
    timer = vertx.setPeriodic(every, id -> purge()
        .onFailure(e -> LOG.warn("purging the change feed's old events failed: {}", e.toString())));
    return this;
  }

  /** Deletes what occurred more than the retention ago; answers the id up to which events are gone. */
  public Future<Long> purge() {
    return events.purge(clock.instant().minus(retention));
  }

  @Override
  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
