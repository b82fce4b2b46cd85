package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web app's credential: an HttpOnly cookie, and the CSRF rule for requests that change things. */
class SessionCookieTest extends ServiceTest {
  private static UUID account;

  @BeforeAll
  static void start(Vertx vertx) {
    account = fixtures.account();
  }

  @Test
  void loginWithSessionSetsHttpOnlyStrictCookiesAndAnswersNoToken() {
    HttpResponse<Buffer> answer = login(user(), true);

    assertThat(answer.statusCode()).isEqualTo(200);
    Map<String, String> cookie = sessionCookie(answer);
    assertThat(cookie.get("value")).isNotEmpty();
    assertThat(cookie).containsKey("httponly").containsEntry("samesite", "strict").containsEntry("path", "/")
        .containsEntry("max-age", String.valueOf(5 * 60));
    assertThat(cookie).as("plain HTTP: a Secure cookie would never come back").doesNotContainKey("secure");
    Map<String, String> refresh = cookie(answer, Credentials.REFRESH_COOKIE);
    assertThat(refresh.get("value")).startsWith(RefreshTokens.PREFIX);
    assertThat(refresh).containsKey("httponly").containsEntry("samesite", "strict")
        .containsEntry("path", Credentials.REFRESH_COOKIE_PATH).containsEntry("max-age", String.valueOf(30 * 86400));
    assertThat(answer.bodyAsJsonObject().fieldNames()).as("no script of the page may hold a token")
        .containsExactlyInAnyOrder("expiresIn", "passwordChangeRequired");
  }

  @Test
  void loginWithoutSessionSetsNoCookie() {
    HttpResponse<Buffer> answer = login(user(), false);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.cookies()).isEmpty();
  }

  @Test
  void theCookieAloneAuthenticatesAGetWithoutAnyCsrfHeader() {
    String login = user();
    String cookie = sessionCookie(login(login, true)).get("value");

    HttpResponse<Buffer> me = withCookie(HttpMethod.GET, "/api/me", cookie, Map.of());

    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("login")).isEqualTo(login);
  }

  @Test
  void anUnsafeCookieRequestWithoutOriginOrHeaderIsRefusedAsCsrf() {
    String cookie = session();

    HttpResponse<Buffer> refused = withCookie(HttpMethod.POST, "/api/auth/logout", cookie, Map.of());

    assertCsrfRefusal(refused);
    assertThat(withCookie(HttpMethod.GET, "/api/me", cookie, Map.of()).statusCode())
        .as("the refused logout revoked nothing").isEqualTo(200);
  }

  @Test
  void anUnsafeCookieRequestFromAForeignOriginIsRefused() {
    String cookie = session();

    for (String origin : new String[] {"https://evil.example", "null", "http://127.0.0.1:" + (service.port() + 1),
        "https://127.0.0.1:" + service.port(), "http://localhost:" + service.port()}) {
      assertCsrfRefusal(withCookie(HttpMethod.POST, "/api/auth/logout", cookie, Map.of("Origin", origin)));
    }
    assertThat(withCookie(HttpMethod.GET, "/api/me", cookie, Map.of()).statusCode()).isEqualTo(200);
  }

  @Test
  void aSameOriginLogoutSucceedsAndClearsTheCookie() {
    String cookie = session();

    HttpResponse<Buffer> loggedOut = withCookie(HttpMethod.POST, "/api/auth/logout", cookie,
        Map.of("Origin", "http://127.0.0.1:" + service.port()));

    assertThat(loggedOut.statusCode()).as(loggedOut.bodyAsString()).isEqualTo(204);
    Map<String, String> cleared = sessionCookie(loggedOut);
    assertThat(cleared).containsEntry("value", "").containsEntry("max-age", "0").containsEntry("path", "/");
    assertThat(cookie(loggedOut, Credentials.REFRESH_COOKIE)).containsEntry("value", "").containsEntry("max-age", "0");
    assertThat(withCookie(HttpMethod.GET, "/api/me", cookie, Map.of()).statusCode()).isEqualTo(401);
  }

  @Test
  void theRequestHeaderAllowsAnUnsafeCookieRequest() {
    String cookie = session();

    HttpResponse<Buffer> loggedOut = withCookie(HttpMethod.POST, "/api/auth/logout", cookie,
        Map.of(Credentials.CSRF_HEADER, "1"));

    assertThat(loggedOut.statusCode()).as(loggedOut.bodyAsString()).isEqualTo(204);
    assertThat(withCookie(HttpMethod.GET, "/api/me", cookie, Map.of()).statusCode()).isEqualTo(401);
  }

  @Test
  void aPasswordChangeOverTheCookieRenewsTheCookie() {
    String cookie = session();

    HttpResponse<Buffer> changed = api.client().post("/api/me/password")
        .putHeader("Cookie", Credentials.COOKIE + "=" + cookie).putHeader(Credentials.CSRF_HEADER, "1")
        .sendJsonObject(new JsonObject().put("currentPassword", Fixtures.PASSWORD)
            .put("newPassword", "violet cactus harbour 97")).await();

    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    String renewed = sessionCookie(changed).get("value");
    assertThat(changed.bodyAsJsonObject().containsKey("accessToken")).isFalse();
    assertThat(withCookie(HttpMethod.GET, "/api/me", renewed, Map.of()).statusCode()).isEqualTo(200);
    assertThat(withCookie(HttpMethod.GET, "/api/me", cookie, Map.of()).statusCode()).isEqualTo(401);
  }

  @Test
  void aBearerHeaderTakesPrecedenceOverTheCookie() {
    String bearerLogin = user();
    String bearer = api.token(bearerLogin, Fixtures.PASSWORD);
    String cookie = session();

    HttpResponse<Buffer> me = withCookie(HttpMethod.GET, "/api/me", cookie, Map.of("Authorization", "Bearer " + bearer));
    HttpResponse<Buffer> badBearer = withCookie(HttpMethod.GET, "/api/me", cookie, Map.of("Authorization", "Bearer nope"));
    // Bearer-authenticated: no CSRF rule applies, and the logout is the bearer token's, not the cookie's.
    HttpResponse<Buffer> logout = withCookie(HttpMethod.POST, "/api/auth/logout", cookie,
        Map.of("Authorization", "Bearer " + bearer));

    assertThat(me.bodyAsJsonObject().getString("login")).isEqualTo(bearerLogin);
    assertThat(badBearer.statusCode()).isEqualTo(401);
    assertThat(logout.statusCode()).as(logout.bodyAsString()).isEqualTo(204);
    assertThat(api.get("/api/me", bearer).statusCode()).isEqualTo(401);
    assertThat(withCookie(HttpMethod.GET, "/api/me", cookie, Map.of()).statusCode()).isEqualTo(200);
  }

  private static String user() {
    return fixtures.login(fixtures.user(account, Role.USER));
  }

  /** A fresh user's session cookie value. */
  private static String session() {
    return sessionCookie(login(user(), true)).get("value");
  }

  private static HttpResponse<Buffer> login(String login, boolean session) {
    return api.client().post("/api/auth/login").sendJsonObject(new JsonObject()
        .put("login", login).put("password", Fixtures.PASSWORD).put("session", session)).await();
  }

  private static HttpResponse<Buffer> withCookie(HttpMethod method, String path, String cookie,
      Map<String, String> headers) {
    HttpRequest<Buffer> request = api.client().request(method, path).putHeader("Cookie", Credentials.COOKIE + "=" + cookie);
    headers.forEach(request::putHeader);
    return request.send().await();
  }

  private static void assertCsrfRefusal(HttpResponse<Buffer> answer) {
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(403);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(answer.bodyAsJsonObject().getString("type")).endsWith("/csrf");
  }

  private static Map<String, String> sessionCookie(HttpResponse<Buffer> answer) {
    return cookie(answer, Credentials.COOKIE);
  }

  /** The one Set-Cookie of that name: "value", then each attribute by its lower-case name (flags map to ""). */
  static Map<String, String> cookie(HttpResponse<Buffer> answer, String name) {
    String header = answer.cookies().stream()
        .filter(cookie -> cookie.startsWith(name + "="))
        .reduce((a, b) -> {
          throw new AssertionError("two " + name + " cookies: " + a + " and " + b);
        })
        .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + answer.cookies()));
    Map<String, String> parsed = new LinkedHashMap<>();
    String[] parts = header.split(";");
    parsed.put("value", parts[0].substring(parts[0].indexOf('=') + 1).trim());
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].trim();
      int equals = part.indexOf('=');
      String attribute = (equals < 0 ? part : part.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
      String value = equals < 0 ? "" : part.substring(equals + 1).trim();
      parsed.put(attribute, attribute.equals("samesite") ? value.toLowerCase(Locale.ROOT) : value);
    }
    return parsed;
  }
}
