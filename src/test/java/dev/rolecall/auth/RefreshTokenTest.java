package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Refresh tokens: rotated on each use, a reuse ends the family, and every revocation ends them too. */
class RefreshTokenTest extends ServiceTest {
  private static UUID account;

  @BeforeAll
  static void start(Vertx vertx) {
    account = fixtures.account();
  }

  @Test
  void eachRefreshAnswersWorkingTokensAndTheNextRefreshToken() {
    JsonObject first = login(fixtures.user(account, Role.USER));

    HttpResponse<Buffer> refreshed = refresh(first.getString("refreshToken"));

    assertThat(refreshed.statusCode()).as(refreshed.bodyAsString()).isEqualTo(200);
    JsonObject second = refreshed.bodyAsJsonObject();
    assertThat(second.getString("refreshToken")).startsWith(RefreshTokens.PREFIX).isNotEqualTo(first.getString("refreshToken"));
    assertThat(second.getLong("expiresIn")).isEqualTo(300);
    assertThat(api.get("/api/me", second.getString("accessToken")).statusCode()).isEqualTo(200);
    assertThat(refresh(second.getString("refreshToken")).statusCode()).isEqualTo(200);
  }

  @Test
  void aReusedRefreshTokenRevokesItsWholeFamily() {
    UUID user = fixtures.user(account, Role.USER);
    JsonObject first = login(user);
    JsonObject other = login(user);
    JsonObject second = refresh(first.getString("refreshToken")).bodyAsJsonObject();

    HttpResponse<Buffer> reused = refresh(first.getString("refreshToken"));

    assertThat(reused.statusCode()).isEqualTo(401);
    assertThat(refresh(second.getString("refreshToken")).statusCode()).as("the thief's copy dies too").isEqualTo(401);
    assertThat(refresh(other.getString("refreshToken")).statusCode()).as("another login is another family").isEqualTo(200);
    assertThat(service.pool().preparedQuery("""
            SELECT count(*) FROM audit_event WHERE account_id = $1 AND action = 'auth.refresh_reused'
            AND target_id = $2 AND outcome = 'refused'""")
        .execute(Tuple.of(account, user.toString())).await().iterator().next().getLong(0)).isEqualTo(1);
  }

  @Test
  void logoutEndsTheFamilyOfThePresentedTokenEvenOneIssuedByARefresh() {
    UUID user = fixtures.user(account, Role.USER);
    JsonObject refreshed = refresh(login(user).getString("refreshToken")).bodyAsJsonObject();
    JsonObject other = login(user);

    assertThat(api.call(HttpMethod.POST, "/api/auth/logout", refreshed.getString("accessToken"), null).statusCode())
        .isEqualTo(204);

    assertThat(refresh(refreshed.getString("refreshToken")).statusCode()).isEqualTo(401);
    assertThat(refresh(other.getString("refreshToken")).statusCode()).isEqualTo(200);
  }

  @Test
  void logoutEverywhereEndsRefreshTokensAndTheAccessTokensTheyIssuedAMomentBefore() {
    UUID user = fixtures.user(account, Role.USER);
    JsonObject session = login(user);
    JsonObject refreshed = refresh(session.getString("refreshToken")).bodyAsJsonObject();

    assertThat(api.call(HttpMethod.POST, "/api/auth/logout-all", session.getString("accessToken"), null).statusCode())
        .isEqualTo(204);

    assertThat(refresh(refreshed.getString("refreshToken")).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/me", refreshed.getString("accessToken")).statusCode()).isEqualTo(401);
    assertThat(refresh(login(user).getString("refreshToken")).statusCode()).as("a later login works").isEqualTo(200);
  }

  @Test
  void aPasswordChangeEndsOtherRefreshTokensAndAnswersANewOne() {
    UUID user = fixtures.user(account, Role.USER);
    JsonObject other = login(user);
    JsonObject session = login(user);

    HttpResponse<Buffer> changed = api.call(HttpMethod.POST, "/api/me/password", session.getString("accessToken"),
        new JsonObject().put("currentPassword", Fixtures.PASSWORD).put("newPassword", "violet cactus harbour 97"));

    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(refresh(other.getString("refreshToken")).statusCode()).isEqualTo(401);
    assertThat(refresh(session.getString("refreshToken")).statusCode()).isEqualTo(401);
    assertThat(refresh(changed.bodyAsJsonObject().getString("refreshToken")).statusCode()).isEqualTo(200);
  }

  @Test
  void deactivationAndDeletionEndRefreshTokens() {
    UUID deactivated = fixtures.user(account, Role.USER);
    String token = login(deactivated).getString("refreshToken");
    fixtures.setActive(deactivated, false);
    assertThat(refresh(token).statusCode()).isEqualTo(401);
    fixtures.setActive(deactivated, true);
    assertThat(refresh(token).statusCode()).as("reactivation brings nothing back").isEqualTo(401);

    UUID deleted = fixtures.user(account, Role.USER);
    String deletedToken = login(deleted).getString("refreshToken");
    service.pool().preparedQuery("DELETE FROM app_user WHERE id = $1").execute(Tuple.of(deleted)).await();
    assertThat(refresh(deletedToken).statusCode()).isEqualTo(401);
  }

  @Test
  void theWebAppRefreshesWithItsCookieUnderTheCsrfRule() {
    HttpResponse<Buffer> login = api.client().post("/api/auth/login").sendJsonObject(new JsonObject()
        .put("login", fixtures.login(fixtures.user(account, Role.USER))).put("password", Fixtures.PASSWORD)
        .put("session", true)).await();
    String cookie = SessionCookieTest.cookie(login, Credentials.REFRESH_COOKIE).get("value");

    HttpResponse<Buffer> crossSite = api.client().post("/api/auth/refresh")
        .putHeader("Cookie", Credentials.REFRESH_COOKIE + "=" + cookie).send().await();
    HttpResponse<Buffer> refreshed = api.client().post("/api/auth/refresh")
        .putHeader("Cookie", Credentials.REFRESH_COOKIE + "=" + cookie).putHeader(Credentials.CSRF_HEADER, "1")
        .send().await();

    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(refreshed.statusCode()).as(refreshed.bodyAsString()).isEqualTo(200);
    assertThat(refreshed.bodyAsJsonObject().containsKey("accessToken")).isFalse();
    assertThat(refreshed.bodyAsJsonObject().containsKey("refreshToken")).isFalse();
    String access = SessionCookieTest.cookie(refreshed, Credentials.COOKIE).get("value");
    assertThat(api.client().get("/api/me").putHeader("Cookie", Credentials.COOKIE + "=" + access).send().await()
        .statusCode()).isEqualTo(200);
    assertThat(SessionCookieTest.cookie(refreshed, Credentials.REFRESH_COOKIE).get("value")).isNotEqualTo(cookie);
  }

  @Test
  void aMissingRefreshTokenIsABadRequestAndAnUnknownOneUnauthorized() {
    assertThat(api.call(HttpMethod.POST, "/api/auth/refresh", null, null).statusCode()).isEqualTo(400);
    assertThat(refresh(RefreshTokens.PREFIX + "unknown").statusCode()).isEqualTo(401);
  }

  private static JsonObject login(UUID user) {
    HttpResponse<Buffer> answer = api.login(fixtures.login(user), Fixtures.PASSWORD);
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> refresh(String token) {
    return api.call(HttpMethod.POST, "/api/auth/refresh", null, new JsonObject().put("refreshToken", token));
  }
}
