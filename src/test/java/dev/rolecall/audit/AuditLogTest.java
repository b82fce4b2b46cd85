package dev.rolecall.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolecall.Rolecall;
import dev.rolecall.support.TestService;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit_event table itself: append-only, partitioned by month, and retention by whole partitions. */
class AuditLogTest {
  private static Rolecall service;
  private static Pool pool;

  @BeforeAll
  static void start() {
    service = TestService.start();
    pool = service.pool();
    new AuditPartitions(pool, new AuditConfig(400)).maintain(Instant.now()).await();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void updateDeleteAndTruncateAreRefusedOnTheTableAndItsPartitions() {
    UUID id = insert(Instant.now(), "test.append_only");
    String partition = AuditPartitions.name(YearMonth.now(ZoneOffset.UTC));

    for (String sql : List.of(
        "UPDATE audit_event SET outcome = 'failed' WHERE id = '" + id + "'",
        "DELETE FROM audit_event WHERE id = '" + id + "'",
        "TRUNCATE audit_event",
        "DELETE FROM " + partition + " WHERE id = '" + id + "'",
        "TRUNCATE " + partition)) {
      assertThatThrownBy(() -> pool.query(sql).execute().await()).as(sql).hasMessageContaining("append-only");
    }
    assertThat(count("SELECT count(*) FROM audit_event WHERE id = $1 AND outcome = 'ok'", id)).isEqualTo(1);
  }

  @Test
  void theCurrentAndNextThreeMonthsHavePartitionsAndEventsLandInThem() {
    YearMonth current = YearMonth.now(ZoneOffset.UTC);

    for (int ahead = 0; ahead <= 3; ahead++) {
      assertThat(exists(AuditPartitions.name(current.plusMonths(ahead)))).as("month +%d", ahead).isTrue();
    }
    assertThat(partitionOf(insert(Instant.now(), "test.now"))).isEqualTo(AuditPartitions.name(current));
  }

  @Test
  void anInstantNoPartitionCoversLandsInTheDefaultOne() {
    assertThat(partitionOf(insert(Instant.parse("2999-06-15T12:00:00Z"), "test.far_future")))
        .isEqualTo("audit_event_default");
  }

  @Test
  void maintenanceIsIdempotentAndLeavesAMonthAlreadyInTheDefaultPartitionThere() {
    YearMonth later = YearMonth.now(ZoneOffset.UTC).plusYears(ThreadLocalRandom.current().nextInt(2, 90))
        .withMonth(ThreadLocalRandom.current().nextInt(1, 13));
    Instant start = later.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    UUID stranded = insert(start.plusSeconds(3600), "test.stranded");
    AuditPartitions partitions = new AuditPartitions(pool, new AuditConfig(36500));

    partitions.maintain(start).await();
    partitions.maintain(start).await();

    assertThat(partitionOf(stranded)).isEqualTo("audit_event_default");
    assertThat(exists(AuditPartitions.name(later))).isFalse();
    assertThat(exists(AuditPartitions.name(later.plusMonths(1)))).isTrue();
  }

  @Test
  void retentionDropsWholeMonthsPastItButNeverTheCurrentOne() {
    pool.query("CREATE TABLE IF NOT EXISTS audit_event_y2020m01 PARTITION OF audit_event"
        + " FOR VALUES FROM ('2020-01-01T00:00:00Z') TO ('2020-02-01T00:00:00Z')").execute().await();
    UUID old = insert(Instant.parse("2020-01-15T10:00:00Z"), "test.old");
    assertThat(partitionOf(old)).isEqualTo("audit_event_y2020m01");

    new AuditPartitions(pool, new AuditConfig(400)).maintain(Instant.now()).await();
    new AuditPartitions(pool, new AuditConfig(1)).maintain(Instant.now()).await();

    assertThat(exists("audit_event_y2020m01")).isFalse();
    assertThat(count("SELECT count(*) FROM audit_event WHERE id = $1", old)).isZero();
    assertThat(exists(AuditPartitions.name(YearMonth.now(ZoneOffset.UTC)))).isTrue();
  }

  @Test
  void retentionComesFromTheEnvironment() {
    assertThat(AuditConfig.fromEnvironment(java.util.Map.of()).retentionDays()).isEqualTo(400);
    assertThat(AuditConfig.fromEnvironment(java.util.Map.of("ROLECALL_AUDIT_RETENTION_DAYS", "30")).retentionDays())
        .isEqualTo(30);
    assertThatThrownBy(() -> AuditConfig.fromEnvironment(java.util.Map.of("ROLECALL_AUDIT_RETENTION_DAYS", "0")))
        .hasMessageContaining("ROLECALL_AUDIT_RETENTION_DAYS");
  }

  private static UUID insert(Instant at, String action) {
    return pool.preparedQuery("INSERT INTO audit_event (at, action, outcome) VALUES ($1, $2, 'ok') RETURNING id")
        .execute(Tuple.of(at.atOffset(ZoneOffset.UTC), action)).await().iterator().next().getUUID(0);
  }

  private static String partitionOf(UUID id) {
    return pool.preparedQuery("SELECT tableoid::regclass::text FROM audit_event WHERE id = $1")
        .execute(Tuple.of(id)).await().iterator().next().getString(0);
  }

  private static boolean exists(String table) {
    return pool.preparedQuery("SELECT to_regclass($1) IS NOT NULL").execute(Tuple.of(table)).await()
        .iterator().next().getBoolean(0);
  }

  private static long count(String sql, UUID id) {
    return pool.preparedQuery(sql).execute(Tuple.of(id)).await().iterator().next().getLong(0);
  }
}
