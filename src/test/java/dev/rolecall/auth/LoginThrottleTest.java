package dev.rolecall.auth;

import static dev.rolecall.db.schema.Tables.LOGIN_FAILURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rolecall.db.Migrations;
import dev.rolecall.db.Sql;
import dev.rolecall.http.ClientAddress;
import dev.rolecall.http.ProblemException;
import dev.rolecall.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class LoginThrottleTest {
  private static final Duration WINDOW = Duration.ofMinutes(15);

  private static final Duration DELAY = Duration.ofMillis(10);

  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void connect(Vertx v) {
    vertx = v;
    Migrations.apply(TestDatabase.url());
    pool = PgBuilder.pool().connectingTo(TestDatabase.url().connectOptions()).using(vertx).build();
  }

  @AfterAll
  static void disconnect() {
    pool.close().await();
  }

  @Test
  void failuresUnderTheLimitPass() {
    LoginThrottle throttle = throttle(3, 100);
    String login = login();
    ClientAddress ip = ip();

    fail(throttle, login, ip, 2);

    throttle.attempt(login, ip).await();
  }

  @Test
  void reachingThePerLoginAndAddressLimitGives429WithRetryAfter() {
    LoginThrottle throttle = throttle(3, 100);
    String login = login();
    ClientAddress ip = ip();

    fail(throttle, login, ip, 3);

    ProblemException refused = refusal(throttle, login.toUpperCase(), ip);
    assertThat(refused.problem().type()).endsWith("/too-many-attempts");
    assertThat(retryAfter(refused)).isBetween(WINDOW.toSeconds() - 60, WINDOW.toSeconds());
  }

  @Test
  void retryAfterIsWhenTheOldestFailureThatStillMattersLeavesTheWindow() {
    LoginThrottle throttle = throttle(2, 100);
    String login = login();
    ClientAddress ip = ip();
    insert(login, ip, OffsetDateTime.now().minusMinutes(12));
    insert(login, ip, OffsetDateTime.now().minusMinutes(10));
    insert(login, ip, OffsetDateTime.now().minusMinutes(5));

    // Two of three suffice: the scope reopens once the one from 10 minutes ago expires.
    assertThat(retryAfter(refusal(throttle, login, ip))).isBetween(280L, 301L);
  }

  @Test
  void anotherAddressCanStillLogInAsTheSameUser() {
    LoginThrottle throttle = throttle(3, 100);
    String login = login();
    ClientAddress attacker = ip();

    fail(throttle, login, attacker, 3);

    throttle.attempt(login, ip()).await();
  }

  @Test
  void thePerAddressLimitBlocksEveryLoginFromThatAddress() {
    LoginThrottle throttle = throttle(100, 3);
    ClientAddress ip = ip();

    fail(throttle, login(), ip, 1);
    fail(throttle, login(), ip, 1);
    fail(throttle, login(), ip, 1);

    assertThat(retryAfter(refusal(throttle, login(), ip))).isPositive();
    throttle.attempt(login(), ip()).await();
  }

  @Test
  void theOverallLimitSlowsEveryoneButRefusesNoOne() {
    LoginThrottle throttle = new LoginThrottle(vertx, pool,
        new AuthConfig.ThrottleLimits(true, WINDOW, 100, 100, 1, Duration.ofMillis(1500)));

    fail(throttle, login(), ip(), 1);

    assertThat(throttle.admit(login(), ip()).await().delay()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void theAddressesOfOneIpv6Slash64CountAsOne() {
    LoginThrottle throttle = throttle(100, 3);
    String prefix = "fd01:%x:%x:%x:".formatted(ThreadLocalRandom.current().nextInt(0x10000),
        ThreadLocalRandom.current().nextInt(0x10000), ThreadLocalRandom.current().nextInt(0x10000));

    for (int i = 1; i <= 3; i++) {
      fail(throttle, login(), ClientAddress.direct(prefix + i + "::" + i), 1);
    }

    assertThat(retryAfter(refusal(throttle, login(), ClientAddress.direct(prefix + "ffff:1:2:3")))).isPositive();
  }

  @Test
  void attemptsSentAllAtOnceAreCountedBeforeAnyIsJudged() {
    LoginThrottle throttle = throttle(100, 5);
    ClientAddress ip = ip();

    List<Future<LoginAttempt>> attempts = IntStream.range(0, 16).mapToObj(i -> throttle.attempt(login(), ip)).toList();
    Future.join(attempts).otherwiseEmpty().await();

    assertThat(attempts.stream().filter(Future::succeeded).count()).isEqualTo(5);
    assertThat(attempts.stream().filter(Future::failed))
        .allSatisfy(refused -> assertThat(((ProblemException) refused.cause()).problem().status()).isEqualTo(429));
  }

  @Test
  void anAttemptWhoseCredentialWasRightOrNeverCheckedIsTakenBack() {
    LoginThrottle throttle = throttle(2, 100);
    String login = login();
    ClientAddress ip = ip();

    throttle.attempt(login, ip).compose(attempt -> attempt.judge(Future.succeededFuture(true), right -> right)).await();
    throttle.attempt(login, ip).compose(attempt -> attempt.judge(Future.failedFuture("hashing pool full"), right -> true))
        .otherwiseEmpty().await();
    throttle.attempt(login, ip).compose(attempt -> attempt.judge(Future.succeededFuture(false), right -> right)).await();

    throttle.attempt(login, ip).await();
    refusal(throttle, login, ip);
  }

  @Test
  void clearingAfterASuccessfulLoginResetsThePair() {
    LoginThrottle throttle = throttle(3, 100);
    String login = login();
    ClientAddress ip = ip();
    fail(throttle, login, ip, 3);

    throttle.clear(login, ip).await();

    throttle.attempt(login, ip).await();
  }

  @Test
  void disabledLimitsNeverBlock() {
    String login = login();
    ClientAddress ip = ip();
    for (int i = 0; i < 3; i++) {
      insert(login, ip, OffsetDateTime.now());
    }

    LoginThrottle disabled = new LoginThrottle(vertx, pool, new AuthConfig.ThrottleLimits(false, WINDOW, 1, 1, 1, DELAY));

    disabled.attempt(login, ip).await();
  }

  @Test
  void purgingDeletesOnlyFailuresOutsideTheWindow() {
    LoginThrottle throttle = throttle(3, 100);
    String login = login();
    ClientAddress ip = ip();
    insert(login, ip, OffsetDateTime.now().minus(WINDOW).minusMinutes(1));
    fail(throttle, login, ip, 1);

    assertThat(throttle.purgeExpired().await()).isPositive();

    assertThat(Sql.list(pool, Sql.dsl().select(LOGIN_FAILURE.FAILED_AT).from(LOGIN_FAILURE)
        .where(LOGIN_FAILURE.LOGIN.eq(login)), row -> row.getOffsetDateTime(0)).await())
        .singleElement().satisfies(at -> assertThat(at).isAfter(OffsetDateTime.now().minusMinutes(1)));
  }

  @Test
  void longLoginsAreCutToFitAndStillCount() {
    LoginThrottle throttle = throttle(2, 100);
    String login = login() + "x".repeat(400);
    ClientAddress ip = ip();

    fail(throttle, login, ip, 2);

    assertThat(retryAfter(refusal(throttle, login, ip))).isPositive();
  }

  private static LoginThrottle throttle(int perLoginAndIp, int perIp) {
    return new LoginThrottle(vertx, pool,
        new AuthConfig.ThrottleLimits(true, WINDOW, perLoginAndIp, perIp, 100_000_000, DELAY));
  }

  private static void fail(LoginThrottle throttle, String login, ClientAddress ip, int times) {
    for (int i = 0; i < times; i++) {
      throttle.attempt(login, ip).await();
    }
  }

  private static ProblemException refusal(LoginThrottle throttle, String login, ClientAddress ip) {
    ProblemException refused = catchThrowableOfType(ProblemException.class, () -> throttle.attempt(login, ip).await());
    assertThat(refused).as("the check refuses").isNotNull();
    assertThat(refused.problem().status()).isEqualTo(429);
    return refused;
  }

  private static long retryAfter(ProblemException refused) {
    return Long.parseLong(refused.headers().get("Retry-After"));
  }

  private static void insert(String login, ClientAddress ip, OffsetDateTime failedAt) {
    Sql.update(pool, Sql.dsl()
        .insertInto(LOGIN_FAILURE, LOGIN_FAILURE.LOGIN, LOGIN_FAILURE.CLIENT_IP, LOGIN_FAILURE.FAILED_AT)
        .values(login, ip.bucket(), failedAt)).await();
  }

  private static String login() {
    return "user-" + UUID.randomUUID() + "@example.com";
  }

  private static ClientAddress ip() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return ClientAddress.direct("fd00:%x:%x:%x::1".formatted(random.nextInt(0x10000), random.nextInt(0x10000),
        random.nextInt(0x10000)));
  }
}
