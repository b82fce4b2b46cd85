package dev.rolecall.dialoglogs;

import dev.rolecall.db.AdvisoryLock;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly partitions of dialog_log, created ahead of time (at start-up and daily) so that rows land
 * in their month's partition, where a project's time range is read without touching other months.
 * Rows no partition covers wait in the default one; when their month's partition is created, they move
 * into it in the same transaction. Every step is idempotent, and an advisory lock keeps instances from
 * running the same DDL at once.
 */
public final class DialogLogPartitions {
  private static final Logger LOG = LoggerFactory.getLogger(DialogLogPartitions.class);
  private static final int MONTHS_AHEAD = 3;

  private final Pool pool;

  public DialogLogPartitions(Pool pool) {
    this.pool = pool;
  }

  /** This month's partition and the next ones. */
  public Future<Void> maintain(Instant now) {
    YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
    return ensure(current, current.plusMonths(MONTHS_AHEAD));
  }

  /** The partitions of every month from {@code first} to {@code last}, both included. */
  public Future<Void> ensure(YearMonth first, YearMonth last) {
    Future<Void> done = Future.succeededFuture();
    for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
      YearMonth next = month;
      done = done.compose(previous -> create(next));
    }
    return done;
  }

  public static String name(YearMonth month) {
    return String.format("dialog_log_y%04dm%02d", month.getYear(), month.getMonthValue());
  }

  private Future<Void> create(YearMonth month) {
    String name = name(month);
    String bounds = "FOR VALUES FROM ('" + start(month) + "') TO ('" + start(month.plusMonths(1)) + "')";
    return pool.withTransaction(conn -> AdvisoryLock.DIALOG_LOG_PARTITIONS.take(conn)
        .compose(locked -> exists(conn, name))
        .compose(exists -> exists ? Future.<Void>succeededFuture()
            : waitingInDefault(conn, month).compose(waiting -> waiting
                ? moveFromDefault(conn, name, month, bounds)
                : conn.query("CREATE TABLE " + name + " PARTITION OF dialog_log " + bounds).execute()
                    .onSuccess(created -> LOG.info("created dialog log partition {}", name)).mapEmpty())));
  }

  /**
   * Creating a partition whose month has rows in the default partition fails: the rows move to a new
   * table, which is then attached (its indexes and constraints are created as it is).
   */
  private static Future<Void> moveFromDefault(SqlConnection conn, String name, YearMonth month, String bounds) {
    String range = " WHERE at >= '" + start(month) + "' AND at < '" + start(month.plusMonths(1)) + "'";
    return conn.query("CREATE TABLE " + name + " (LIKE dialog_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
        .execute()
        .compose(created -> conn.query("INSERT INTO " + name + " SELECT * FROM dialog_log_default" + range).execute())
        .compose(copied -> conn.query("DELETE FROM dialog_log_default" + range).execute())
        .compose(moved -> conn.query("ALTER TABLE dialog_log ATTACH PARTITION " + name + " " + bounds).execute()
            .onSuccess(attached -> LOG.info("created dialog log partition {} with {} rows from the default one",
                name, moved.rowCount())))
        .mapEmpty();
  }

  private static Future<Boolean> waitingInDefault(SqlConnection conn, YearMonth month) {
    return conn.preparedQuery("SELECT EXISTS (SELECT 1 FROM dialog_log_default WHERE at >= $1 AND at < $2)")
        .execute(Tuple.of(start(month).atOffset(ZoneOffset.UTC), start(month.plusMonths(1)).atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  private static Future<Boolean> exists(SqlConnection conn, String name) {
    return conn.query("SELECT to_regclass('" + name + "') IS NOT NULL").execute()
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  private static Instant start(YearMonth month) {
    return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
