package dev.rolecall.auth;

import dev.rolecall.db.AdvisoryLock;
import static dev.rolecall.db.schema.Tables.LOGIN_FAILURE;

import dev.rolecall.db.Sql;
import dev.rolecall.http.ClientAddress;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.types.DayToSecond;

/**
 * Refuses logins after too many failures within a window, per login and client address and per address,
 * and slows every login down once failures overall pass their limit. Counts live in the database so every
 * instance shares them, and the database's clock is the only one used. The answer never depends on whether
 * the login exists. An address is a {@link ClientAddress#bucket()}: an IPv6 client counts by its /64.
 *
 * <p>Each attempt is counted as a failure before its password is checked, under a lock on its address, so
 * that attempts sent all at once cannot all pass the check before any is counted; a right password (or one
 * never checked) then takes its count back ({@link LoginAttempt}).
 *
 * <p>The overall scope never refuses: refusing would let anyone lock every login of every tenant with
 * wrong passwords from many addresses. Its delay comes before the password is looked at, for right and
 * wrong ones alike, so that an attacker who gives up waiting learns nothing from when an answer comes.
 */
public final class LoginThrottle {
  private static final int MAX_LOGIN = 320;
  private static final int MAX_IP = 45;

  private final Vertx vertx;
  private final Pool pool;
  private final AuthConfig.ThrottleLimits limits;
  private final Field<OffsetDateTime> windowStart;

  public LoginThrottle(Vertx vertx, Pool pool, AuthConfig.ThrottleLimits limits) {
    this.vertx = vertx;
    this.pool = pool;
    this.limits = limits;
    // Inlined: the window is configuration, and pg-client cannot bind jOOQ's interval type.
    this.windowStart = DSL.currentOffsetDateTime().minus(DSL.inline(DayToSecond.valueOf(limits.window())));
  }

  /**
   * Counts an attempt, or fails with 429 too-many-attempts, carrying Retry-After, if the pair's or the
   * address's scope has reached its limit (a refused attempt is not counted: it learns nothing). Once the
   * overall scope has reached its limit, the attempt is admitted only after {@code overallDelay}.
   */
  public Future<LoginAttempt> attempt(String login, ClientAddress client) {
    return admit(login, client).compose(admitted -> admitted.delay().isZero()
        ? Future.succeededFuture(admitted.attempt())
        : vertx.timer(Math.max(1, admitted.delay().toMillis())).map(admitted.attempt()));
  }

  /** An admitted attempt and the delay it must wait first. */
  record Admitted(LoginAttempt attempt, Duration delay) {
  }

  /**
   * In one transaction: lock the address, fetch per scope the limit-th newest failure in the window (it
   * exists exactly when the limit is reached, and the scope reopens when it leaves the window; finding it
   * walks at most limit index entries, so a flood cannot make the check expensive), and count the attempt
   * unless refused. The lock holds until commit, so the next attempt from the address sees this one.
   */
  Future<Admitted> admit(String login, ClientAddress client) {
    if (!limits.enabled()) {
      return Future.succeededFuture(new Admitted(LoginAttempt.uncounted(), Duration.ZERO));
    }
    String address = ipKey(client);
    var scopes = Sql.dsl().select(
        nthNewest(pair(login, address), limits.perLoginAndIp()),
        nthNewest(LOGIN_FAILURE.CLIENT_IP.eq(address), limits.perIp()),
        nthNewest(DSL.noCondition(), limits.overall()),
        DSL.currentOffsetDateTime());
    return pool.withTransaction(tx -> lockAddress(tx, address)
        .compose(locked -> Sql.first(tx, scopes, row -> row))
        .compose(found -> {
          Row row = found.orElseThrow();
          long retryAfter = retryAfterSeconds(row);
          if (retryAfter > 0) {
            return Future.failedFuture(tooManyAttempts(retryAfter));
          }
          Duration delay = row.getOffsetDateTime(2) == null ? Duration.ZERO : limits.overallDelay();
          return Sql.first(tx, Sql.dsl().insertInto(LOGIN_FAILURE, LOGIN_FAILURE.LOGIN, LOGIN_FAILURE.CLIENT_IP)
                  .values(loginKey(login), DSL.val(address)).returning(LOGIN_FAILURE.ID), r -> r.getLong(0))
              .map(id -> new Admitted(new LoginAttempt(this, id.orElseThrow()), delay));
        }));
  }

  /** After a successful login. Only the pair's own rows go: failures against other logins still count. */
  public Future<Void> clear(String login, ClientAddress client) {
    return Sql.update(pool, Sql.dsl().deleteFrom(LOGIN_FAILURE).where(pair(login, ipKey(client)))).mapEmpty();
  }

  /** Takes back the count of one attempt whose password was right or never checked. */
  Future<Void> forget(long attemptId) {
    return Sql.update(pool, Sql.dsl().deleteFrom(LOGIN_FAILURE).where(LOGIN_FAILURE.ID.eq(attemptId))).mapEmpty();
  }

  /** Deletes failures that no longer count; run periodically. Answers how many were deleted. */
  public Future<Integer> purgeExpired() {
    return Sql.update(pool, Sql.dsl().deleteFrom(LOGIN_FAILURE).where(LOGIN_FAILURE.FAILED_AT.le(windowStart)));
  }

  private static Future<?> lockAddress(SqlClient tx, String address) {
    return AdvisoryLock.LOGIN_ADDRESS.take(tx, DSL.function("hashtext", SQLDataType.INTEGER, DSL.val(address)));
  }

  /** The same refusal whichever scope was reached, so it tells an attacker nothing more than to wait. */
  private static ProblemException tooManyAttempts(long seconds) {
    return new ProblemException(Problem.of(429, "too-many-attempts", "Too many failed logins",
        "Too many failed logins; try again in " + seconds + " seconds.")).withRetryAfter(seconds);
  }

  private static Condition pair(String login, String address) {
    return LOGIN_FAILURE.LOGIN.eq(loginKey(login)).and(LOGIN_FAILURE.CLIENT_IP.eq(address));
  }

  private Field<OffsetDateTime> nthNewest(Condition scope, int limit) {
    return DSL.field(DSL.select(LOGIN_FAILURE.FAILED_AT)
        .from(LOGIN_FAILURE)
        .where(scope, LOGIN_FAILURE.FAILED_AT.gt(windowStart))
        .orderBy(LOGIN_FAILURE.FAILED_AT.desc())
        .offset(limit - 1)
        .limit(1));
  }

  /** Seconds until every violated refusing scope (the pair's, the address's) reopens, or 0 if none is. */
  private long retryAfterSeconds(Row row) {
    OffsetDateTime now = row.getOffsetDateTime(3);
    long windowSeconds = Math.max(1, limits.window().toSeconds());
    return IntStream.range(0, 2)
        .mapToObj(row::getOffsetDateTime)
        .filter(Objects::nonNull)
        .mapToLong(nth -> {
          Duration wait = Duration.between(now, nth.plus(limits.window()));
          long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
          return Math.clamp(seconds, 1, windowSeconds);
        })
        .max()
        .orElse(0);
  }

  /**
   * The login as its lookup compares it ({@link LoginKey}), computed by the database, cut to fit the column
   * (no real login is longer); PostgreSQL text holds no NUL.
   */
  private static Field<String> loginKey(String login) {
    return DSL.left(LoginKey.of(truncate(login.replace("\u0000", ""), MAX_LOGIN)), MAX_LOGIN);
  }

  private static String ipKey(ClientAddress client) {
    return truncate(client.bucket().replace("\u0000", ""), MAX_IP);
  }

  private static String truncate(String value, int maxCodePoints) {
    return value.codePointCount(0, value.length()) <= maxCodePoints
        ? value
        : value.substring(0, value.offsetByCodePoints(0, maxCodePoints));
  }
}
