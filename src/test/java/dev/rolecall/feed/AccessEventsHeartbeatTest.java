package dev.rolecall.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rolecall.auth.Role;
import dev.rolecall.services.ServiceClient;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats, made frequent: a client whose accounts are quiet still has its resume point carried past
 * other accounts' events, so that it does not fall behind the retention for want of its own.
 */
class AccessEventsHeartbeatTest extends ServiceTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  @Test
  void aQuietClientsResumePointFollowsOtherAccountsEvents(Vertx vertx) {
    UUID served = fixtures.account();
    UUID elsewhere = fixtures.account();
    ServiceClient client = new ServiceClient(UUID.randomUUID(), "quiet", false, Set.of(served));
    Router router = Router.router(service.vertx());
    router.get("/api/access/events")
        .handler(ctx -> {
          client.attachTo(ctx);
          ctx.next();
        })
        .handler(new AccessEventsApi(service.feed(), Duration.ofMillis(100)).handlers().get("streamAccessEvents"));
    HttpServer server = service.vertx().createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    try (EventSource source = EventSource.open(vertx, server.actualPort(), "(attached above)", -1)) {
      await().atMost(BOUND).until(() -> source.status() == 200);
      long start = source.lastEventId();

      fixtures.setActive(fixtures.user(elsewhere, Role.USER), false);
      long head = service.feed().events().head().await();

      await().atMost(BOUND).until(() -> source.lastEventId() >= head);
      assertThat(head).isGreaterThan(start);
      assertThat(source.events()).isEmpty();
    } finally {
      server.close().await();
    }
  }
}
