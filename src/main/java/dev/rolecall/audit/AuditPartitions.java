package dev.rolecall.audit;

import dev.rolecall.db.AdvisoryLock;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly partitions of audit_event: created ahead of time, so that events land in their month's
 * partition rather than the default one, and dropped whole once past retention, the only way events
 * ever leave. Run at start-up and daily; every step is idempotent, and an advisory lock keeps several
 * instances from running the same DDL at once.
 */
public final class AuditPartitions {
  private static final Logger LOG = LoggerFactory.getLogger(AuditPartitions.class);
  private static final int MONTHS_AHEAD = 3;
  private static final Pattern MONTHLY = Pattern.compile("audit_event_y(\\d{4})m(\\d{2})");
  private static final String CHECK_VIOLATION = "23514";

  private final Pool pool;
  private final AuditConfig config;
  private final Set<String> leftInDefault = ConcurrentHashMap.newKeySet();

  public AuditPartitions(Pool pool, AuditConfig config) {
    this.pool = pool;
    this.config = config;
  }

  public Future<Void> maintain(Instant now) {
    YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
    Future<Void> done = Future.succeededFuture();
    for (int ahead = 0; ahead <= MONTHS_AHEAD; ahead++) {
      YearMonth month = current.plusMonths(ahead);
      done = done.compose(previous -> create(month));
    }
    return done.compose(created -> dropEndedBefore(now.minus(Duration.ofDays(config.retentionDays()))));
  }

  public static String name(YearMonth month) {
    return String.format("audit_event_y%04dm%02d", month.getYear(), month.getMonthValue());
  }

  private Future<Void> create(YearMonth month) {
    String name = name(month);
    return locked(conn -> exists(conn, name).compose(exists -> exists ? Future.<Void>succeededFuture()
            : createPartition(conn, name, month)))
        .recover(e -> overlapsDefault(e) ? leaveInDefault(name, e) : Future.failedFuture(e));
  }

  private static Future<Void> createPartition(SqlConnection conn, String name, YearMonth month) {
    return conn.query("CREATE TABLE " + name + " PARTITION OF audit_event FOR VALUES FROM ('" + start(month)
            + "') TO ('" + start(month.plusMonths(1)) + "')").execute()
        // Statement triggers are not inherited: without this, TRUNCATE of the partition itself would pass.
        .compose(created -> conn.query("CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON " + name
            + " FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()").execute())
        .onSuccess(created -> LOG.info("created audit partition {}", name))
        .mapEmpty();
  }

  /**
   * Events already in the default partition for that month forbid creating it, and they cannot move
   * (the table refuses DELETE): they stay there, and so do the month's later events.
   */
  private Future<Void> leaveInDefault(String name, Throwable e) {
    if (leftInDefault.add(name)) {
      LOG.warn("audit partition {} not created: the default partition already holds events of its month,"
          + " so that month's events stay there ({})", name, e.getMessage());
    }
    return Future.succeededFuture();
  }

  private Future<Void> dropEndedBefore(Instant cutoff) {
    return locked(conn -> conn.query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            + " WHERE i.inhparent = 'audit_event'::regclass").execute()
        .compose(partitions -> {
          Future<Void> done = Future.succeededFuture();
          for (Row partition : partitions) {
            String name = partition.getString(0);
            Matcher monthly = MONTHLY.matcher(name);
            if (monthly.matches() && !start(month(monthly).plusMonths(1)).isAfter(cutoff)) {
              done = done.compose(previous -> drop(conn, name));
            }
          }
          return done;
        }));
  }

  private Future<Void> drop(SqlConnection conn, String name) {
    return conn.query("ALTER TABLE audit_event DETACH PARTITION " + name).execute()
        .compose(detached -> conn.query("DROP TABLE " + name).execute())
        .onSuccess(dropped -> LOG.info("dropped audit partition {}: its events are older than {} days",
            name, config.retentionDays()))
        .mapEmpty();
  }

  /** In one transaction holding the lock, so that the DDL of concurrent instances never interleaves. */
  private <T> Future<T> locked(Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(conn -> AdvisoryLock.AUDIT_PARTITIONS.take(conn)
        .compose(locked -> work.apply(conn)));
  }

  private static Future<Boolean> exists(SqlConnection conn, String name) {
    return conn.query("SELECT to_regclass('" + name + "') IS NOT NULL").execute()
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  private static boolean overlapsDefault(Throwable e) {
    return e instanceof PgException pg && CHECK_VIOLATION.equals(pg.getSqlState());
  }

  private static YearMonth month(Matcher monthly) {
    return YearMonth.of(Integer.parseInt(monthly.group(1)), Integer.parseInt(monthly.group(2)));
  }

  private static Instant start(YearMonth month) {
    return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
