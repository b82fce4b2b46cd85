package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.Rolecall;
import dev.rolecall.support.Api;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.TestService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One hashing worker and no queue: a burst of logins is partly refused with 503, and nothing else waits. */
@ExtendWith(VertxExtension.class)
class HashingPoolTest {
  private static final int BURST = 8;

  private static Rolecall service;
  private static Api api;
  private static WebClient burstClient;
  private static Fixtures fixtures;

  @BeforeAll
  static void start(Vertx vertx) {
    service = TestService.start(Map.of(
        "ROLECALL_HASH_WORKERS", "1",
        "ROLECALL_HASH_QUEUE", "0",
        "ROLECALL_LOGIN_THROTTLE", "off"));
    api = new Api(vertx, service);
    // A connection per request, so that the whole burst reaches the service at once.
    burstClient = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(service.port()), new PoolOptions().setHttp1MaxSize(BURST));
    fixtures = new Fixtures(service.pool());
  }

  @AfterAll
  static void stop() {
    burstClient.close();
    api.close();
    service.close();
  }

  @Test
  void aBurstOfLoginsIsPartlyRefusedAsBusyWhileOtherOperationsAnswer() {
    String login = fixtures.login(fixtures.user(fixtures.account(), Role.USER));
    String token = api.token(login, Fixtures.PASSWORD);
    JsonObject credentials = new JsonObject().put("login", login).put("password", Fixtures.PASSWORD);

    List<Future<HttpResponse<Buffer>>> burst = IntStream.range(0, BURST)
        .mapToObj(i -> burstClient.post("/api/auth/login").sendJsonObject(credentials))
        .toList();
    HttpResponse<Buffer> ready = api.get("/health/ready", null);
    HttpResponse<Buffer> me = api.get("/api/me", token);
    List<HttpResponse<Buffer>> answers = burst.stream().map(answer -> answer.await()).toList();

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 503).contains(200, 503);
    answers.stream().filter(answer -> answer.statusCode() == 503).forEach(busy -> {
      assertThat(busy.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(busy.bodyAsJsonObject().getString("type")).endsWith("/busy");
      assertThat(busy.getHeader("Retry-After")).isEqualTo(String.valueOf(PasswordHasher.RETRY_AFTER_SECONDS));
    });
    // The refused ones gave their places back: once the burst is over, a login succeeds again.
    assertThat(api.login(login, Fixtures.PASSWORD).statusCode()).isEqualTo(200);
  }
}
