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

/** Changing one's own password, and the temporary password that allows nothing else. */
class PasswordChangeTest extends ServiceTest {
  private static final String NEW_PASSWORD = "violet cactus harbour 97";

  private static UUID account;

  @BeforeAll
  static void start(Vertx vertx) {
    account = fixtures.account();
  }

  @Test
  void aChangeAnswersAFreshTokenAndRevokesEveryOther() {
    String login = fixtures.login(fixtures.user(account, Role.USER));
    String earlier = api.token(login, Fixtures.PASSWORD);
    String current = api.token(login, Fixtures.PASSWORD);

    HttpResponse<Buffer> changed = change(current, Fixtures.PASSWORD, NEW_PASSWORD);

    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    JsonObject token = changed.bodyAsJsonObject();
    assertThat(token.getString("tokenType")).isEqualTo("Bearer");
    assertThat(token.getBoolean("passwordChangeRequired")).isFalse();
    String fresh = token.getString("accessToken");
    assertThat(api.get("/api/me", fresh).statusCode()).isEqualTo(200);
    assertThat(api.get("/api/me", current).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/me", earlier).statusCode()).isEqualTo(401);
    assertThat(api.login(login, NEW_PASSWORD).statusCode()).isEqualTo(200);
    assertThat(api.login(login, Fixtures.PASSWORD).statusCode()).isEqualTo(401);
  }

  @Test
  void aWrongCurrentPasswordChangesNothing() {
    String login = fixtures.login(fixtures.user(account, Role.USER));
    String token = api.token(login, Fixtures.PASSWORD);

    HttpResponse<Buffer> refused = change(token, "not my password", NEW_PASSWORD);

    assertRefusedAt(refused, "/currentPassword");
    assertThat(api.get("/api/me", token).statusCode()).isEqualTo(200);
    assertThat(api.login(login, NEW_PASSWORD).statusCode()).isEqualTo(401);
  }

  @Test
  void theNewPasswordMustDifferFromTheCurrentOne() {
    String token = api.token(fixtures.login(fixtures.user(account, Role.USER)), Fixtures.PASSWORD);

    assertRefusedAt(change(token, Fixtures.PASSWORD, Fixtures.PASSWORD), "/newPassword");
    assertThat(api.get("/api/me", token).statusCode()).isEqualTo(200);
  }

  @Test
  void aNewPasswordShorterThan12IsRefusedByTheContract() {
    String token = api.token(fixtures.login(fixtures.user(account, Role.USER)), Fixtures.PASSWORD);

    HttpResponse<Buffer> refused = change(token, Fixtures.PASSWORD, "elevenchars");

    assertRefusedAt(refused, "/newPassword");
    assertThat(refused.bodyAsJsonObject().getString("type")).endsWith("/validation");
    assertThat(change(token, Fixtures.PASSWORD, "Xq7#vLp2!mZr").statusCode()).isEqualTo(200);
  }

  @Test
  void aTemporaryPasswordAllowsOnlyWhoAmILogoutAndTheChange() {
    UUID id = fixtures.user(account, Fixtures.uniqueLogin(), true, true, Role.USER);
    String login = fixtures.login(id);

    HttpResponse<Buffer> loggedIn = api.login(login, Fixtures.PASSWORD);
    assertThat(loggedIn.bodyAsJsonObject().getBoolean("passwordChangeRequired")).isTrue();
    String token = loggedIn.bodyAsJsonObject().getString("accessToken");
    assertThat(api.get("/api/me", token).bodyAsJsonObject().getBoolean("passwordChangeRequired")).isTrue();
    HttpResponse<Buffer> profile = api.get("/api/me/profile", token);
    assertThat(profile.statusCode()).isEqualTo(403);
    assertThat(profile.bodyAsJsonObject().getString("type")).endsWith("/password-change-required");
    String other = api.token(login, Fixtures.PASSWORD);
    assertThat(api.call(HttpMethod.POST, "/api/auth/logout", other, null).statusCode()).isEqualTo(204);

    HttpResponse<Buffer> changed = change(token, Fixtures.PASSWORD, NEW_PASSWORD);

    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(changed.bodyAsJsonObject().getBoolean("passwordChangeRequired")).isFalse();
    String fresh = changed.bodyAsJsonObject().getString("accessToken");
    assertThat(api.get("/api/me", fresh).bodyAsJsonObject().getBoolean("passwordChangeRequired")).isFalse();
    assertThat(api.get("/api/me/profile", fresh).statusCode()).isEqualTo(200);
    assertThat(api.login(login, NEW_PASSWORD).bodyAsJsonObject().getBoolean("passwordChangeRequired")).isFalse();
  }

  private static HttpResponse<Buffer> change(String token, String current, String next) {
    return api.call(HttpMethod.POST, "/api/me/password", token,
        new JsonObject().put("currentPassword", current).put("newPassword", next));
  }

  private static void assertRefusedAt(HttpResponse<Buffer> answer, String pointer) {
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(400);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(answer.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(error -> ((JsonObject) error).getString("pointer"))).contains(pointer);
  }
}
