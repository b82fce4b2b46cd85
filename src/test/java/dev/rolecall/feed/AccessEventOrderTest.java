package dev.rolecall.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rolecall.auth.Role;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ids in commit order, read without gaps while writers commit; the retention and its watermark. */
class AccessEventOrderTest extends ServiceTest {
  private AccessEventRepository events;
  private UUID account;

  @BeforeEach
  void setUp() {
    events = new AccessEventRepository(service.pool());
    account = fixtures.account();
  }

  @Test
  void theTransactionThatCommitsFirstGetsTheLowerId() {
    UUID early = fixtures.user(account, Role.USER);
    UUID late = fixtures.user(account, Role.USER);
    SqlConnection first = service.pool().getConnection().await();
    SqlConnection second = service.pool().getConnection().await();
    try {
      Transaction startedFirst = first.begin().await();
      deactivate(first, early);
      Transaction startedSecond = second.begin().await();
      deactivate(second, late);

      startedSecond.commit().await();
      long head = events.head().await();
      // Committed, numbered, and nothing below it still to come: everything up to the head is there.
      assertThat(idOf(late)).isEqualTo(head);
      assertThat(events.after(head - 1, 10, Optional.empty()).await().events()).extracting(AccessEvent::id)
          .containsExactly(head);

      startedFirst.commit().await();
      assertThat(idOf(early)).isEqualTo(head + 1);
    } finally {
      first.close().await();
      second.close().await();
    }
  }

  @Test
  void oneTransactionsEventsGetConsecutiveIdsInTheOrderTheyWereWritten() {
    UUID deactivated = fixtures.user(account, Role.USER);
    UUID deleted = fixtures.user(account, Role.USER);
    UUID owner = fixtures.user(account, Role.USER);
    UUID token = fixtures.apiToken(owner);
    long before = events.head().await();

    service.pool().withTransaction(tx -> deactivate(tx, deactivated)
        .compose(done -> tx.preparedQuery("DELETE FROM app_user WHERE id = $1").execute(Tuple.of(deleted)))
        .compose(done -> tx.preparedQuery("UPDATE api_token SET revoked_at = now() WHERE id = $1")
            .execute(Tuple.of(token)))).await();

    assertThat(events.after(before, 10, Optional.of(Set.of(account))).await().events())
        .extracting(AccessEvent::id, AccessEvent::kind, AccessEvent::userId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(before + 1, "user.deactivated", deactivated),
            org.assertj.core.groups.Tuple.tuple(before + 2, "user.deleted", deleted),
            org.assertj.core.groups.Tuple.tuple(before + 3, "api_token.revoked", owner));
  }

  @Test
  void aReaderFollowingConcurrentWritersSeesEveryEventOnceAndInOrder() {
    List<UUID> users = IntStream.range(0, 40).mapToObj(i -> fixtures.user(account, Role.USER)).toList();
    long start = events.head().await();
    Future<?> writers = Future.all(users.stream()
        .map(user -> service.pool().withTransaction(tx -> tx.preparedQuery("SELECT pg_sleep(random() / 50)").execute()
            .compose(slept -> deactivate(tx, user)))).toList());

    List<Long> read = new ArrayList<>();
    long[] position = {start};
    // Reads while they write, as a subscriber does, until they are done and everything is read.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1)).until(() -> {
      boolean done = writers.isComplete();
      AccessEventRepository.Batch batch = events.after(position[0], 7, Optional.of(Set.of(account))).await();
      batch.events().forEach(event -> {
        read.add(event.id());
        position[0] = event.id();
      });
      if (batch.events().size() < 7) {
        position[0] = Math.max(position[0], batch.head());
        return done;
      }
      return false;
    });

    assertThat(writers.succeeded()).isTrue();
    assertThat(read).isSorted().doesNotHaveDuplicates().hasSize(users.size());
    assertThat(new HashSet<>(read)).isEqualTo(new HashSet<>(idsOf(users)));
  }

  @Test
  void thePurgeRemovesAPrefixAndRemembersWhereItEnds() {
    UUID user = fixtures.user(account, Role.USER);
    fixtures.setActive(user, false);
    long head = events.head().await();
    Instant now = Instant.now();

    long kept = retention(now).purge().await();
    assertThat(kept).isLessThan(head);
    assertThat(events.purgedThrough().await()).isEqualTo(kept);
    assertThat(events.after(head - 1, 10, Optional.empty()).await().events()).extracting(AccessEvent::id)
        .containsExactly(head);

    long purged = retention(now.plus(Duration.ofDays(8))).purge().await();
    assertThat(purged).isEqualTo(head);
    AccessEventRepository.Batch batch = events.after(head - 1, 10, Optional.empty()).await();
    assertThat(batch.events()).isEmpty();
    assertThat(batch.purgedThrough()).isEqualTo(head);
    // A purge that finds nothing older leaves the watermark where it was.
    assertThat(retention(now).purge().await()).isEqualTo(head);
  }

  private AccessEventRetention retention(Instant now) {
    return new AccessEventRetention(service.vertx(), events, Duration.ofDays(7), Clock.fixed(now, ZoneOffset.UTC));
  }

  private static Future<?> deactivate(SqlConnection db, UUID user) {
    return db.preparedQuery("UPDATE app_user SET active = false WHERE id = $1").execute(Tuple.of(user));
  }

  private static long idOf(UUID user) {
    return idsOf(List.of(user)).getFirst();
  }

  private static List<Long> idsOf(List<UUID> users) {
    List<Long> ids = new ArrayList<>();
    service.pool().preparedQuery("SELECT id FROM access_event WHERE user_id = ANY($1) AND kind = 'user.deactivated'")
        .execute(Tuple.of(users.toArray(UUID[]::new))).await().forEach(row -> ids.add(row.getLong(0)));
    return ids;
  }
}
