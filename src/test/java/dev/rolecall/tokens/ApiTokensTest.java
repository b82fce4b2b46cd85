package dev.rolecall.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiTokensTest extends ServiceTest {
  private UUID account;
  private UUID userId;
  private String login;

  @BeforeEach
  void aUser() {
    account = fixtures.account();
    userId = fixtures.user(account, Role.USER);
    login = api.token(fixtures.login(userId), Fixtures.PASSWORD);
  }

  @Test
  void aTokenIsShownOnceAndActsWithItsOwnersPermissions() {
    HttpResponse<Buffer> created = create(login, null);

    assertThat(created.statusCode()).isEqualTo(201);
    String secret = created.bodyAsJsonObject().getString("secret");
    assertThat(secret).startsWith("rcp_");
    assertThat(api.get("/api/users/" + userId + "/permissions", secret).statusCode()).isEqualTo(200);
    JsonArray listed = api.get("/api/me/tokens", login).bodyAsJsonArray();
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).containsKey("secret")).isFalse();
    assertThat(listed.getJsonObject(0).getString("prefix")).isEqualTo(secret.substring(0, 12));
    assertThat(listed.getJsonObject(0).getString("lastUsedAt")).isNotNull();
    assertThat(service.pool().preparedQuery("SELECT count(*) FROM api_token WHERE digest = sha256(convert_to($1, 'UTF8'))")
        .execute(Tuple.of(secret)).await().iterator().next().getLong(0)).isEqualTo(1);
  }

  @Test
  void aTokenIsNarrowedToThePermissionsItWasCreatedWith() {
    String secret = create(login, new JsonArray().add("PROFILE_VIEW")).bodyAsJsonObject().getString("secret");

    assertThat(api.get("/api/me/profile", secret).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> refused = api.get("/api/users/" + userId + "/permissions", secret);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject().getJsonArray("missingPermissions")).containsExactly("USER_ROLES_VIEW");
  }

  @Test
  void aTokenCannotAskForPermissionsItsOwnerLacksNorMintOthers() {
    HttpResponse<Buffer> tooMuch = create(login, new JsonArray().add("USERS_EDIT"));
    assertThat(tooMuch.statusCode()).isEqualTo(400);
    assertThat(tooMuch.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/permissions/0");

    String secret = create(login, null).bodyAsJsonObject().getString("secret");
    HttpResponse<Buffer> minted = create(secret, null);
    assertThat(minted.statusCode()).isEqualTo(403);
    assertThat(minted.bodyAsJsonObject().getString("type")).endsWith("/login-credential-required");
  }

  @Test
  void revocationExpiryAndDeactivationEachEndAccess() {
    String revoked = create(login, null).bodyAsJsonObject().getString("secret");
    JsonObject expiring = create(login, null).bodyAsJsonObject();
    String ownerless = create(login, null).bodyAsJsonObject().getString("secret");

    UUID revokedId = UUID.fromString(api.get("/api/me/tokens", login).bodyAsJsonArray().stream()
        .map(JsonObject.class::cast).filter(t -> revoked.startsWith(t.getString("prefix"))).findFirst().orElseThrow()
        .getString("id"));
    assertThat(api.call(HttpMethod.DELETE, "/api/me/tokens/" + revokedId, login, null).statusCode()).isEqualTo(204);
    assertThat(api.get("/api/me", revoked).statusCode()).isEqualTo(401);

    service.pool().preparedQuery("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(expiring.getString("id")))).await();
    assertThat(api.get("/api/me", expiring.getString("secret")).statusCode()).isEqualTo(401);

    assertThat(api.get("/api/me", ownerless).statusCode()).isEqualTo(200);
    fixtures.setActive(userId, false);
    // A change made in SQL reaches the cached token through the database's notification.
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/me", ownerless).statusCode() == 401);
  }

  @Test
  void anExpiryBeyondTheMaximumLifetimeIsRefused() {
    HttpResponse<Buffer> answer = api.call(HttpMethod.POST, "/api/me/tokens", login, new JsonObject()
        .put("name", "forever").put("expiresAt", Instant.now().plus(400, ChronoUnit.DAYS).toString()));

    assertThat(answer.statusCode()).isEqualTo(400);
  }

  @Test
  void anAdminListsAndRevokesAUsersTokensButNotAnotherAccounts() {
    String admin = api.token(fixtures.login(fixtures.user(account, Role.ADMIN)), Fixtures.PASSWORD);
    String secret = create(login, null).bodyAsJsonObject().getString("secret");
    JsonArray listed = api.get("/api/users/" + userId + "/tokens", admin).bodyAsJsonArray();
    assertThat(listed).hasSize(1);

    String tokenId = listed.getJsonObject(0).getString("id");
    assertThat(api.call(HttpMethod.DELETE, "/api/users/" + userId + "/tokens/" + tokenId, admin, null).statusCode())
        .isEqualTo(204);
    assertThat(api.get("/api/me", secret).statusCode()).isEqualTo(401);

    UUID stranger = fixtures.user(fixtures.account(), Role.USER);
    assertThat(api.get("/api/users/" + stranger + "/tokens", admin).statusCode()).isEqualTo(404);
  }

  private static HttpResponse<Buffer> create(String credential, JsonArray permissions) {
    JsonObject body = new JsonObject().put("name", "script " + UUID.randomUUID())
        .put("expiresAt", Instant.now().plus(30, ChronoUnit.DAYS).toString());
    if (permissions != null) {
      body.put("permissions", permissions);
    }
    return api.call(HttpMethod.POST, "/api/me/tokens", credential, body);
  }
}
