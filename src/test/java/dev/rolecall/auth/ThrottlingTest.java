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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failed logins over HTTP: 3 per login and address, 6 per address, within 15 minutes. The failures live
 * in the database that every test class shares, so each scenario attacks from a loopback address of its
 * own (any of 127.0.0.0/8 reaches the service on 127.0.0.1): failures of other classes never count here.
 */
@ExtendWith(VertxExtension.class)
class ThrottlingTest {
  private static final int PER_LOGIN_AND_IP = 3;
  private static final int PER_IP = 6;
  private static final long WINDOW_SECONDS = 15 * 60;
  private static final List<Api> CLIENTS = new ArrayList<>();

  private static Vertx vertx;
  private static Rolecall service;
  private static Fixtures fixtures;
  private static UUID account;

  @BeforeAll
  static void start(Vertx v) {
    vertx = v;
    service = TestService.start(Map.of(
        "ROLECALL_LOGIN_MAX_FAILURES_PER_LOGIN_IP", String.valueOf(PER_LOGIN_AND_IP),
        "ROLECALL_LOGIN_MAX_FAILURES_PER_IP", String.valueOf(PER_IP),
        "ROLECALL_LOGIN_THROTTLE_WINDOW", "15m"));
    fixtures = new Fixtures(service.pool());
    account = fixtures.account();
  }

  @AfterAll
  static void stop() {
    CLIENTS.forEach(Api::close);
    service.close();
  }

  @Test
  void afterTooManyFailuresEvenTheRightPasswordMustWait() {
    String login = user();
    Api attacker = fromNewAddress();

    failTimes(attacker, login, PER_LOGIN_AND_IP);

    assertTooManyAttempts(attacker.login(login, Fixtures.PASSWORD));
  }

  @Test
  void failuresCountWhateverTheCaseOfTheLogin() {
    String login = user();
    Api attacker = fromNewAddress();

    failTimes(attacker, login.toUpperCase(), PER_LOGIN_AND_IP);

    assertTooManyAttempts(attacker.login(login, Fixtures.PASSWORD));
  }

  @Test
  void aLoginWithADottedCapitalICountsForTheUserItFinds() {
    String login = fixtures.login(fixtures.user(account, "victim-" + UUID.randomUUID() + "@example.com", true, false,
        Role.USER));
    String variant = login.replaceFirst("i", "\u0130");
    assertThat(fromNewAddress().login(variant, Fixtures.PASSWORD).statusCode())
        .as("the lookup finds the user under the variant").isEqualTo(200);
    Api attacker = fromNewAddress();

    failTimes(attacker, variant, PER_LOGIN_AND_IP);

    assertTooManyAttempts(attacker.login(login, Fixtures.PASSWORD));
    assertTooManyAttempts(attacker.login(login.toUpperCase(java.util.Locale.ROOT), Fixtures.PASSWORD));
  }

  @Test
  void aLoginInFullwidthLettersCountsApartAsTheLookupFindsNoOneUnderIt() {
    String login = user();
    String fullwidth = login.chars()
        .map(c -> c >= 'a' && c <= 'z' ? c - 'a' + 0xFF41 : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    Api client = fromNewAddress();

    failTimes(client, fullwidth, PER_LOGIN_AND_IP);

    assertTooManyAttempts(client.login(fullwidth, Fixtures.PASSWORD));
    assertThat(client.login(login, Fixtures.PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void anUnknownLoginIsThrottledExactlyLikeAKnownOne() {
    Api one = fromNewAddress();
    Api other = fromNewAddress();
    String existing = user();
    String unknown = Fixtures.uniqueLogin();
    failTimes(one, existing, PER_LOGIN_AND_IP);
    failTimes(other, unknown, PER_LOGIN_AND_IP);

    HttpResponse<Buffer> known = one.login(existing, Fixtures.PASSWORD);
    HttpResponse<Buffer> nobody = other.login(unknown, Fixtures.PASSWORD);

    assertTooManyAttempts(known);
    assertTooManyAttempts(nobody);
    JsonObject knownBody = known.bodyAsJsonObject();
    JsonObject nobodyBody = nobody.bodyAsJsonObject();
    assertThat(nobodyBody.fieldNames()).isEqualTo(knownBody.fieldNames());
    assertThat(withoutDigits(nobodyBody)).isEqualTo(withoutDigits(knownBody));
  }

  @Test
  void theVictimStillLogsInFromAnotherAddress() {
    String victim = user();
    Api attacker = fromNewAddress();
    failTimes(attacker, victim, PER_LOGIN_AND_IP);
    assertTooManyAttempts(attacker.login(victim, Fixtures.PASSWORD));

    HttpResponse<Buffer> fromElsewhere = fromNewAddress().login(victim, Fixtures.PASSWORD);

    assertThat(fromElsewhere.statusCode()).as(fromElsewhere.bodyAsString()).isEqualTo(200);
  }

  @Test
  void anAddressFailingAcrossManyLoginsIsRefusedForAnyLogin() {
    Api sprayer = fromNewAddress();
    for (int i = 0; i < PER_IP; i++) {
      failTimes(sprayer, Fixtures.uniqueLogin(), 1);
    }
    String innocent = user();

    assertTooManyAttempts(sprayer.login(innocent, Fixtures.PASSWORD));
    assertTooManyAttempts(sprayer.login(Fixtures.uniqueLogin(), "whatever"));
    assertThat(fromNewAddress().login(innocent, Fixtures.PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void aSuccessfulLoginResetsTheCountOfItsLoginAndAddress() {
    String login = user();
    Api client = fromNewAddress();

    failTimes(client, login, PER_LOGIN_AND_IP - 1);
    assertThat(client.login(login, Fixtures.PASSWORD).statusCode()).isEqualTo(200);
    failTimes(client, login, PER_LOGIN_AND_IP - 1);

    assertThat(client.login(login, Fixtures.PASSWORD).statusCode()).isEqualTo(200);
  }

  private static String user() {
    return fixtures.login(fixtures.user(account, Role.USER));
  }

  @Test
  void guessingTheCurrentPasswordWithAStolenSessionIsThrottledLikeLogins() {
    String login = user();
    Api thief = fromNewAddress();
    String token = thief.token(login, Fixtures.PASSWORD);
    JsonObject guess = new JsonObject().put("newPassword", "velvet otters juggle quietly 93");

    for (int i = 0; i < PER_LOGIN_AND_IP; i++) {
      HttpResponse<Buffer> wrong = thief.call(io.vertx.core.http.HttpMethod.POST, "/api/me/password", token,
          guess.copy().put("currentPassword", "guess number " + i));
      assertThat(wrong.statusCode()).as(wrong.bodyAsString()).isEqualTo(400);
    }

    assertTooManyAttempts(thief.call(io.vertx.core.http.HttpMethod.POST, "/api/me/password", token,
        guess.copy().put("currentPassword", Fixtures.PASSWORD)));
  }

  /** Each failure must still be an ordinary 401: the limit is reached only after the last of them. */
  private static void failTimes(Api client, String login, int times) {
    for (int i = 0; i < times; i++) {
      HttpResponse<Buffer> answer = client.login(login, "not the password " + i);
      assertThat(answer.statusCode()).as("failure %d of %s: %s", i + 1, login, answer.bodyAsString()).isEqualTo(401);
    }
  }

  private static void assertTooManyAttempts(HttpResponse<Buffer> answer) {
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(429);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(answer.bodyAsJsonObject().getString("type")).endsWith("/too-many-attempts");
    assertThat(answer.bodyAsJsonObject().getInteger("status")).isEqualTo(429);
    assertThat(answer.getHeader("Retry-After")).matches("[0-9]+");
    assertThat(Long.parseLong(answer.getHeader("Retry-After"))).isBetween(1L, WINDOW_SECONDS);
  }

  /** The detail names the seconds to wait, which may differ by one between two answers. */
  private static JsonObject withoutDigits(JsonObject problem) {
    return new JsonObject(problem.encode().replaceAll("[0-9]+ seconds", "N seconds"));
  }

  private static Api fromNewAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String address = "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    Api client = new Api(vertx, service.port(), address);
    CLIENTS.add(client);
    return client;
  }
}
