package dev.rolecall.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keycloak in dev mode, as unpacked into target/keycloak by {@code dependency:unpack@keycloak}, set up
 * through its admin REST API: a realm, a confidential client with a service account (whose Basic auth
 * calls the introspection endpoint, and which may log users in by password), and users.
 */
final class Keycloak implements AutoCloseable {
  static final String REALM = "rolecall-bench";
  private static final String ADMIN = "bench-admin";
  private static final String ADMIN_PASSWORD = UUID.randomUUID().toString();
  static final String USER_PASSWORD = "Bench-password-" + UUID.randomUUID();

  private final Process process;
  private final Path log;
  final int port;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String clientId = "bench-service";
  private final String clientSecret = UUID.randomUUID().toString();
  private String adminToken;
  private long adminTokenAt;

  private Keycloak(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts {@code bin/kc.sh start-dev} on free ports with a fresh dev database, and waits until it answers. */
  static Keycloak start(Path home) throws Exception {
    Path kc = home.resolve("bin/kc.sh");
    if (!Files.exists(kc)) {
      throw new IllegalStateException(kc + " is missing: run dependency:unpack@keycloak first (see the README)");
    }
    deleteTree(home.resolve("data"));
    int port = freePort();
    Path log = Files.createTempFile("keycloak", ".log");
    ProcessBuilder builder = new ProcessBuilder("bash", kc.toString(), "start-dev", "--http-port=" + port,
        "--http-management-port=" + freePort(), "--http-host=127.0.0.1", "--log-level=WARN")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    // On JDK 24+ its worker threads die without this (jboss-threads' thread-local reset), as its log says.
    builder.environment().put("JAVA_OPTS_APPEND", "--add-opens java.base/java.lang=ALL-UNNAMED");
    builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
    builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
    Keycloak keycloak = new Keycloak(builder.start(), log, port);
    Runtime.getRuntime().addShutdownHook(new Thread(keycloak::close, "keycloak-stop"));
    keycloak.awaitUp(Duration.ofMinutes(4));
    return keycloak;
  }

  private void awaitUp(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try {
        if (get("/realms/master").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Keycloak did not answer within " + timeout + ": " + Files.readString(log));
  }

  /** The realm (access tokens of 60 s), the confidential client, and {@code count} users. */
  void setUp(int count) throws Exception {
    admin("POST", "/admin/realms", new JsonObject().put("realm", REALM).put("enabled", true)
        .put("accessTokenLifespan", 60));
    admin("POST", "/admin/realms/" + REALM + "/clients", new JsonObject().put("clientId", clientId)
        .put("enabled", true).put("publicClient", false).put("secret", clientSecret)
        .put("clientAuthenticatorType", "client-secret").put("serviceAccountsEnabled", true)
        .put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false));
    for (int i = 0; i < count; i++) {
      admin("POST", "/admin/realms/" + REALM + "/users", new JsonObject().put("username", user(i))
          .put("email", user(i)).put("firstName", "Bench").put("lastName", "User " + i).put("enabled", true)
          .put("emailVerified", true).put("credentials", new JsonArray().add(new JsonObject().put("type", "password")
              .put("value", USER_PASSWORD).put("temporary", false))));
    }
  }

  static String user(int i) {
    return "kc-user-" + i + "@bench.example";
  }

  String basic() {
    return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
  }

  String introspectionPath() {
    return "/realms/" + REALM + "/protocol/openid-connect/token/introspect";
  }

  /** A user's tokens from a password login through the confidential client: access and refresh token. */
  JsonObject login(String username) throws Exception {
    return token(Map.of("grant_type", "password", "username", username, "password", USER_PASSWORD));
  }

  /** The next tokens of a session, so that the access tokens measured are never expired. */
  JsonObject refresh(String refreshToken) throws Exception {
    return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
  }

  private JsonObject token(Map<String, String> form) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/realms/" + REALM
            + "/protocol/openid-connect/token")).header("Authorization", basic())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("Keycloak token: " + answer.statusCode() + " " + answer.body());
    }
    return new JsonObject(answer.body());
  }

  static String form(Map<String, String> fields) {
    return new LinkedHashMap<>(fields).entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private void admin(String method, String path, JsonObject body) throws Exception {
    // The master realm's tokens last 60 s: take a new one well before.
    if (adminToken == null || System.nanoTime() - adminTokenAt > Duration.ofSeconds(30).toNanos()) {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/realms/master/protocol/openid-connect/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password", "client_id", "admin-cli",
              "username", ADMIN, "password", ADMIN_PASSWORD)))).build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("Keycloak admin login: " + answer.statusCode() + " " + answer.body());
      }
      adminToken = new JsonObject(answer.body()).getString("access_token");
      adminTokenAt = System.nanoTime();
    }
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + adminToken)
        .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.encode()))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() / 100 != 2) {
      throw new IllegalStateException("Keycloak " + method + " " + path + ": " + answer.statusCode() + " " + answer.body());
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  String version(Path home) throws IOException {
    String text = Files.readString(home.resolve("version.txt")).trim();
    java.util.regex.Matcher version = java.util.regex.Pattern.compile("\\d+\\.\\d+\\.\\d+").matcher(text);
    return version.find() ? version.group() : text;
  }

  /** Stops Keycloak's JVM and the script that started it: only the processes this run started. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    children.forEach(ProcessHandle::destroy);
    process.destroy();
    for (ProcessHandle child : children) {
      try {
        child.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        child.destroyForcibly();
      }
    }
    process.destroyForcibly();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }
}
