package dev.rolecall.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgChannel;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the database announce changes to identities (triggers notify at commit, migration V8) and passes
 * them to the caches. While the subscription is down nothing is heard, so the caches are not trusted, and
 * when it comes back everything cached before is dropped: it may have changed meanwhile.
 *
 * <p>A change this instance just made must apply to the very next request, even before its notification
 * arrives: after such a write, {@link #sync()} sends a marker that the database delivers after every
 * notification committed before it, and the caches are not trusted until the marker is back.
 */
public final class IdentityChanges implements AutoCloseable {
  static final String CHANNEL = "rolecall_identity";
  private static final Logger LOG = LoggerFactory.getLogger(IdentityChanges.class);
  private static final long RECONNECT_EVERY_MS = 1_000;
  private static final long CHECK_EVERY_MS = 500;
  private static final long SYNC_GIVES_UP_MS = 5_000;
  private static final String SYNC = "sync:";

  private final Vertx vertx;
  private final PgSubscriber subscriber;
  private final SqlClient db;
  private final String markerPrefix = SYNC + UUID.randomUUID() + ":";
  private final AtomicLong markers = new AtomicLong();
  private final Set<Long> awaited = ConcurrentHashMap.newKeySet();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> resets = new CopyOnWriteArrayList<>();
  private final long checkTimer;
  private volatile boolean listening;

  private IdentityChanges(Vertx vertx, PgConnectOptions options, SqlClient db) {
    this.vertx = vertx;
    this.db = db;
    this.subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> RECONNECT_EVERY_MS);
    PgChannel channel = subscriber.channel(CHANNEL);
    channel.subscribeHandler(subscribed -> changeState(true));
    channel.handler(this::dispatch);
    channel.endHandler(ended -> changeState(false));
    subscriber.closeHandler(closed -> changeState(false));
    // The subscriber's handlers do not all fire on every kind of drop: its connection is the truth.
    this.checkTimer = vertx.setPeriodic(CHECK_EVERY_MS, id -> {
      if (listening && subscriber.actualConnection() == null) {
        changeState(false);
      }
    });
  }

  /** Subscribes before the service answers anything, so that nothing is cached unheard. */
  public static Future<IdentityChanges> start(Vertx vertx, PgConnectOptions options, SqlClient db) {
    IdentityChanges changes = new IdentityChanges(vertx, options, db);
    return changes.subscriber.connect().map(changes);
  }

  /** Whether changes are heard now: caches may be used only then. */
  public boolean listening() {
    return listening;
  }

  /** Whether cached identities are current: changes are heard and none made here is still on its way. */
  public boolean trusted() {
    return listening && awaited.isEmpty();
  }

  /**
   * Called after a write of this instance has committed, before its answer leaves: until the marker sent
   * now comes back, every identity is read from the database.
   */
  public void sync() {
    long marker = markers.incrementAndGet();
    awaited.add(marker);
    vertx.setTimer(SYNC_GIVES_UP_MS, id -> awaited.remove(marker));
    db.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, markerPrefix + marker))
        .onFailure(e -> awaited.remove(marker));
  }

  /** Receives every payload ({@code user:<id>}, {@code api_token:<hex digest>}, {@code account:<id>}). */
  public void onChange(Consumer<String> listener) {
    listeners.add(listener);
  }

  /** Called whenever the subscription drops or comes back: whatever was cached may be stale. */
  public void onReset(Runnable reset) {
    resets.add(reset);
  }

  private void dispatch(String payload) {
    if (payload.startsWith(SYNC)) {
      if (payload.startsWith(markerPrefix)) {
        try {
          awaited.remove(Long.parseLong(payload.substring(markerPrefix.length())));
        } catch (NumberFormatException e) {
          LOG.warn("an unreadable sync marker: {}", payload);
        }
      }
      return;
    }
    listeners.forEach(listener -> listener.accept(payload));
  }

  private synchronized void changeState(boolean nowListening) {
    if (listening != nowListening) {
      LOG.info(nowListening ? "listening for identity changes" : "identity changes cannot be heard: caches bypassed until they can");
    }
    listening = nowListening;
    awaited.clear();
    resets.forEach(Runnable::run);
  }

  @Override
  public void close() {
    vertx.cancelTimer(checkTimer);
    listening = false;
    subscriber.close();
  }
}
