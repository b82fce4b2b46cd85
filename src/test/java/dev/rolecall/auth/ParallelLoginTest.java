package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.Rolecall;
import dev.rolecall.support.Api;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.TestService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Wrong logins sent all at once: each is counted before it is judged, so the limit holds for them too. */
@ExtendWith(VertxExtension.class)
class ParallelLoginTest {
  private static final int LIMIT = 10;
  private static final int PARALLEL = 16;

  private static Vertx vertx;
  private static Rolecall service;
  private static Fixtures fixtures;

  @BeforeAll
  static void start(Vertx v) {
    vertx = v;
    service = TestService.start(Map.of(
        "ROLECALL_LOGIN_MAX_FAILURES_PER_LOGIN_IP", String.valueOf(LIMIT),
        "ROLECALL_HASH_QUEUE", "64"));
    fixtures = new Fixtures(service.pool());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void sixteenParallelWrongLoginsMeetALimitOfTen() {
    String login = fixtures.login(fixtures.user(fixtures.account(), Role.USER));
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String address = "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    try (Api attacker = new Api(vertx, service.port(), address)) {
      List<Future<HttpResponse<Buffer>>> answers = IntStream.range(0, PARALLEL)
          .mapToObj(i -> attacker.client().post("/api/auth/login")
              .sendJsonObject(new JsonObject().put("login", login).put("password", "not the password " + i)))
          .toList();
      Future.join(answers).await();

      List<Integer> statuses = answers.stream().map(answer -> answer.result().statusCode()).toList();
      assertThat(statuses).as("every answer is a 401 or a 429").allMatch(status -> status == 401 || status == 429);
      assertThat(statuses.stream().filter(status -> status == 401).count()).as(statuses.toString())
          .isLessThanOrEqualTo(LIMIT);
    }
  }
}
