package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.Rolecall;
import dev.rolecall.support.Api;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Logins behind a reverse proxy: 127.0.0.1 is the trusted proxy, whose {@code X-Forwarded-For} names the
 * client; any other loopback address is a client that may send the header but is not believed. The
 * overall limit is 1, so it is always reached here: it may slow logins, never refuse them.
 */
@ExtendWith(VertxExtension.class)
class ProxiedLoginTest {
  private static final int PER_LOGIN_AND_IP = 3;
  private static final String PROXY = "127.0.0.1";

  private static Vertx vertx;
  private static Rolecall service;
  private static Fixtures fixtures;
  private static UUID account;
  private static Api proxy;

  @BeforeAll
  static void start(Vertx v) {
    vertx = v;
    service = TestService.start(Map.of(
        "ROLECALL_TRUSTED_PROXIES", PROXY + "/32, fd00:aaaa::/32",
        "ROLECALL_LOGIN_MAX_FAILURES_PER_LOGIN_IP", String.valueOf(PER_LOGIN_AND_IP),
        "ROLECALL_LOGIN_MAX_FAILURES_OVERALL", "1",
        "ROLECALL_LOGIN_OVERALL_DELAY", "PT0.01S"));
    fixtures = new Fixtures(service.pool());
    account = fixtures.account();
    proxy = new Api(vertx, service.port(), PROXY);
  }

  @AfterAll
  static void stop() {
    proxy.close();
    service.close();
  }

  @Test
  void clientsBehindTheProxyAreThrottledEachByTheirOwnAddress() {
    String victim = user();
    String attacker = publicAddress();
    failTimes(proxy, victim, attacker, PER_LOGIN_AND_IP);
    assertThat(login(proxy, victim, Fixtures.PASSWORD, attacker).statusCode()).isEqualTo(429);

    HttpResponse<Buffer> colleague = login(proxy, victim, Fixtures.PASSWORD, publicAddress());

    assertThat(colleague.statusCode()).as(colleague.bodyAsString()).isEqualTo(200);
  }

  @Test
  void aClientThatIsNoProxyCannotChooseItsAddress() {
    String victim = user();
    try (Api direct = new Api(vertx, service.port(), loopbackAddress())) {
      for (int i = 0; i < PER_LOGIN_AND_IP; i++) {
        assertThat(login(direct, victim, "not the password " + i, publicAddress()).statusCode()).isEqualTo(401);
      }

      assertThat(login(direct, victim, Fixtures.PASSWORD, publicAddress()).statusCode()).isEqualTo(429);
    }
  }

  @Test
  void addressesOfOneIpv6Slash64AreOneClient() {
    String victim = user();
    String prefix = "2001:db8:%x:%x:".formatted(ThreadLocalRandom.current().nextInt(0x10000),
        ThreadLocalRandom.current().nextInt(0x10000));
    for (int i = 0; i < PER_LOGIN_AND_IP; i++) {
      assertThat(login(proxy, victim, "not the password " + i, prefix + "1:2:3:" + (i + 1)).statusCode()).isEqualTo(401);
    }

    assertThat(login(proxy, victim, Fixtures.PASSWORD, prefix + "ffff::9").statusCode()).isEqualTo(429);
    assertThat(login(proxy, victim, Fixtures.PASSWORD, "2001:db8:ffff:ffff::9").statusCode()).isEqualTo(200);
  }

  /**
   * The proxy here appends to X-Forwarded-For and passes Forwarded through as the client wrote it, as most
   * do: a Forwarded header naming a new address each time must not give the attacker a new bucket.
   */
  @Test
  void aForwardedHeaderTheClientWroteIsNotBelieved() {
    String victim = user();
    String attacker = publicAddress();
    for (int i = 0; i < PER_LOGIN_AND_IP; i++) {
      assertThat(forwarded(victim, "not the password " + i, attacker, "for=" + publicAddress()).statusCode())
          .isEqualTo(401);
    }

    assertThat(forwarded(victim, Fixtures.PASSWORD, attacker, "for=" + publicAddress()).statusCode()).isEqualTo(429);
  }

  /** Behind a proxy that ends TLS, the page's origin is https although the proxy's request is plain HTTP. */
  @Test
  void aSessionRequestPassesTheOriginCheckInTheSchemeTheProxyReports() {
    String login = user();
    HttpResponse<Buffer> loggedIn = proxy.client().post("/api/auth/login")
        .putHeader("X-Forwarded-For", publicAddress()).putHeader("X-Forwarded-Proto", "https")
        .sendJsonObject(new JsonObject().put("login", login).put("password", Fixtures.PASSWORD).put("session", true))
        .await();
    assertThat(loggedIn.statusCode()).as(loggedIn.bodyAsString()).isEqualTo(200);
    // Over HTTPS as the proxy reports it, the session cookie is Secure and prefixed.
    String session = loggedIn.cookies().stream().filter(cookie -> cookie.startsWith("__Host-rolecall_session="))
        .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).findFirst().orElseThrow();
    String host = "127.0.0.1:" + service.port();

    HttpResponse<Buffer> logout = proxy.client().post("/api/auth/logout")
        .putHeader("X-Forwarded-For", publicAddress()).putHeader("X-Forwarded-Proto", "https")
        .putHeader("Cookie", session).putHeader("Origin", "https://" + host).send().await();

    assertThat(logout.statusCode()).as(logout.bodyAsString()).isEqualTo(204);
  }

  @Test
  void theAuditLogNamesTheForwardedClient() {
    String login = user();
    String client = publicAddress();

    assertThat(login(proxy, login, "not the password", client).statusCode()).isEqualTo(401);

    assertThat(service.pool().preparedQuery("""
            SELECT source_ip FROM audit_event WHERE action = 'auth.login_failed' AND target_label = $1""")
        .execute(Tuple.of(login)).await().iterator().next().getString(0)).isEqualTo(client);
  }

  @Test
  void onceTheOverallLimitIsReachedTheRightPasswordStillLogsIn() {
    String login = user();
    failTimes(proxy, user(), publicAddress(), 2);

    HttpResponse<Buffer> answer = login(proxy, login, Fixtures.PASSWORD, publicAddress());

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
  }

  private static String user() {
    return fixtures.login(fixtures.user(account, Role.USER));
  }

  private static void failTimes(Api client, String login, String address, int times) {
    for (int i = 0; i < times; i++) {
      HttpResponse<Buffer> answer = login(client, login, "not the password " + i, address);
      assertThat(answer.statusCode()).as("failure %d: %s", i + 1, answer.bodyAsString()).isEqualTo(401);
    }
  }

  /** Through the proxy, which appends the address it saw; whatever the client claimed stays to the left. */
  private static HttpResponse<Buffer> login(Api client, String login, String password, String address) {
    return client.client().post("/api/auth/login")
        .putHeader("X-Forwarded-For", "198.51.100.66, " + address)
        .sendJsonObject(new JsonObject().put("login", login).put("password", password)).await();
  }

  private static HttpResponse<Buffer> forwarded(String login, String password, String address, String forwarded) {
    return proxy.client().post("/api/auth/login")
        .putHeader("X-Forwarded-For", address)
        .putHeader("Forwarded", forwarded)
        .sendJsonObject(new JsonObject().put("login", login).put("password", password)).await();
  }

  private static String publicAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "203." + random.nextInt(0, 256) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
  }

  private static String loopbackAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
  }
}
