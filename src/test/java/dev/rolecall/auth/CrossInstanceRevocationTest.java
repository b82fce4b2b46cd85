package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rolecall.Rolecall;
import dev.rolecall.support.Api;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import dev.rolecall.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances over one database, each with its own identity cache: a user deactivated or demoted
 * through instance A is refused by instance B, which had just served them from memory. The bound is
 * generous (the issue asks for 1 s; the benchmark measures it): the mechanism is what is asserted.
 */
class CrossInstanceRevocationTest extends ServiceTest {
  private static final Duration BOUND = Duration.ofSeconds(10);
  private static Rolecall other;
  private static Api onB;
  private static UUID account;
  private static String admin;

  @BeforeAll
  static void start(Vertx vertx) {
    other = TestService.start();
    onB = new Api(vertx, other);
    account = fixtures.account();
    admin = api.token(fixtures.login(fixtures.user(account, Role.ADMIN)), Fixtures.PASSWORD);
    await().atMost(BOUND).until(() -> service.auth().changes().listening() && other.auth().changes().listening());
  }

  @AfterAll
  static void stop() {
    onB.close();
    other.close();
  }

  @Test
  void aUserDeactivatedOnAIsRefusedOnB() {
    UUID user = fixtures.user(account, Role.USER);
    String token = onB.token(fixtures.login(user), Fixtures.PASSWORD);
    assertThat(onB.get("/api/me", token).statusCode()).isEqualTo(200);

    String etag = api.get("/api/users/" + user, admin).getHeader("ETag");
    assertThat(api.client().patch("/api/users/" + user).bearerTokenAuthentication(admin).putHeader("If-Match", etag)
        .sendJsonObject(new JsonObject().put("active", false)).await().statusCode()).isEqualTo(200);

    await().atMost(BOUND).until(() -> onB.get("/api/me", token).statusCode() == 401);
  }

  @Test
  void aRoleRemovedOnAIsMissingOnB() {
    UUID user = fixtures.user(account, Role.ADMIN, Role.USER);
    String token = onB.token(fixtures.login(user), Fixtures.PASSWORD);
    assertThat(onB.get("/api/audit-events", token).statusCode()).isEqualTo(200);

    String etag = api.get("/api/users/" + user, admin).getHeader("ETag");
    assertThat(api.client().put("/api/users/" + user + "/roles").bearerTokenAuthentication(admin)
        .putHeader("If-Match", etag).sendJsonObject(new JsonObject().put("roles", new JsonArray()
            .add("USER"))).await().statusCode()).isEqualTo(200);

    await().atMost(BOUND).until(() -> onB.get("/api/audit-events", token).statusCode() == 403);
    assertThat(onB.get("/api/audit-events", token).bodyAsJsonObject().getJsonArray("missingPermissions"))
        .containsExactly("USER_ACTIONS_VIEW");
  }
}
