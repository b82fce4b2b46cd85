package dev.rolecall.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Api;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /api/access/decisions}: the platform's services ask, as service clients, about users. */
class DecisionApiTest extends ServiceTest {
  private static UUID account;
  private static UUID otherAccount;
  private static String client;

  @BeforeAll
  static void setUp() throws InterruptedException {
    account = fixtures.account();
    otherAccount = fixtures.account();
    client = Fixtures.basic(fixtures.serviceClient(account));
    Thread.sleep(5); // tokens carry milliseconds and must be issued after their user's creation
  }

  @Test
  void answersEachCheckInOrderWithTheRolesThatGrantIt() {
    UUID analyst = fixtures.user(account, Role.ANALYST);
    JsonObject answer = decide(client, new JsonObject().put("token", token(analyst))
        .put("checks", new JsonArray().add("ANALYTICS_VIEW").add("USERS_EDIT").add("listUsers").add("getMe")), 200);

    assertThat(answer.getBoolean("credentialValid")).isTrue();
    JsonObject subject = answer.getJsonObject("subject");
    assertThat(subject.getString("userId")).isEqualTo(analyst.toString());
    assertThat(subject.getString("accountId")).isEqualTo(account.toString());
    assertThat(subject.getBoolean("active")).isTrue();
    assertThat(subject.getJsonArray("roles").getList()).containsExactly("ANALYST");
    List<JsonObject> results = results(answer);
    assertThat(results).extracting(r -> r.getString("check"))
        .containsExactly("ANALYTICS_VIEW", "USERS_EDIT", "listUsers", "getMe");
    assertThat(results.get(0).getBoolean("allowed")).isTrue();
    assertThat(results.get(0).getString("reason")).isEqualTo("allowed");
    assertThat(results.get(0).getJsonObject("grantedBy").getJsonArray("ANALYTICS_VIEW").getList()).containsExactly("ANALYST");
    assertThat(results.get(1).getBoolean("allowed")).isFalse();
    assertThat(results.get(1).getString("reason")).isEqualTo("missing-permissions");
    assertThat(results.get(1).getJsonArray("missingPermissions").getList()).containsExactly("USERS_EDIT");
    assertThat(results.get(1).getJsonObject("grantedBy").getJsonArray("USERS_EDIT").getList()).isEmpty();
    assertThat(results.get(2).getBoolean("allowed")).isFalse();
    assertThat(results.get(2).getJsonArray("missingPermissions").getList()).containsExactly("USERS_VIEW");
    assertThat(results.get(3).getBoolean("allowed")).isTrue();
  }

  @Test
  void aDeactivationAppliesToTheNextQuestion() {
    UUID admin = fixtures.user(account, Role.ADMIN);
    String token = token(admin);
    JsonObject ask = new JsonObject().put("token", token).put("checks", new JsonArray().add("USERS_VIEW"));
    assertThat(results(decide(client, ask, 200)).get(0).getBoolean("allowed")).isTrue();

    fixtures.setActive(admin, false);

    // Deactivation ends the user's tokens; asked about by id, the user shows as inactive.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonObject answer = decide(client, ask, 200);
      assertThat(answer.getBoolean("credentialValid")).isFalse();
      assertThat(results(answer).get(0).getString("reason")).isEqualTo("invalid-credential");
    });
    JsonObject byId = decide(client, new JsonObject().put("userId", admin.toString())
        .put("checks", new JsonArray().add("USERS_VIEW")), 200);
    assertThat(byId.getJsonObject("subject").getBoolean("active")).isFalse();
    assertThat(results(byId).get(0).getBoolean("allowed")).isFalse();
    assertThat(results(byId).get(0).getString("reason")).isEqualTo("inactive");
  }

  @Test
  void anInvalidTokenIsAnAnswerNotAnError() {
    JsonObject answer = decide(client, new JsonObject().put("token", "not.a.token")
        .put("checks", new JsonArray().add("USERS_VIEW").add("getMe")), 200);
    assertThat(answer.getBoolean("credentialValid")).isFalse();
    assertThat(answer.getValue("subject")).isNull();
    assertThat(results(answer)).hasSize(2).allSatisfy(result -> {
      assertThat(result.getBoolean("allowed")).isFalse();
      assertThat(result.getString("reason")).isEqualTo("invalid-credential");
    });
  }

  @Test
  void anApiTokenIsDecidedWithinItsScope() {
    UUID admin = fixtures.user(account, Role.ADMIN);
    HttpResponse<Buffer> created = api.call(HttpMethod.POST, "/api/me/tokens", token(admin), new JsonObject()
        .put("name", "nightly").put("permissions", new JsonArray().add("USERS_VIEW"))
        .put("expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);

    List<JsonObject> results = results(decide(client, new JsonObject()
        .put("token", created.bodyAsJsonObject().getString("secret"))
        .put("checks", new JsonArray().add("USERS_VIEW").add("USERS_EDIT").add("logoutAll")), 200));
    assertThat(results).extracting(r -> r.getString("reason"))
        .containsExactly("allowed", "token-scope", "login-credential-required");
    assertThat(results.get(1).getJsonArray("missingPermissions").getList()).containsExactly("USERS_EDIT");
  }

  @Test
  void aUserIdLookupIsDecidedAsTheirLoginAndAudited() {
    UUID editor = fixtures.user(account, Role.CONTENT_MANAGER);
    JsonObject answer = decide(client, new JsonObject().put("userId", editor.toString())
        .put("checks", new JsonArray().add("SCRIPT_EDIT").add("SECRETS_EDIT")), 200);
    assertThat(answer.getBoolean("credentialValid")).isTrue();
    assertThat(results(answer)).extracting(r -> r.getBoolean("allowed")).containsExactly(true, false);

    Row audited = service.pool().preparedQuery("""
            SELECT actor_id, actor_login, credential, target_id, changes FROM audit_event
            WHERE account_id = $1 AND action = 'access.decisions_asked'""")
        .execute(Tuple.of(account)).await().iterator().next();
    assertThat(audited.getUUID("actor_id")).isNull();
    assertThat(audited.getString("actor_login")).startsWith("service:test-");
    assertThat(audited.getString("credential")).startsWith("service_client:");
    assertThat(audited.getString("target_id")).isEqualTo(editor.toString());
    assertThat(audited.getJsonObject("changes").getJsonObject("checks").getJsonArray("after").getList())
        .containsExactly("SCRIPT_EDIT", "SECRETS_EDIT");
  }

  @Test
  void anotherAccountsUsersAreUnknownToTheClient() {
    UUID stranger = fixtures.user(otherAccount, Role.ADMIN);
    JsonObject ask = new JsonObject().put("checks", new JsonArray().add("USERS_VIEW"));

    HttpResponse<Buffer> byId = post(client, ask.copy().put("userId", stranger.toString()));
    assertThat(byId.statusCode()).as(byId.bodyAsString()).isEqualTo(404);
    assertThat(byId.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(decide(client, ask.copy().put("userId", UUID.randomUUID().toString()), 404).getString("type"))
        .isEqualTo(byId.bodyAsJsonObject().getString("type"));

    JsonObject byToken = decide(client, ask.copy().put("token", token(stranger, otherAccount)), 200);
    assertThat(byToken.getBoolean("credentialValid")).isFalse();

    String everywhere = Fixtures.basic(fixtures.serviceClient());
    assertThat(decide(everywhere, ask.copy().put("token", token(stranger, otherAccount)), 200).getBoolean("credentialValid")).isTrue();
  }

  @Test
  void unknownChecksAreNamed() {
    UUID admin = fixtures.user(account, Role.ADMIN);
    JsonObject problem = decide(client, new JsonObject().put("token", token(admin))
        .put("checks", new JsonArray().add("USERS_VIEW").add("FLY").add("listUsers").add("doMagic")), 400);
    assertThat(problem.getString("type")).endsWith("/unknown-check");
    assertThat(problem.getString("detail")).contains("FLY").contains("doMagic").doesNotContain("USERS_VIEW");
    assertThat(problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")))
        .containsExactly("/checks/1", "/checks/3");
  }

  @Test
  void refusesMoreThanAHundredChecksAndAskingAboutTwoSubjects() {
    UUID admin = fixtures.user(account, Role.ADMIN);
    JsonArray tooMany = new JsonArray(IntStream.range(0, 101).mapToObj(i -> "USERS_VIEW").toList());
    JsonObject problem = decide(client, new JsonObject().put("token", token(admin)).put("checks", tooMany), 400);
    assertThat(problem.encode()).contains("/checks");
    JsonArray hundred = new JsonArray(IntStream.range(0, 100).mapToObj(i -> "USERS_VIEW").toList());
    assertThat(results(decide(client, new JsonObject().put("token", token(admin)).put("checks", hundred), 200))).hasSize(100);

    decide(client, new JsonObject().put("token", token(admin)).put("userId", admin.toString())
        .put("checks", new JsonArray().add("USERS_VIEW")), 400);
    decide(client, new JsonObject().put("checks", new JsonArray().add("USERS_VIEW")), 400);
  }

  @Test
  void aWrongSecretIsRefusedAndThrottledLikeAWrongPassword(Vertx vertx) {
    ServiceClients.Created created = fixtures.serviceClient(account);
    ServiceClients.Created wrong = new ServiceClients.Created(created.clientId(), created.secret() + "x");
    JsonObject ask = new JsonObject().put("userId", UUID.randomUUID().toString())
        .put("checks", new JsonArray().add("USERS_VIEW"));
    String address = "127.0.42." + (1 + (int) (Math.random() * 250));
    try (Api from = new Api(vertx, service.port(), address); Api guesser = new Api(vertx, service.port(),
        "127.0.43." + (1 + (int) (Math.random() * 250)))) {
      // The rightful client proves itself once; a guesser then tries secrets against its id.
      assertThat(post(from, Fixtures.basic(created), ask).statusCode()).isEqualTo(404);
      for (int i = 0; i < 10; i++) {
        HttpResponse<Buffer> refused = post(guesser, Fixtures.basic(wrong), ask);
        assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(401);
        assertThat(refused.getHeader("WWW-Authenticate")).startsWith("Basic");
      }
      HttpResponse<Buffer> throttled = post(guesser, Fixtures.basic(wrong), ask);
      assertThat(throttled.statusCode()).as(throttled.bodyAsString()).isEqualTo(429);
      assertThat(throttled.getHeader("Retry-After")).isNotNull();
      // Even from the guesser's address, a right secret already seen is neither counted nor throttled.
      assertThat(post(guesser, Fixtures.basic(created), ask).statusCode()).isEqualTo(404);
      assertThat(post(from, Fixtures.basic(created), ask).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aRevokedClientIsRefusedAtOnce() {
    ServiceClients.Created created = fixtures.serviceClient(account);
    JsonObject ask = new JsonObject().put("userId", UUID.randomUUID().toString())
        .put("checks", new JsonArray().add("USERS_VIEW"));
    assertThat(post(api, Fixtures.basic(created), ask).statusCode()).isEqualTo(404);

    assertThat(new ServiceClients(service.pool()).revoke(created.clientId()).await()).isTrue();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(post(api, Fixtures.basic(created), ask).statusCode()).isEqualTo(401));
  }

  private static String token(UUID user) {
    return token(user, account);
  }

  private static String token(UUID user, UUID accountId) {
    return service.auth().tokens().issue(user, accountId, Instant.now()).token();
  }

  private static List<JsonObject> results(JsonObject answer) {
    return answer.getJsonArray("results").stream().map(JsonObject.class::cast).toList();
  }

  private static JsonObject decide(String authorization, JsonObject body, int status) {
    HttpResponse<Buffer> answer = post(authorization, body);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(status);
    return answer.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> post(String authorization, JsonObject body) {
    return post(api, authorization, body);
  }

  private static HttpResponse<Buffer> post(Api from, String authorization, JsonObject body) {
    return from.client().post("/api/access/decisions").putHeader("Authorization", authorization)
        .timeout(30_000).sendJsonObject(body).await();
  }
}
