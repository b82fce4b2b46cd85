package dev.rolecall.auth;

import static dev.rolecall.db.schema.Tables.LOGIN_FAILURE;

import dev.rolecall.db.Sql;
import dev.rolecall.http.ClientAddress;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.types.DayToSecond;

/**
 * Refuses logins after too many failures within a window, per login and client address and per address,
 * and slows every login down once failures overall pass their limit. Counts live in the database so every
 * instance shares them, and the database's clock is the only one used. The answer never depends on whether
 * the login exists. An address is a {@link ClientAddress#bucket()}: an IPv6 client counts by its /64.
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
   * Fails with 429 too-many-attempts, carrying Retry-After, if the pair's or the address's scope has reached
   * its limit; once the overall scope has, succeeds only after {@code overallDelay}. One round trip fetches,
   * per scope, the limit-th newest failure in the window: it exists exactly when the limit is reached, and
   * the scope reopens when it leaves the window. Finding it walks at most limit index entries, so a flood of
   * failures cannot make the check itself expensive.
   */
  public Future<Void> check(String login, ClientAddress client) {
    return assess(login, client).compose(delay -> delay.isZero()
        ? Future.succeededFuture()
        : vertx.timer(Math.max(1, delay.toMillis())).mapEmpty());
  }

  /** The delay {@link #check} waits: zero unless the overall scope is over its limit. */
  Future<Duration> assess(String login, ClientAddress client) {
    if (!limits.enabled()) {
      return Future.succeededFuture(Duration.ZERO);
    }
    String address = ipKey(client);
    var query = Sql.dsl().select(
        nthNewest(LOGIN_FAILURE.LOGIN.eq(loginKey(login)).and(LOGIN_FAILURE.CLIENT_IP.eq(address)),
            limits.perLoginAndIp()),
        nthNewest(LOGIN_FAILURE.CLIENT_IP.eq(address), limits.perIp()),
        nthNewest(DSL.noCondition(), limits.overall()),
        DSL.currentOffsetDateTime());
    return Sql.first(pool, query, row -> row).compose(found -> {
      Row row = found.orElseThrow();
      long retryAfter = retryAfterSeconds(row);
      if (retryAfter > 0) {
        return Future.failedFuture(tooManyAttempts(retryAfter));
      }
      return Future.succeededFuture(row.getOffsetDateTime(2) == null ? Duration.ZERO : limits.overallDelay());
    });
  }

  /** A no-op when disabled: nothing would ever read the rows. */
  public Future<Void> recordFailure(String login, ClientAddress client) {
    if (!limits.enabled()) {
      return Future.succeededFuture();
    }
    return Sql.update(pool, Sql.dsl().insertInto(LOGIN_FAILURE, LOGIN_FAILURE.LOGIN, LOGIN_FAILURE.CLIENT_IP)
        .values(loginKey(login), DSL.val(ipKey(client)))).mapEmpty();
  }

  /** After a successful login. Only the pair's own rows go: failures against other logins still count. */
  public Future<Void> clear(String login, ClientAddress client) {
    return Sql.update(pool, Sql.dsl().deleteFrom(LOGIN_FAILURE)
        .where(LOGIN_FAILURE.LOGIN.eq(loginKey(login)), LOGIN_FAILURE.CLIENT_IP.eq(ipKey(client)))).mapEmpty();
  }

  /** Deletes failures that no longer count; run periodically. Answers how many were deleted. */
  public Future<Integer> purgeExpired() {
    return Sql.update(pool, Sql.dsl().deleteFrom(LOGIN_FAILURE).where(LOGIN_FAILURE.FAILED_AT.le(windowStart)));
  }

  /** The same refusal whichever scope was reached, so it tells an attacker nothing more than to wait. */
  private static ProblemException tooManyAttempts(long seconds) {
    return new ProblemException(Problem.of(429, "too-many-attempts", "Too many failed logins",
        "Too many failed logins; try again in " + seconds + " seconds.")).withRetryAfter(seconds);
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
