package dev.rolecall.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an outside review found the HTTP layer and the input handling get wrong (issue "Hardening", items
 * 10 to 15): each answer here was a 500, an empty body, or a request taken that should not have been.
 */
class HardeningTest extends ServiceTest {
  private static UUID account;
  private static String admin;
  private static UUID adminId;

  @BeforeAll
  static void setUp() throws InterruptedException {
    account = fixtures.account();
    adminId = fixtures.user(account, Role.ADMIN);
    Thread.sleep(5); // tokens carry milliseconds and must be issued after their user's creation
    admin = service.auth().tokens().issue(adminId, account, Instant.now()).token();
  }

  // --- 10: answers of 500 ---

  @Test
  void aNulCharacterInAJsonStringIsAClientError() {
    assertProblem(raw(HttpMethod.POST, "/api/auth/login", null,
        "{\"login\":\"a\\u0000b@example.com\",\"password\":\"x\"}"), 400);
    assertProblem(raw(HttpMethod.POST, "/api/projects", admin, "{\"name\":\"nul\\u0000name\"}"), 400);
    assertProblem(raw(HttpMethod.PUT, "/api/obfuscation-rules", admin,
        "{\"rules\":[{\"pattern\":\"a\\u0000\",\"replacement\":\"*\"}]}"), 400);
  }

  @Test
  void aNulCharacterInAQueryIsAClientError() {
    assertProblem(api.get("/api/users?cursor=%00abc", admin), 400);
    assertProblem(api.get("/api/users?name=a%00b", admin), 400);
    assertProblem(api.get("/api/audit-events?cursor=%00", admin), 400);
  }

  @Test
  void anEmptyLoginOnUpdateIsAValidationProblem() {
    UUID user = fixtures.user(account, Role.USER);
    HttpResponse<Buffer> current = api.get("/api/users/" + user, admin);
    HttpResponse<Buffer> answer = api.client().patch("/api/users/" + user).bearerTokenAuthentication(admin)
        .putHeader("If-Match", current.getHeader("ETag"))
        .sendJsonObject(new JsonObject().put("login", "")).await();
    assertProblem(answer, 400);
    answer = api.client().patch("/api/users/" + user).bearerTokenAuthentication(admin)
        .putHeader("If-Match", current.getHeader("ETag"))
        .sendJsonObject(new JsonObject().put("login", "   ")).await();
    assertProblem(answer, 400);
  }

  @Test
  void whitespaceInANumberIsAValidationProblem() {
    assertProblem(api.get("/api/users?limit=+5", admin), 400);
    assertProblem(api.get("/api/users?limit=%205", admin), 400);
    assertProblem(api.get("/api/audit-events?limit=+5", admin), 400);
    assertThat(api.get("/api/users?limit=5", admin).statusCode()).isEqualTo(200);
  }

  // --- 11: control characters ---

  @Test
  void namesOfControlCharactersAreRefusedNotStoredEmpty() {
    assertProblem(api.call(HttpMethod.POST, "/api/projects", admin, new JsonObject().put("name", "\u0001\u0002\u0003")), 400);
    assertProblem(api.call(HttpMethod.POST, "/api/projects", admin, new JsonObject().put("name", "  \t ")), 400);
    assertProblem(api.call(HttpMethod.POST, "/api/projects", admin, new JsonObject().put("name", "bell\u0007")), 400);
    assertProblem(api.call(HttpMethod.POST, "/api/users", admin, newUser("ctl\u0008" + Fixtures.uniqueLogin())), 400);
    assertProblem(api.call(HttpMethod.POST, "/api/users", admin, newUser(Fixtures.uniqueLogin()).put("firstName", "\u001b[31m")), 400);
    assertThat(api.call(HttpMethod.POST, "/api/projects", admin, new JsonObject().put("name", "Ünïcode ok")).statusCode())
        .isEqualTo(201);
  }

  // --- 13: errors of the HTTP layer ---

  @Test
  void errorsBeforeRoutingAreProblemsToo(Vertx vertx) {
    assertRawProblem(vertx, "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
    assertRawProblem(vertx, "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n", 431);
    assertRawProblem(vertx, "GARBAGE\r\n\r\n", 400);
    assertRawProblem(vertx, "BREW /health/live HTTP/1.1\r\nHost: x\r\n\r\n", 501);
  }

  // --- 14: small mismatches with HTTP and the contract ---

  @Test
  void methodNotAllowedSaysWhatIs() {
    HttpResponse<Buffer> answer = api.call(HttpMethod.DELETE, "/health/ready", null, null);
    assertProblem(answer, 405);
    assertThat(answer.getHeader("Allow")).contains("GET").contains("HEAD");
  }

  @Test
  void headIsAnsweredWhereGetIs() {
    HttpResponse<Buffer> live = api.client().head("/health/live").send().await();
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).isNull();
    HttpResponse<Buffer> me = api.client().head("/api/me").bearerTokenAuthentication(admin).send().await();
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.getHeader("Content-Type")).startsWith("application/json");
    // An event stream's answer never ends: no HEAD there.
    HttpResponse<Buffer> stream = api.client().head("/api/access/events").send().await();
    assertThat(stream.statusCode()).isEqualTo(405);
    assertThat(stream.getHeader("Allow")).isEqualTo("GET");
  }

  @Test
  void passwordFeedbackHasNoNullWarning() {
    HttpResponse<Buffer> answer = api.call(HttpMethod.POST, "/api/password-strength", admin,
        new JsonObject().put("password", "a long and unusual passphrase 42"));
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    JsonObject feedback = answer.bodyAsJsonObject().getJsonObject("feedback");
    if (feedback != null && feedback.containsKey("warning")) {
      assertThat(feedback.getValue("warning")).isInstanceOf(String.class);
    }
  }

  @Test
  void aBadSessionCookieOnAnUnsafeMethodIsUnauthenticatedNotCsrf() {
    HttpResponse<Buffer> answer = api.client().post("/api/auth/logout").putHeader("Cookie", "rolecall_session=garbage")
        .send().await();
    assertThat(problem(answer, 401).getString("type")).endsWith("/unauthorized");
  }

  // --- 15: strict JSON ---

  @Test
  void duplicateKeysAreRefused() {
    String login = fixtures.login(adminId);
    String body = "{\"login\":\"nobody@example.com\",\"password\":\"x\",\"login\":\"" + login + "\"}";
    assertThat(problem(raw(HttpMethod.POST, "/api/auth/login", null, body), 400).getString("type"))
        .endsWith("/malformed-body");
  }

  @Test
  void commentsAndInvalidUtf8AreRefused() {
    assertProblem(raw(HttpMethod.POST, "/api/projects", admin, "{/* hi */\"name\":\"commented\"}"), 400);
    assertProblem(raw(HttpMethod.POST, "/api/projects", admin, "{\"name\":\"x\"} // trailing"), 400);
    Buffer invalid = Buffer.buffer("{\"name\":\"").appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28}).appendString("\"}");
    assertProblem(api.client().post("/api/projects").bearerTokenAuthentication(admin)
        .putHeader("Content-Type", "application/json").sendBuffer(invalid).await(), 400);
  }

  @Test
  void mediaTypesMatchExactlyAndCaseInsensitively() {
    String body = "{\"name\":\"media " + UUID.randomUUID() + "\"}";
    assertThat(api.client().post("/api/projects").bearerTokenAuthentication(admin)
        .putHeader("Content-Type", "Application/JSON; charset=UTF-8").sendBuffer(Buffer.buffer(body)).await().statusCode())
        .isEqualTo(201);
    for (String type : new String[] {"application/jsonx", "application/json-patch+json", "text/json", "application/json5"}) {
      HttpResponse<Buffer> answer = api.client().post("/api/projects").bearerTokenAuthentication(admin)
          .putHeader("Content-Type", type).sendBuffer(Buffer.buffer(body)).await();
      assertThat(answer.statusCode()).as(type + ": " + answer.bodyAsString()).isEqualTo(415);
      assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
  }

  private static JsonObject newUser(String login) {
    return new JsonObject().put("login", login).put("firstName", "A").put("lastName", "B")
        .put("roles", new io.vertx.core.json.JsonArray().add("USER"))
        .put("password", "a long and unusual passphrase 42").put("passwordConfirmation", "a long and unusual passphrase 42");
  }

  private static HttpResponse<Buffer> raw(HttpMethod method, String path, String token, String json) {
    var request = api.client().request(method, path).putHeader("Content-Type", "application/json");
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request.sendBuffer(Buffer.buffer(json, "UTF-8")).await();
  }

  private static void assertProblem(HttpResponse<Buffer> answer, int status) {
    problem(answer, status);
  }

  private static JsonObject problem(HttpResponse<Buffer> answer, int status) {
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(status);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
    return answer.bodyAsJsonObject();
  }

  /** Sends bytes as they are, since no HTTP client sends a malformed request. */
  private static void assertRawProblem(Vertx vertx, String request, int status) {
    NetClient client = vertx.createNetClient();
    try {
      NetSocket socket = client.connect(service.port(), "127.0.0.1").await();
      CompletableFuture<String> received = new CompletableFuture<>();
      Buffer all = Buffer.buffer();
      socket.handler(all::appendBuffer);
      socket.endHandler(end -> received.complete(all.toString(StandardCharsets.UTF_8)));
      socket.closeHandler(closed -> received.complete(all.toString(StandardCharsets.UTF_8)));
      socket.write(request);
      vertx.setTimer(3_000, id -> received.complete(all.toString(StandardCharsets.UTF_8)));
      String answer = received.get(10, TimeUnit.SECONDS);
      assertThat(answer).as(request.substring(0, Math.min(40, request.length()))).startsWith("HTTP/1.").contains(" " + status + " ");
      assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
      assertThat(answer).contains("\"status\":" + status);
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      client.close();
    }
  }
}
