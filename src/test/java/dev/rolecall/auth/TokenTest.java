package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which tokens authenticate: signature, expiry, revocation, and the user's current state. */
class TokenTest extends ServiceTest {
  private static UUID account;

  @BeforeAll
  static void start(Vertx vertx) {
    account = fixtures.account();
  }

  @Test
  void noTokenIsUnauthorized() {
    HttpResponse<Buffer> answer = api.get("/api/me", null);

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  void anExpiredTokenIsUnauthorized() throws InterruptedException {
    UUID user = fixtures.user(account, Role.USER);
    String token = service.auth().keys().sign(claims(user), Duration.ofSeconds(1));
    assertThat(api.get("/api/me", token).statusCode()).isEqualTo(200);

    Thread.sleep(2100);

    assertThat(api.get("/api/me", token).statusCode()).isEqualTo(401);
  }

  @Test
  void aTokenLivingLongerThanOursIsUnauthorizedEvenWithOurSignature() {
    UUID user = fixtures.user(account, Role.USER);

    String ours = service.auth().keys().sign(claims(user), service.auth().tokens().ttl());
    String tooLong = service.auth().keys().sign(claims(user), Duration.ofHours(8));

    assertThat(api.get("/api/me", ours).statusCode()).isEqualTo(200);
    assertThat(api.get("/api/me", tooLong).statusCode()).isEqualTo(401);
  }

  @Test
  void aTokenSignedWithAnotherP256KeyUnderOurKidIsUnauthorized(Vertx vertx) throws Exception {
    UUID user = fixtures.user(account, Role.USER);
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    var foreign = io.vertx.ext.auth.jwt.JWTAuth.create(vertx, new io.vertx.ext.auth.jwt.JWTAuthOptions()
        .addPubSecKey(new io.vertx.ext.auth.PubSecKeyOptions().setAlgorithm("ES256")
            .setId(service.auth().keys().currentKid()).setBuffer(pem)));

    String forged = foreign.generateToken(claims(user), new io.vertx.ext.auth.JWTOptions().setAlgorithm("ES256")
        .setExpiresInSeconds(60));

    assertThat(api.get("/api/me", forged).statusCode()).isEqualTo(401);
  }

  @Test
  void aTamperedTokenIsUnauthorized() {
    String token = api.token(fixtures.login(fixtures.user(account, Role.USER)), Fixtures.PASSWORD);
    String[] parts = token.split("\\.");
    JsonObject payload = new JsonObject(decode(parts[1])).put("sub", fixtures.user(account, Role.ADMIN).toString());

    String tampered = parts[0] + "." + encode(payload.encode()) + "." + parts[2];

    assertThat(api.get("/api/me", tampered).statusCode()).isEqualTo(401);
  }

  @Test
  void aTokenSignedWithAnotherKeyIsUnauthorized() throws Exception {
    String token = api.token(fixtures.login(fixtures.user(account, Role.USER)), Fixtures.PASSWORD);
    String[] parts = token.split("\\.");
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
    String forged = parts[0] + "." + parts[1] + "."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(
            mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));

    assertThat(api.get("/api/me", forged).statusCode()).isEqualTo(401);
  }

  @Test
  void anUnsignedTokenIsUnauthorized() {
    String token = api.token(fixtures.login(fixtures.user(account, Role.USER)), Fixtures.PASSWORD);
    String unsigned = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + token.split("\\.")[1] + ".";

    assertThat(api.get("/api/me", unsigned).statusCode()).isEqualTo(401);
  }

  @Test
  void logoutRevokesThePresentedTokenOnly() {
    String login = fixtures.login(fixtures.user(account, Role.USER));
    String first = api.token(login, Fixtures.PASSWORD);
    String second = api.token(login, Fixtures.PASSWORD);

    assertThat(api.call(HttpMethod.POST, "/api/auth/logout", first, null).statusCode()).isEqualTo(204);

    assertThat(api.get("/api/me", first).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/me", second).statusCode()).isEqualTo(200);
  }

  @Test
  void logoutAllRevokesEveryTokenButNotLaterLogins() {
    String login = fixtures.login(fixtures.user(account, Role.USER));
    String first = api.token(login, Fixtures.PASSWORD);
    String second = api.token(login, Fixtures.PASSWORD);

    assertThat(api.call(HttpMethod.POST, "/api/auth/logout-all", first, null).statusCode()).isEqualTo(204);

    assertThat(api.get("/api/me", first).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/me", second).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/me", api.token(login, Fixtures.PASSWORD)).statusCode()).isEqualTo(200);
  }

  @Test
  void deactivationEndsTheTokenOnTheNextRequestAndReactivationDoesNotRestoreIt() {
    UUID user = fixtures.user(account, Role.USER);
    String token = api.token(fixtures.login(user), Fixtures.PASSWORD);

    fixtures.setActive(user, false);
    assertThat(api.get("/api/me", token).statusCode()).isEqualTo(401);

    fixtures.setActive(user, true);
    assertThat(api.get("/api/me", token).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/me", api.token(fixtures.login(user), Fixtures.PASSWORD)).statusCode()).isEqualTo(200);
  }

  @Test
  void aRemovedRoleIsForbiddenOnTheNextRequest() {
    UUID user = fixtures.user(account, Role.OPERATOR, Role.USER);
    String token = api.token(fixtures.login(user), Fixtures.PASSWORD);
    assertThat(api.get("/api/users/" + user + "/permissions", token).statusCode()).isEqualTo(200);

    fixtures.setRoles(user, Role.OPERATOR);

    // A change made in SQL reaches the cached identity through the database's notification.
    await().atMost(Duration.ofSeconds(10))
        .until(() -> api.get("/api/users/" + user + "/permissions", token).statusCode() == 403);
    HttpResponse<Buffer> refused = api.get("/api/users/" + user + "/permissions", token);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject().getJsonArray("missingPermissions")).containsExactly("USER_ROLES_VIEW");
  }

  private static JsonObject claims(UUID user) {
    return new JsonObject().put("sub", user.toString()).put("acc", account.toString())
        .put("jti", UUID.randomUUID().toString()).put("auth", System.currentTimeMillis());
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
