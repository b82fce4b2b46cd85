package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Authorization reads identities from memory, yet a change made anywhere (here, plain SQL as from an
 * operator's console) applies at once, because the database announces it. The bounds are generous: the
 * mechanism is asserted, the benchmark measures the times.
 */
class IdentityCacheTest extends ServiceTest {
  private static final Duration BOUND = Duration.ofSeconds(10);
  private static UUID account;

  @BeforeAll
  static void start(Vertx vertx) {
    account = fixtures.account();
    await().atMost(BOUND).until(() -> service.auth().changes().listening());
  }

  @Test
  void aDeactivationInSqlIsRefusedOnTheNextRequests() {
    UUID user = fixtures.user(account, Role.USER);
    String token = login(user);
    assertThat(api.get("/api/me", token).statusCode()).isEqualTo(200);

    sql("UPDATE app_user SET active = false WHERE id = $1", user);

    await().atMost(BOUND).until(() -> api.get("/api/me", token).statusCode() == 401);
    assertThat(api.get("/api/me", token).bodyAsJsonObject().getString("type")).endsWith("/unauthorized");
  }

  @Test
  void rolesChangedInSqlChangeWhatMeAnswersAndWhatIsAllowed() {
    UUID user = fixtures.user(account, Role.ANALYST);
    String token = login(user);
    assertThat(api.get("/api/users", token).statusCode()).isEqualTo(403);
    assertThat(operations(token)).doesNotContain("listUsers");

    sql("INSERT INTO user_role (account_id, user_id, role) VALUES ($2, $1, 'ADMIN')", user, account);

    await().atMost(BOUND).until(() -> api.get("/api/users", token).statusCode() == 200);
    assertThat(operations(token)).contains("listUsers", "createUser");
    assertThat(api.get("/api/me", token).bodyAsJsonObject().getJsonArray("roles")).contains("ADMIN", "ANALYST");
  }

  @Test
  void anApiTokenRevokedInSqlStopsWorking() {
    UUID user = fixtures.user(account, Role.USER);
    String secret = apiToken(login(user), new JsonArray().add("PROFILE_VIEW"));
    JsonObject me = api.get("/api/me", secret).bodyAsJsonObject();
    assertThat(me.getJsonArray("permissions")).containsExactly("PROFILE_VIEW");
    assertThat(me.getJsonArray("operations")).contains("getMyProfile").doesNotContain("updateMyProfile", "logoutAll");

    sql("UPDATE api_token SET revoked_at = now() WHERE user_id = $1", user);

    await().atMost(BOUND).until(() -> api.get("/api/me", secret).statusCode() == 401);
  }

  @Test
  void anApiTokenCannotEndSessionsOrChangeThePassword() {
    UUID user = fixtures.user(account, Role.ADMIN);
    String secret = apiToken(login(user), new JsonArray());
    for (String path : new String[] {"/api/auth/logout", "/api/auth/logout-all", "/api/me/password"}) {
      HttpResponse<Buffer> refused = api.call(HttpMethod.POST, path, secret, new JsonObject());
      assertThat(refused.statusCode()).as(path).isEqualTo(403);
      assertThat(refused.bodyAsJsonObject().getString("type")).as(path).endsWith("/login-credential-required");
    }
    assertThat(api.get("/api/me", secret).statusCode()).isEqualTo(200);
  }

  @Test
  void whileChangesCannotBeHeardTheCacheIsBypassedAndRebuiltAfter() {
    UUID user = fixtures.user(account, Role.USER);
    String token = login(user);
    assertThat(api.get("/api/me", token).statusCode()).isEqualTo(200);

    // The subscription's connection is the one that ran LISTEN; ending it is what a network cut does.
    service.pool().query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        + " WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()").execute().await();
    await().atMost(BOUND).until(() -> !service.auth().changes().listening()
        || api.get("/api/me", token).statusCode() == 200);
    sql("UPDATE app_user SET first_name = 'Renamed' WHERE id = $1", user);
    await().atMost(BOUND).until(() -> "Renamed".equals(api.get("/api/me", token).bodyAsJsonObject().getString("firstName")));

    await().atMost(BOUND).until(() -> service.auth().changes().listening());
    sql("UPDATE app_user SET active = false WHERE id = $1", user);
    await().atMost(BOUND).until(() -> api.get("/api/me", token).statusCode() == 401);
  }

  private static JsonArray operations(String token) {
    return api.get("/api/me", token).bodyAsJsonObject().getJsonArray("operations");
  }

  private static void sql(String statement, Object... values) {
    service.pool().preparedQuery(statement).execute(Tuple.from(values)).await();
  }

  private static String login(UUID user) {
    return api.token(fixtures.login(user), Fixtures.PASSWORD);
  }

  private static String apiToken(String login, JsonArray permissions) {
    HttpResponse<Buffer> created = api.call(HttpMethod.POST, "/api/me/tokens", login, new JsonObject()
        .put("name", "script " + UUID.randomUUID()).put("permissions", permissions)
        .put("expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("secret");
  }
}
