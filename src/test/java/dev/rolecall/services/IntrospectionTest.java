package dev.rolecall.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.OAuth2AuthHandler;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /oauth/introspect} (RFC 7662), and a resource server built on a library that is not ours. */
class IntrospectionTest extends ServiceTest {
  private static UUID account;
  private static ServiceClients.Created client;

  @BeforeAll
  static void setUp() throws InterruptedException {
    account = fixtures.account();
    client = fixtures.serviceClient(account);
    Thread.sleep(5); // tokens carry milliseconds and must be issued after their user's creation
  }

  @Test
  void anActiveLoginTokenSaysWhoAndWhat() {
    UUID analyst = fixtures.user(account, Role.ANALYST);
    Instant before = Instant.now().minusSeconds(1);
    JsonObject answer = introspect(Fixtures.basic(client), token(analyst), 200);

    assertThat(answer.getBoolean("active")).isTrue();
    assertThat(answer.getString("sub")).isEqualTo(analyst.toString());
    assertThat(answer.getString("account")).isEqualTo(account.toString());
    assertThat(answer.getString("username")).isEqualTo(fixtures.login(analyst));
    assertThat(answer.getString("token_type")).isEqualTo("Bearer");
    assertThat(answer.getLong("iat")).isBetween(before.getEpochSecond(), Instant.now().getEpochSecond());
    assertThat(answer.getLong("exp")).isGreaterThan(Instant.now().getEpochSecond());
    assertThat(Arrays.asList(answer.getString("scope").split(" ")))
        .containsExactlyInAnyOrderElementsOf(Role.ANALYST.permissions().stream().map(Enum::name).toList());
  }

  @Test
  void anApiTokenShowsItsScope() {
    UUID admin = fixtures.user(account, Role.ADMIN);
    HttpResponse<Buffer> created = api.call(HttpMethod.POST, "/api/me/tokens", token(admin), new JsonObject()
        .put("name", "export").put("permissions", new JsonArray().add("USERS_VIEW").add("USERS_EDIT"))
        .put("expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);

    JsonObject answer = introspect(Fixtures.basic(client), created.bodyAsJsonObject().getString("secret"), 200);
    assertThat(answer.getBoolean("active")).isTrue();
    assertThat(answer.getString("token_type")).isEqualTo("api_token");
    assertThat(answer.getString("scope")).isEqualTo("USERS_EDIT USERS_VIEW");
    assertThat(answer.containsKey("iat")).isFalse();
  }

  @Test
  void anythingElseIsOnlyInactive() {
    UUID stranger = fixtures.user(fixtures.account(), Role.ADMIN);
    for (String token : new String[] {"garbage", "rcp_unknown", token(stranger)}) {
      assertThat(introspect(Fixtures.basic(client), token, 200)).isEqualTo(new JsonObject().put("active", false));
    }
  }

  @Test
  void aTemporaryPasswordsTokenIsNotActive() {
    UUID user = fixtures.user(account, Fixtures.uniqueLogin(), true, true, Role.ADMIN);
    assertThat(introspect(Fixtures.basic(client), token(user), 200)).isEqualTo(new JsonObject().put("active", false));
  }

  @Test
  void takesAFormOnlyWithItsToken() {
    HttpResponse<Buffer> json = api.client().post("/oauth/introspect").putHeader("Authorization", Fixtures.basic(client))
        .sendJsonObject(new JsonObject().put("token", "x")).await();
    assertThat(json.statusCode()).isEqualTo(415);
    assertThat(json.getHeader("Content-Type")).isEqualTo("application/problem+json");
    HttpResponse<Buffer> empty = api.client().post("/oauth/introspect").putHeader("Authorization", Fixtures.basic(client))
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("token_type_hint", "access_token")).await();
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  /**
   * vertx-auth-oauth2 as a resource server, configured for introspection only: without keys it cannot
   * check a token offline, so every request is Rolecall's decision.
   */
  @Test
  void anOAuth2LibraryAcceptsALiveTokenAndRefusesItOnceTheUserIsDeactivated(Vertx vertx) {
    OAuth2Auth introspection = OAuth2Auth.create(vertx, new OAuth2Options()
        .setSite("http://127.0.0.1:" + service.port())
        .setIntrospectionPath("/oauth/introspect")
        .setClientId(client.clientId().toString())
        .setClientSecret(client.secret()));
    Router router = Router.router(vertx);
    router.route("/protected").handler(OAuth2AuthHandler.create(vertx, introspection));
    router.get("/protected").handler(ctx -> ctx.end("hello " + ctx.user().principal().getString("sub")));
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    WebClient resource = WebClient.create(vertx);
    try {
      UUID user = fixtures.user(account, Role.ANALYST);
      String token = token(user);

      HttpResponse<Buffer> allowed = resource.get(server.actualPort(), "127.0.0.1", "/protected")
          .bearerTokenAuthentication(token).send().await();
      assertThat(allowed.statusCode()).as(allowed.bodyAsString()).isEqualTo(200);
      assertThat(allowed.bodyAsString()).isEqualTo("hello " + user);

      fixtures.setActive(user, false);

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
          resource.get(server.actualPort(), "127.0.0.1", "/protected").bearerTokenAuthentication(token).send().await()
              .statusCode()).isEqualTo(401));
    } finally {
      resource.close();
      server.close().await();
    }
  }

  private static String token(UUID user) {
    return service.auth().tokens().issue(user, fixtures.accountOf(user), Instant.now()).token();
  }

  private static JsonObject introspect(String authorization, String token, int status) {
    HttpResponse<Buffer> answer = api.client().post("/oauth/introspect").putHeader("Authorization", authorization)
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("token", token)).await();
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(status);
    assertThat(answer.getHeader("Cache-Control")).isEqualTo("no-store");
    return answer.bodyAsJsonObject();
  }
}
