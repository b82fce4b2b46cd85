package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoginTest extends ServiceTest {
  private static UUID account;

  @BeforeAll
  static void start(Vertx vertx) {
    account = fixtures.account();
  }

  @Test
  void aUserLogsInAndSeesWhoTheyAre() {
    UUID id = fixtures.user(account, Role.OPERATOR, Role.ANALYST);
    String login = fixtures.login(id);

    HttpResponse<Buffer> answer = api.login(login.toUpperCase(), Fixtures.PASSWORD);

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonObject token = answer.bodyAsJsonObject();
    assertThat(token.getString("tokenType")).isEqualTo("Bearer");
    assertThat(token.getLong("expiresIn")).as("the default access token lifetime").isEqualTo(5 * 60);
    assertThat(token.getString("refreshToken")).startsWith(RefreshTokens.PREFIX);
    assertThat(token.getBoolean("passwordChangeRequired")).isFalse();
    JsonObject me = api.get("/api/me", token.getString("accessToken")).bodyAsJsonObject();
    assertThat(me.getString("id")).isEqualTo(id.toString());
    assertThat(me.getString("login")).isEqualTo(login);
    assertThat(me.getJsonObject("account").getString("id")).isEqualTo(account.toString());
    assertThat(me.getJsonArray("roles")).containsExactlyInAnyOrder("ANALYST", "OPERATOR");
    assertThat(me.getJsonArray("permissions").getList())
        .contains("CLIENTS_EDIT", "WEEKLY_REPORTS_RECEIVE")
        .doesNotContain("USERS_VIEW")
        .hasSize(Role.permissionsOf(java.util.Set.of(Role.OPERATOR, Role.ANALYST)).size());
  }

  @Test
  void theTokenCarriesIdentityOnly() {
    String token = api.token(fixtures.login(fixtures.user(account, Role.ADMIN)), Fixtures.PASSWORD);

    String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));

    assertThat(new JsonObject(payload).fieldNames()).containsExactlyInAnyOrder("iss", "sub", "acc", "jti", "auth", "iat", "exp");
    assertThat(new JsonObject(payload).getString("iss")).isEqualTo("http://127.0.0.1:" + service.port());
  }

  @Test
  void aWrongPasswordAndAnUnknownLoginGetTheSameAnswer() {
    String login = fixtures.login(fixtures.user(account, Role.USER));

    HttpResponse<Buffer> wrongPassword = api.login(login, "not the password at all");
    HttpResponse<Buffer> unknownLogin = api.login(Fixtures.uniqueLogin(), "not the password at all");

    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(unknownLogin.statusCode()).isEqualTo(401);
    assertThat(wrongPassword.bodyAsJsonObject()).isEqualTo(unknownLogin.bodyAsJsonObject());
    assertThat(wrongPassword.bodyAsJsonObject().getString("type")).endsWith("/invalid-credentials");
  }

  @Test
  void anInactiveUserIsRefusedEvenWithTheRightPassword() {
    UUID id = fixtures.user(account, fixtures.uniqueLogin(), false, false, Role.ADMIN);

    HttpResponse<Buffer> answer = api.login(fixtures.login(id), Fixtures.PASSWORD);

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.bodyAsJsonObject().getString("type")).endsWith("/account-inactive");
    assertThat(api.login(fixtures.login(id), "a wrong password").statusCode()).isEqualTo(401);
  }

  @Test
  void initialAloneCannotLogInButInitialWithAnotherRoleCan() {
    UUID initialOnly = fixtures.user(account, Role.INITIAL);
    UUID initialAndUser = fixtures.user(account, Role.INITIAL, Role.USER);

    HttpResponse<Buffer> refused = api.login(fixtures.login(initialOnly), Fixtures.PASSWORD);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject().getString("type")).endsWith("/no-login-role");
    assertThat(api.login(fixtures.login(initialAndUser), Fixtures.PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void aRawLogsAnalystAloneCanLogIn() {
    assertThat(api.login(fixtures.login(fixtures.user(account, Role.RAWLOGS_ANALYTIC)), Fixtures.PASSWORD)
        .statusCode()).isEqualTo(200);
  }

  @Test
  void anOverlongPasswordIsRefusedBeforeHashing() {
    HttpResponse<Buffer> answer = api.login("someone@test.example", "x".repeat(257));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/password");
  }

  @Test
  void aMalformedBodyIsABadRequestProblem() {
    HttpResponse<Buffer> answer = api.client().post("/api/auth/login")
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"login\": \"unterminated")).await();

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void aMissingFieldIsNamedByItsPointer() {
    HttpResponse<Buffer> answer = api.call(HttpMethod.POST, "/api/auth/login", null, new JsonObject().put("login", "a@b.c"));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.bodyAsJsonObject().getString("type")).endsWith("/validation");
    assertThat(answer.bodyAsString()).contains("password");
  }
}
