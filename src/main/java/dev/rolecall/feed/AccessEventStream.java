package dev.rolecall.feed;

import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's Server-Sent Events. Its position is the id up to which it has read the table; each
 * piece of news (or heartbeat) reads what follows, one read at a time, so events go out in id order, once.
 * Runs on the request's context only.
 */
final class AccessEventStream {
  private static final Logger LOG = LoggerFactory.getLogger(AccessEventStream.class);
  private static final int BATCH = 500;

  private final Vertx vertx;
  private final Context context;
  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private final AccessEventRepository events;
  private final UUID client;
  private final Optional<Set<UUID>> accounts;
  private final long heartbeatMs;
  private long position;
  private long told;
  private boolean started;
  private boolean reading;
  private boolean again;
  private boolean closed;
  private long heartbeat = -1;
  private AccessFeed feed;

  AccessEventStream(RoutingContext ctx, AccessEventRepository events, UUID client, Optional<Set<UUID>> accounts,
      long position, long heartbeatMs) {
    this.vertx = ctx.vertx();
    this.context = vertx.getOrCreateContext();
    this.ctx = ctx;
    this.response = ctx.response();
    this.events = events;
    this.client = client;
    this.accounts = accounts;
    this.position = position;
    this.told = position;
    this.heartbeatMs = heartbeatMs;
  }

  /** Subscribes first, then reads: news that arrives while the first read runs makes it read again. */
  void start(AccessFeed feed) {
    if (response.closed()) {
      return;
    }
    this.feed = feed;
    feed.open(this);
    response.closeHandler(v -> stop());
    response.exceptionHandler(e -> stop());
    read();
  }

  /** The service client it streams to. */
  UUID client() {
    return client;
  }

  /** From any thread: there is news. */
  void wake() {
    context.runOnContext(v -> read());
  }

  /** From any thread: the server stops, or the client changed. */
  void endSoon() {
    context.runOnContext(v -> end());
  }

  /** Ends the answer cleanly: the client reconnects with its last id. */
  private void end() {
    if (closed) {
      return;
    }
    stop();
    if (started) {
      response.end();
    } else {
      ctx.fail(new ProblemException(Problem.of(503, "shutting-down", "Shutting down",
          "This instance is stopping: subscribe again, to another one.")).withRetryAfter(1));
    }
  }

  private void read() {
    if (closed) {
      return;
    }
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    again = false;
    events.after(position, BATCH, accounts).onComplete(result -> {
      if (closed) {
        return;
      }
      if (result.failed()) {
        fail(result.cause());
        return;
      }
      AccessEventRepository.Batch batch = result.result();
      if (batch.purgedThrough() > position || position > batch.head()) {
        gone(batch.purgedThrough() > position ? purged(batch.purgedThrough()) : unknown(batch.head()));
        return;
      }
      begin();
      batch.events().forEach(this::send);
      if (batch.events().size() < BATCH) {
        position = Math.max(position, batch.head());
      } else {
        again = true;
      }
      if (response.writeQueueFull()) {
        response.drainHandler(v -> next());
      } else {
        next();
      }
    });
  }

  private void next() {
    reading = false;
    if (again) {
      read();
    }
  }

  private void begin() {
    if (started) {
      return;
    }
    started = true;
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        // A proxy that buffers would hold events back (nginx reads this).
        .putHeader("X-Accel-Buffering", "no")
        .setStatusCode(200)
        .write(": rolecall access events\n\n");
    heartbeat = vertx.setPeriodic(heartbeatMs, id -> beat());
  }

  private void send(AccessEvent event) {
    JsonObject data = new JsonObject().put("id", event.id()).put("kind", event.kind())
        .put("accountId", event.accountId().toString()).put("userId", event.userId().toString());
    if (event.apiTokenId() != null) {
      data.put("apiTokenId", event.apiTokenId().toString());
    }
    data.put("occurredAt", event.occurredAt().toString());
    response.write("id: " + event.id() + "\nevent: " + event.kind() + "\ndata: " + data.encode() + "\n\n");
    position = event.id();
    told = event.id();
  }

  /**
   * Keeps proxies from closing an idle answer, and reads again in case news was missed. When the position
   * moved past the client's last event (other accounts' events), an id-only message moves its Last-Event-ID
   * there, so that a quiet client does not resume from a point the retention has since purged.
   */
  private void beat() {
    if (closed || response.writeQueueFull()) {
      return;
    }
    if (position > told) {
      told = position;
      response.write(": heartbeat\nid: " + position + "\n\n");
    } else {
      response.write(": heartbeat\n\n");
    }
    read();
  }

  private void gone(ProblemException why) {
    if (started) {
      // Already answering 200: ending it makes the client reconnect with its last id, which answers 410.
      end();
    } else {
      stop();
      ctx.fail(why);
    }
  }

  private void fail(Throwable e) {
    if (started) {
      LOG.warn("an access event stream ended on a failure: {}", e.toString());
      end();
    } else {
      stop();
      ctx.fail(e);
    }
  }

  private ProblemException purged(long purgedThrough) {
    return new ProblemException(Problem.of(410, "events-purged", "Events purged",
        "Events after " + position + " up to " + purgedThrough + " are older than the retention and gone: flush"
            + " what you cached, then subscribe again without Last-Event-ID."));
  }

  private ProblemException unknown(long head) {
    return new ProblemException(Problem.of(410, "unknown-event-id", "Unknown event id",
        "No event " + position + " was given out yet (the latest is " + head + "): flush what you cached, then"
            + " subscribe again without Last-Event-ID."));
  }

  private void stop() {
    closed = true;
    if (feed != null) {
      feed.left(this);
    }
    if (heartbeat >= 0) {
      vertx.cancelTimer(heartbeat);
    }
  }
}
