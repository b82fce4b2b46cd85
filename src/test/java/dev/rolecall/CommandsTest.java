package dev.rolecall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Api;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.TestDatabase;
import dev.rolecall.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator's commands, run against the test database while a service uses it. */
@ExtendWith(VertxExtension.class)
class CommandsTest {
  private static final Pattern TEMPORARY_PASSWORD = Pattern.compile("with the temporary password (\\S+)");
  private static final Pattern NEW_KID = Pattern.compile("new signing key: (\\S+)");

  private static Vertx vertx;
  private static Rolecall service;
  private static Api api;

  @BeforeAll
  static void start(Vertx v) {
    vertx = v;
    service = TestService.start();
    api = new Api(vertx, service);
  }

  @AfterAll
  static void stop() {
    api.close();
    service.close();
  }

  private record Run(int status, String output) {
  }

  @Test
  void createAccountMakesAnAdminWhoMustChangeTheTemporaryPassword() {
    String login = uniqueBossLogin();
    String name = "Acme " + UUID.randomUUID();

    Run run = run("create-account", "--name", name, "--admin-login", login);

    assertThat(run.status()).as(run.output()).isZero();
    Matcher printed = TEMPORARY_PASSWORD.matcher(run.output());
    assertThat(printed.find()).as(run.output()).isTrue();
    HttpResponse<Buffer> loggedIn = api.login(login, printed.group(1));
    assertThat(loggedIn.statusCode()).isEqualTo(200);
    assertThat(loggedIn.bodyAsJsonObject().getBoolean("passwordChangeRequired")).isTrue();
    String token = loggedIn.bodyAsJsonObject().getString("accessToken");
    JsonObject me = api.get("/api/me", token).bodyAsJsonObject();
    assertThat(me.getJsonObject("account").getString("name")).isEqualTo(name);
    assertThat(me.getJsonArray("roles")).containsExactly("ADMIN");
    assertThat(api.get("/api/me/profile", token).bodyAsJsonObject().getString("type"))
        .endsWith("/password-change-required");
    HttpResponse<Buffer> changed = api.call(HttpMethod.POST, "/api/me/password", token, new JsonObject()
        .put("currentPassword", printed.group(1)).put("newPassword", "violet cactus harbour 97"));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(api.get("/api/me/profile", changed.bodyAsJsonObject().getString("accessToken")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aTakenLoginIsRefusedWhateverItsCaseAndLeavesNoAccountBehind() {
    String login = uniqueBossLogin();
    String name = "Acme " + UUID.randomUUID();
    assertThat(run("create-account", "--name", name, "--admin-login", login).status()).isZero();

    Run again = run("create-account", "--name", name, "--admin-login", login);
    Run shouted = run("create-account", "--name", name, "--admin-login", login.toUpperCase());

    assertThat(again.status()).isEqualTo(1);
    assertThat(again.output()).contains("the login " + login + " is taken");
    assertThat(shouted.status()).isEqualTo(1);
    assertThat(shouted.output()).contains("is taken");
    assertThat(service.pool().preparedQuery("SELECT count(*) FROM account WHERE name = $1")
        .execute(Tuple.of(name)).await().iterator().next().getLong(0)).isEqualTo(1);
  }

  @Test
  void anInvalidOrMissingOptionPrintsTheUsage() {
    for (String[] args : new String[][] {
        {"create-account", "--name", "Acme", "--admin-login", "not-an-email"},
        {"create-account", "--name", "Acme", "--admin-login", "two@at@signs.example"},
        {"create-account", "--admin-login", uniqueBossLogin()},
        {"create-account", "--name", "Acme"},
        {"no-such-command"}}) {
      Run run = run(args);

      assertThat(run.status()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.output()).startsWith("usage: java -jar rolecall.jar");
    }
  }

  @Test
  void aBlankAccountNameIsRefusedLikeAMissingOne() {
    Run run = run("create-account", "--name", "   ", "--admin-login", uniqueBossLogin());

    assertThat(run.status()).as(run.output()).isEqualTo(2);
    assertThat(run.output()).startsWith("usage: java -jar rolecall.jar");
  }

  @Test
  void rotateSigningKeyPrintsANewKidAndEarlierTokensStayValid() {
    Fixtures fixtures = new Fixtures(service.pool());
    String login = fixtures.login(fixtures.user(fixtures.account(), Role.USER));
    String before = api.token(login, Fixtures.PASSWORD);

    Run run = run("rotate-signing-key");

    assertThat(run.status()).as(run.output()).isZero();
    Matcher printed = NEW_KID.matcher(run.output());
    assertThat(printed.find()).as(run.output()).isTrue();
    String newKid = printed.group(1);
    assertThat(newKid).isNotEqualTo(kid(before));
    assertThat(api.get("/api/me", before).statusCode()).isEqualTo(200);
    // A service started after the rotation signs with the new key, which the running one accepts too.
    try (Rolecall later = TestService.start(); Api laterApi = new Api(vertx, later)) {
      String after = laterApi.token(login, Fixtures.PASSWORD);
      assertThat(kid(after)).isEqualTo(newKid);
      assertThat(api.get("/api/me", after).statusCode()).isEqualTo(200);
      assertThat(laterApi.get("/api/me", before).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aServiceClientIsCreatedListedAndRevoked() throws InterruptedException {
    Fixtures fixtures = new Fixtures(service.pool());
    UUID account = fixtures.account();
    UUID user = fixtures.user(account, Role.ADMIN);
    Thread.sleep(5); // tokens carry milliseconds and must be issued after their user's creation
    String token = service.auth().tokens().issue(user, account, java.time.Instant.now()).token();
    String name = "channels-" + UUID.randomUUID();

    Run created = run("create-service-client", "--name", name, "--account", account.toString(), "--json");
    assertThat(created.status()).as(created.output()).isZero();
    assertThat(created.output().strip()).doesNotContain("\n");
    JsonObject printed = new JsonObject(created.output().strip());
    String clientId = printed.getString("clientId");
    String secret = printed.getString("secret");
    String basic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    JsonObject ask = new JsonObject().put("token", token).put("checks", new io.vertx.core.json.JsonArray().add("USERS_VIEW"));
    HttpResponse<Buffer> decided = decide(basic, ask);
    assertThat(decided.statusCode()).as(decided.bodyAsString()).isEqualTo(200);
    assertThat(decided.bodyAsJsonObject().getBoolean("credentialValid")).isTrue();

    Run listed = run("list-service-clients");
    assertThat(listed.status()).isZero();
    assertThat(listed.output()).contains(clientId).contains(name).contains(account.toString()).doesNotContain(secret);
    Run listedJson = run("list-service-clients", "--json");
    assertThat(listedJson.output()).contains("\"clientId\":\"" + clientId + "\"").doesNotContain(secret);

    Run revoked = run("revoke-service-client", "--id", clientId);
    assertThat(revoked.status()).as(revoked.output()).isZero();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(decide(basic, ask).statusCode()).isEqualTo(401));
    assertThat(run("revoke-service-client", "--id", clientId).status()).isEqualTo(1);
    assertThat(run("list-service-clients").output()).contains("revoked");
  }

  @Test
  void aServiceClientServesNamedAccountsOrExplicitlyAll() {
    String account = new Fixtures(service.pool()).account().toString();
    for (String[] args : new String[][] {
        {"create-service-client", "--name", "x"},
        {"create-service-client", "--name", "x", "--account", account, "--all-accounts"},
        {"create-service-client", "--name", "x", "--account", "not-a-uuid"},
        {"create-service-client", "--account", account},
        {"revoke-service-client", "--id", "nope"}}) {
      Run run = run(args);
      assertThat(run.status()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.output()).contains("create-service-client --name NAME");
    }
    Run unknownAccount = run("create-service-client", "--name", "x", "--account", UUID.randomUUID().toString());
    assertThat(unknownAccount.status()).as(unknownAccount.output()).isEqualTo(1);
    assertThat(unknownAccount.output()).contains("no such account");
    Run everywhere = run("create-service-client", "--name", "analytics", "--all-accounts");
    assertThat(everywhere.status()).as(everywhere.output()).isZero();
    assertThat(everywhere.output()).contains("client id: ").contains("secret:    rcs_");
  }

  @Test
  void seedDemoWhereNoAccountExistsSaysWhatToDoInOneLine() {
    String name = "fresh_" + UUID.randomUUID().toString().replace("-", "");
    service.pool().query("CREATE DATABASE " + name).execute().await();
    try {
      String fresh = databaseUrl().substring(0, databaseUrl().lastIndexOf('/') + 1) + name;
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Commands.run(new String[] {"seed-demo", "--rows", "10"},
              Map.of("ROLECALL_DATABASE_URL", fresh, "ROLECALL_SECRETS_KEY", TestService.SECRETS_KEY),
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
          .isInstanceOf(StartupException.class)
          .hasMessageStartingWith("there is no account yet")
          .hasMessageNotContaining("\n");
    } finally {
      service.pool().query("DROP DATABASE " + name + " WITH (FORCE)").execute().await();
    }
  }

  private static HttpResponse<Buffer> decide(String authorization, JsonObject body) {
    return api.client().post("/api/access/decisions").putHeader("Authorization", authorization)
        .sendJsonObject(body).await();
  }

  private static Run run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int status = Commands.run(args, Map.of(
        "ROLECALL_DATABASE_URL", databaseUrl(),
        "ROLECALL_SECRETS_KEY", TestService.SECRETS_KEY), out);
    return new Run(status, bytes.toString(StandardCharsets.UTF_8));
  }

  private static String databaseUrl() {
    return TestDatabase.operatorUrl();
  }

  private static String uniqueBossLogin() {
    return "boss-" + UUID.randomUUID() + "@acme.example";
  }

  private static String kid(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8))
        .getString("kid");
  }
}
