package dev.rolecall.feed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgChannel;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The change feed of this instance: its events, their retention, and one subscription to the database's
 * announcements (migration V12 notifies each event's id at commit) that wakes every open stream. A payload
 * only says "there is news": streams always read what follows their position from the table, so a lost,
 * duplicated or reordered notification costs nothing but a read.
 */
public final class AccessFeed implements AutoCloseable {
  static final String CHANNEL = "rolecall_access_events";
  private static final long RECONNECT_EVERY_MS = 1_000;
  private static final String SERVICE_CLIENT = "service_client:";

  private final AccessEventRepository events;
  private final AccessEventRetention retention;
  private final PgSubscriber subscriber;
  private final Set<AccessEventStream> streams = ConcurrentHashMap.newKeySet();

  private AccessFeed(Vertx vertx, Pool pool, PgConnectOptions options, FeedConfig config, Clock clock) {
    this.events = new AccessEventRepository(pool);
    this.retention = new AccessEventRetention(vertx, events, config.retention(), clock);
    this.subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> RECONNECT_EVERY_MS);
    PgChannel channel = subscriber.channel(CHANNEL);
    channel.handler(payload -> wakeAll());
    // Back after a drop: whatever was announced meanwhile was not heard.
    channel.subscribeHandler(subscribed -> wakeAll());
  }

  public static Future<AccessFeed> start(Vertx vertx, Pool pool, PgConnectOptions options, FeedConfig config,
      Clock clock) {
    AccessFeed feed = new AccessFeed(vertx, pool, options, config, clock);
    return feed.subscriber.connect().map(connected -> {
      feed.retention.start();
      return feed;
    });
  }

  public AccessEventRepository events() {
    return events;
  }

  public AccessEventRetention retention() {
    return retention;
  }

  /** Wakes {@code stream} after each announcement, until it leaves. */
  void open(AccessEventStream stream) {
    streams.add(stream);
  }

  void left(AccessEventStream stream) {
    streams.remove(stream);
  }

  /**
   * Ends every open stream, as the server stops: their answers would last for good otherwise, and each
   * client reconnects (to another instance) with its last id.
   */
  public void endStreams() {
    streams.forEach(AccessEventStream::endSoon);
  }

  /**
   * Hears the identity announcements (migration V8, V11): a service client revoked, or whose accounts
   * changed, has its streams ended; it reconnects under what it is now, or is refused.
   */
  public void onIdentityChange(String payload) {
    if (payload.startsWith(SERVICE_CLIENT)) {
      try {
        UUID client = UUID.fromString(payload.substring(SERVICE_CLIENT.length()));
        streams.stream().filter(stream -> stream.client().equals(client)).forEach(AccessEventStream::endSoon);
      } catch (IllegalArgumentException e) {
        // not a client's id: nothing of ours
      }
    }
  }

  private void wakeAll() {
    streams.forEach(AccessEventStream::wake);
  }

  @Override
  public void close() {
    retention.close();
    endStreams();
    subscriber.close();
  }
}
