package dev.rolecall.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API tokens die for good with their owner's deactivation or deletion, and when a password change says so. */
class ApiTokenRevocationTest extends ServiceTest {
  private static final String NEW_PASSWORD = "violet cactus harbour 97";
  private static UUID account;
  private static String admin;

  @BeforeAll
  static void start(Vertx vertx) {
    account = fixtures.account();
    admin = api.token(fixtures.login(fixtures.user(account, Role.ADMIN)), Fixtures.PASSWORD);
  }

  @Test
  void deactivationResetAndReactivationNeverBringTheTokenBack() {
    UUID user = fixtures.user(account, Role.USER);
    String secret = apiToken(user);
    assertThat(api.get("/api/me", secret).statusCode()).isEqualTo(200);

    assertThat(patchActive(user, false).statusCode()).isEqualTo(200);
    assertThat(api.get("/api/me", secret).statusCode()).isEqualTo(401);
    assertThat(reset(user, new JsonObject().put("revokeApiTokens", false)).statusCode()).isEqualTo(204);
    assertThat(patchActive(user, true).statusCode()).isEqualTo(200);

    assertThat(api.get("/api/me", secret).statusCode()).as("reactivated, the old token stays dead").isEqualTo(401);
    assertThat(revokedAt(user)).isNotNull();
  }

  @Test
  void deactivationBySqlRevokesTooAndDeletionRemovesTheTokens() {
    UUID user = fixtures.user(account, Role.USER);
    String secret = apiToken(user);

    fixtures.setActive(user, false);
    fixtures.setActive(user, true);
    assertThat(api.get("/api/me", secret).statusCode()).isEqualTo(401);

    UUID deleted = fixtures.user(account, Role.USER);
    apiToken(deleted);
    assertThat(api.call(HttpMethod.DELETE, "/api/users/" + deleted, admin, null).statusCode()).isEqualTo(204);
    assertThat(count("SELECT count(*) FROM api_token WHERE user_id = $1", deleted)).isZero();
  }

  @Test
  void anAdminResetRevokesTheApiTokensUnlessAskedNotTo() {
    UUID revoked = fixtures.user(account, Role.USER);
    String revokedSecret = apiToken(revoked);
    UUID kept = fixtures.user(account, Role.USER);
    String keptSecret = apiToken(kept);

    assertThat(reset(revoked, new JsonObject()).statusCode()).isEqualTo(204);
    assertThat(reset(kept, new JsonObject().put("revokeApiTokens", false)).statusCode()).isEqualTo(204);

    assertThat(api.get("/api/me", revokedSecret).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/me", keptSecret).statusCode()).isEqualTo(200);
    assertThat(changes("user.password_set", revoked).getJsonObject("apiTokensRevoked").getInteger("after")).isEqualTo(1);
    assertThat(changes("user.password_set", kept).containsKey("apiTokensRevoked")).isFalse();
  }

  @Test
  void anOwnPasswordChangeRevokesTheApiTokensOnlyWhenAsked() {
    UUID asks = fixtures.user(account, Role.USER);
    String asksSecret = apiToken(asks);
    UUID keeps = fixtures.user(account, Role.USER);
    String keepsSecret = apiToken(keeps);

    assertThat(changePassword(asks, true).statusCode()).isEqualTo(200);
    assertThat(changePassword(keeps, null).statusCode()).isEqualTo(200);

    assertThat(api.get("/api/me", asksSecret).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/me", keepsSecret).statusCode()).isEqualTo(200);
    assertThat(changes("me.password_changed", asks).getJsonObject("apiTokensRevoked").getInteger("after")).isEqualTo(1);
    assertThat(changes("me.password_changed", keeps)).as("nothing but the password changed").isNull();
  }

  @Test
  void logoutEverywhereRevokesTheApiTokensOnlyWhenAsked() {
    UUID asks = fixtures.user(account, Role.USER);
    String asksSecret = apiToken(asks);
    UUID keeps = fixtures.user(account, Role.USER);
    String keepsSecret = apiToken(keeps);

    assertThat(api.call(HttpMethod.POST, "/api/auth/logout-all", login(asks), new JsonObject().put("revokeApiTokens", true))
        .statusCode()).isEqualTo(204);
    assertThat(api.call(HttpMethod.POST, "/api/auth/logout-all", login(keeps), null).statusCode()).isEqualTo(204);

    assertThat(api.get("/api/me", asksSecret).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/me", keepsSecret).statusCode()).isEqualTo(200);
    assertThat(changes("auth.logout_all", asks).getJsonObject("apiTokensRevoked").getInteger("after")).isEqualTo(1);
    assertThat(changes("auth.logout_all", keeps)).isNull();
  }

  private static String login(UUID user) {
    return api.token(fixtures.login(user), Fixtures.PASSWORD);
  }

  private static String apiToken(UUID user) {
    HttpResponse<Buffer> created = api.call(HttpMethod.POST, "/api/me/tokens", login(user), new JsonObject()
        .put("name", "nightly " + UUID.randomUUID()).put("expiresAt", Instant.now().plus(30, ChronoUnit.DAYS).toString()));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("secret");
  }

  private static HttpResponse<Buffer> changePassword(UUID user, Boolean revokeApiTokens) {
    JsonObject body = new JsonObject().put("currentPassword", Fixtures.PASSWORD).put("newPassword", NEW_PASSWORD);
    if (revokeApiTokens != null) {
      body.put("revokeApiTokens", revokeApiTokens);
    }
    return api.call(HttpMethod.POST, "/api/me/password", login(user), body);
  }

  private static HttpResponse<Buffer> reset(UUID user, JsonObject options) {
    return api.call(HttpMethod.PUT, "/api/users/" + user + "/password", admin, options.copy()
        .put("password", NEW_PASSWORD).put("passwordConfirmation", NEW_PASSWORD));
  }

  private static HttpResponse<Buffer> patchActive(UUID user, boolean active) {
    String etag = api.get("/api/users/" + user, admin).getHeader("ETag");
    return api.client().patch("/api/users/" + user).bearerTokenAuthentication(admin).putHeader("If-Match", etag)
        .sendJsonObject(new JsonObject().put("active", active)).await();
  }

  private static Object revokedAt(UUID user) {
    return service.pool().preparedQuery("SELECT revoked_at FROM api_token WHERE user_id = $1")
        .execute(Tuple.of(user)).await().iterator().next().getValue(0);
  }

  private static long count(String sql, UUID user) {
    return service.pool().preparedQuery(sql).execute(Tuple.of(user)).await().iterator().next().getLong(0);
  }

  /** The changes of the user's latest event of that action. */
  private static JsonObject changes(String action, UUID user) {
    var row = service.pool().preparedQuery("""
            SELECT changes::text FROM audit_event WHERE account_id = $1 AND action = $2 AND target_id = $3
            ORDER BY at DESC LIMIT 1""")
        .execute(Tuple.of(account, action, user.toString())).await().iterator().next();
    return row.getString(0) == null ? null : new JsonObject(row.getString(0));
  }
}
