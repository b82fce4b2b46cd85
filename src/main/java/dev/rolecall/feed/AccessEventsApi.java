package dev.rolecall.feed;

import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import dev.rolecall.services.ServiceClient;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/access/events}: the change feed as Server-Sent Events, to the accounts the service client
 * serves. {@code Last-Event-ID} (or {@code lastEventId}) resumes after that event: first what the table
 * holds, then live. Without one, the stream starts at the latest event.
 */
public final class AccessEventsApi {
  public static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final AccessFeed feed;
  private final Duration heartbeat;

  public AccessEventsApi(AccessFeed feed) {
    this(feed, HEARTBEAT);
  }

  AccessEventsApi(AccessFeed feed, Duration heartbeat) {
    this.feed = feed;
    this.heartbeat = heartbeat;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("streamAccessEvents", this::stream);
  }

  private void stream(RoutingContext ctx) {
    ServiceClient client = ServiceClient.of(ctx);
    Optional<Set<UUID>> accounts = client.allAccounts() ? Optional.empty() : Optional.of(client.accounts());
    Optional<Long> resume;
    try {
      resume = resumePoint(ctx);
    } catch (ProblemException e) {
      ctx.fail(e);
      return;
    }
    Future<Long> from = resume.map(Future::succeededFuture).orElseGet(() -> feed.events().head());
    from.onSuccess(position -> {
      new AccessEventStream(ctx, feed.events(), client.id(), accounts, position, heartbeat.toMillis()).start(feed);
    }).onFailure(ctx::fail);
  }

  /** The header, as EventSource sends it on reconnecting; the parameter, for clients that cannot set headers. */
  private static Optional<Long> resumePoint(RoutingContext ctx) {
    String header = ctx.request().getHeader("Last-Event-ID");
    String value = header != null && !header.isBlank() ? header.trim() : ctx.queryParams().get("lastEventId");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      long id = Long.parseLong(value.trim());
      if (id >= 0) {
        return Optional.of(id);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(Problem.of(400, "validation", "The request does not match the contract",
        "Last-Event-ID (or lastEventId) must be the id of an event, a whole number from 0, got '" + value + "'.")
        .withErrors(java.util.List.of(new Problem.FieldError(null, header != null ? "Last-Event-ID" : "lastEventId",
            "format", "not an event id"))));
  }
}
