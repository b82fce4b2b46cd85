package dev.rolecall.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rolecall.Rolecall;
import dev.rolecall.auth.Role;
import dev.rolecall.services.ServiceClients;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import dev.rolecall.support.TestService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feed over HTTP, against two instances over one database: an event reaches a subscriber of the
 * other instance, and resuming after a disconnection misses nothing and repeats nothing. The bounds are
 * generous; the mechanism is what is asserted.
 */
class AccessEventsStreamTest extends ServiceTest {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static Rolecall other;
  private static Vertx vertx;

  @BeforeAll
  static void startOther(Vertx testVertx) {
    vertx = testVertx;
    other = TestService.start();
  }

  @AfterAll
  static void stopOther() {
    other.close();
  }

  @Test
  void anEventReachesASubscriberOnTheOtherInstanceAsItsKindAndJson() {
    UUID account = fixtures.account();
    UUID user = fixtures.user(account, Role.USER);
    UUID token = fixtures.apiToken(user);
    try (EventSource source = subscribe(other, fixtures.serviceClient(account), -1)) {
      fixtures.setActive(user, false);

      await().atMost(BOUND).until(() -> source.events().size() == 2);
      EventSource.Event deactivated = source.events().getFirst();
      assertThat(source.contentType()).startsWith("text/event-stream");
      assertThat(deactivated.kind()).isEqualTo("user.deactivated");
      assertThat(deactivated.data().getMap()).containsOnlyKeys("id", "kind", "accountId", "userId", "occurredAt")
          .containsEntry("kind", "user.deactivated")
          .containsEntry("accountId", account.toString()).containsEntry("userId", user.toString());
      assertThat(deactivated.data().getLong("id")).isEqualTo(deactivated.id());
      assertThat(Instant.parse(deactivated.data().getString("occurredAt"))).isBefore(Instant.now());
      EventSource.Event revoked = source.events().get(1);
      assertThat(revoked.kind()).isEqualTo("api_token.revoked");
      assertThat(revoked.id()).isEqualTo(deactivated.id() + 1);
      assertThat(revoked.data().getString("apiTokenId")).isEqualTo(token.toString());
    }
  }

  @Test
  void aClientHearsOnlyTheAccountsItServes() {
    UUID served = fixtures.account();
    UUID elsewhere = fixtures.account();
    UUID stranger = fixtures.user(elsewhere, Role.USER);
    UUID user = fixtures.user(served, Role.USER);
    try (EventSource one = subscribe(service, fixtures.serviceClient(served), -1);
        EventSource all = subscribe(service, fixtures.serviceClient(), -1)) {
      fixtures.setActive(stranger, false);
      fixtures.setActive(user, false);

      await().atMost(BOUND).until(() -> one.events().size() == 1 && all.events().size() == 2);
      assertThat(one.events()).extracting(e -> e.data().getString("userId")).containsExactly(user.toString());
      assertThat(all.events()).extracting(e -> e.data().getString("userId"))
          .containsExactly(stranger.toString(), user.toString());
    }
  }

  @Test
  void resumingAfterADisconnectionAmidManyWritersMissesNothingAndRepeatsNothing() {
    UUID account = fixtures.account();
    ServiceClients.Created client = fixtures.serviceClient(account);
    List<UUID> users = IntStream.range(0, 30).mapToObj(i -> fixtures.user(account, Role.USER)).toList();
    long start = service.feed().events().head().await();
    List<EventSource.Event> received = new ArrayList<>();

    EventSource first = subscribe(service, client, start);
    Future<?> writers = write(users);
    await().atMost(BOUND).until(() -> first.events().size() >= 10);
    first.close();
    received.addAll(first.events());

    // Resumed on the other instance, as a service behind a load balancer would be.
    try (EventSource second = subscribe(other, client, first.lastEventId())) {
      await().atMost(BOUND).until(writers::isComplete);
      assertThat(writers.succeeded()).as("writers: %s", writers.cause()).isTrue();
      List<Long> expected = idsOf(account, start);
      await().atMost(BOUND).until(() -> second.events().size() + received.size() >= expected.size());
      received.addAll(second.events());
      assertThat(received).extracting(EventSource.Event::id).isEqualTo(expected);
    }
  }

  @Test
  void aResumePointBehindTheRetentionOrNeverGivenOutIsGone() {
    UUID account = fixtures.account();
    ServiceClients.Created client = fixtures.serviceClient(account);
    fixtures.setActive(fixtures.user(account, Role.USER), false);
    long purged = new AccessEventRetention(service.vertx(), service.feed().events(), Duration.ofDays(7),
        Clock.fixed(Instant.now().plus(Duration.ofDays(8)), ZoneOffset.UTC)).purge().await();

    EventSource behind = subscribe(service, client, purged - 1);
    assertThat(behind.status()).isEqualTo(410);
    assertThat(behind.contentType()).isEqualTo("application/problem+json");
    assertThat(new JsonObject(behind.body()).getString("type")).isEqualTo("/problems/events-purged");
    behind.close();

    EventSource ahead = subscribe(service, client, "/api/access/events?lastEventId=" + (purged + 1_000_000), -1);
    assertThat(ahead.status()).isEqualTo(410);
    assertThat(new JsonObject(ahead.body()).getString("type")).isEqualTo("/problems/unknown-event-id");
    ahead.close();

    // Everything after the watermark is still there: that resume point is good.
    try (EventSource atTheWatermark = subscribe(service, client, purged)) {
      UUID user = fixtures.user(account, Role.USER);
      fixtures.setActive(user, false);
      await().atMost(BOUND).until(() -> atTheWatermark.events().stream()
          .anyMatch(e -> e.data().getString("userId").equals(user.toString())));
    }
  }

  @Test
  void aResumePointThatIsNoEventIdIsABadRequest() {
    EventSource source = subscribe(service, fixtures.serviceClient(), "/api/access/events?lastEventId=yesterday", -1);
    assertThat(source.status()).isEqualTo(400);
    assertThat(source.contentType()).isEqualTo("application/problem+json");
    source.close();
  }

  @Test
  void aRevokedClientsStreamEndsAndItIsRefusedOnReconnecting() {
    ServiceClients.Created client = fixtures.serviceClient();
    try (EventSource source = subscribe(other, client, -1)) {
      service.pool().preparedQuery("UPDATE service_client SET revoked_at = now() WHERE id = $1")
          .execute(Tuple.of(client.clientId())).await();

      await().atMost(BOUND).until(source::ended);
      await().atMost(BOUND).until(() -> {
        EventSource again = subscribe(other, client, source.lastEventId());
        again.close();
        return again.status() == 401;
      });
    }
  }

  @Test
  void shuttingDownEndsTheStreamsCleanly() {
    Rolecall leaving = TestService.start();
    try (EventSource source = subscribe(leaving, fixtures.serviceClient(), -1)) {
      leaving.close();
      await().atMost(BOUND).until(source::ended);
      assertThat(source.failed()).isFalse();
    }
  }

  private static EventSource subscribe(Rolecall instance, ServiceClients.Created client, long lastEventId) {
    return subscribe(instance, client, "/api/access/events", lastEventId);
  }

  /** Returns once answered: a 200 means the stream is positioned, so later changes will reach it. */
  private static EventSource subscribe(Rolecall instance, ServiceClients.Created client, String path,
      long lastEventId) {
    EventSource source = EventSource.open(vertx, instance.port(), Fixtures.basic(client), path, lastEventId);
    await().atMost(BOUND).until(() -> source.status() != 0 || source.failed());
    return source;
  }

  /** Deactivations, reactivations and role changes of every user, from concurrent transactions. */
  private static Future<?> write(List<UUID> users) {
    return Future.all(users.stream().map(user -> service.pool().withTransaction(tx -> tx
            .preparedQuery("UPDATE app_user SET active = false WHERE id = $1").execute(Tuple.of(user))
            .compose(done -> tx.preparedQuery("UPDATE app_user SET active = true WHERE id = $1").execute(Tuple.of(user))))
        .compose(done -> service.pool().preparedQuery("""
            INSERT INTO user_role (account_id, user_id, role) SELECT account_id, id, 'ANALYST' FROM app_user
            WHERE id = $1""").execute(Tuple.of(user)))
        .compose(done -> service.pool().preparedQuery("UPDATE app_user SET active = false WHERE id = $1")
            .execute(Tuple.of(user))))
        .toList());
  }

  private static List<Long> idsOf(UUID account, long after) {
    List<Long> ids = new ArrayList<>();
    service.pool().preparedQuery("SELECT id FROM access_event WHERE account_id = $1 AND id > $2 ORDER BY id")
        .execute(Tuple.of(account, after)).await().forEach(row -> ids.add(row.getLong(0)));
    return ids;
  }
}
