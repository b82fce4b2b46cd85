package dev.rolecall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Api;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.TestDatabase;
import dev.rolecall.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * rotate-secrets-key end to end on the embedded run (its own data folder, so the shared test database keeps
 * its key): signing keys, project secrets and trunk passwords open under the new key afterwards.
 */
@ExtendWith(VertxExtension.class)
class RotateSecretsKeyTest {
  private record Run(int status, String output) {
  }

  @Test
  void everySealedValueIsReEncryptedInOneTransactionAndTheKeyFileReplaced(Vertx vertx) throws Exception {
    Path dataDir = TestDatabase.tempDir("rolecall-rotate");
    Map<String, String> env = embedded(dataDir);
    String login;
    String projectId;
    String secretId;
    String value = "planted-" + UUID.randomUUID();
    try (Rolecall service = Rolecall.start(Config.fromEnvironment(env)); Api api = new Api(vertx, service)) {
      Fixtures fixtures = new Fixtures(service.pool());
      login = fixtures.login(fixtures.user(fixtures.account(), Role.ADMIN));
      String token = api.token(login, Fixtures.PASSWORD);
      projectId = api.call(HttpMethod.POST, "/api/projects", token, new JsonObject().put("name", "P"))
          .bodyAsJsonObject().getString("id");
      secretId = api.call(HttpMethod.POST, "/api/projects/" + projectId + "/secrets", token,
          new JsonObject().put("name", "K").put("value", value)).bodyAsJsonObject().getString("id");
      assertThat(api.call(HttpMethod.POST, "/api/telephony/trunks", token, new JsonObject().put("name", "T")
          .put("host", "sip.example.com").put("port", 5060).put("transport", "udp").put("password", "pw"))
          .statusCode()).isEqualTo(201);
    }
    String oldKey = Files.readString(dataDir.resolve("secrets.key")).trim();
    Path newKeyFile = dataDir.resolve("new.key");
    byte[] newKey = new byte[32];
    new SecureRandom().nextBytes(newKey);
    Files.writeString(newKeyFile, Base64.getEncoder().encodeToString(newKey) + "\n");

    Run rotated = run(env, "rotate-secrets-key", "--new-key-file", newKeyFile.toString());

    assertThat(rotated.status()).as(rotated.output()).isZero();
    assertThat(rotated.output()).contains("re-encrypted 1 value(s) of project_secret")
        .contains("re-encrypted 1 value(s) of sip_trunk").contains("of signing_key").doesNotContain(value);
    assertThat(Files.readString(dataDir.resolve("secrets.key")).trim())
        .isEqualTo(Base64.getEncoder().encodeToString(newKey)).isNotEqualTo(oldKey);
    try (Rolecall service = Rolecall.start(Config.fromEnvironment(env)); Api api = new Api(vertx, service)) {
      String token = api.token(login, Fixtures.PASSWORD);
      JsonObject revealed = api.call(HttpMethod.POST,
          "/api/projects/" + projectId + "/secrets/" + secretId + "/reveal", token, null).bodyAsJsonObject();
      assertThat(revealed.getString("value")).isEqualTo(value);
    }
    Run again = run(env, "rotate-secrets-key", "--new-key-file", newKeyFile.toString());
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.output()).contains("is the current one");
  }

  @Test
  void aValueThatDoesNotOpenChangesNothing(Vertx vertx) throws Exception {
    Path dataDir = TestDatabase.tempDir("rolecall-rotate-bad");
    Map<String, String> env = embedded(dataDir);
    try (Rolecall service = Rolecall.start(Config.fromEnvironment(env))) {
      UUID account = new Fixtures(service.pool()).account();
      service.pool().preparedQuery("INSERT INTO sip_trunk (account_id, name, host, port, transport, password_ciphertext)"
          + " VALUES ($1, 'Broken', 'h', 5060, 'udp', '\\x00112233445566778899aabbccddeeff00112233'::bytea)")
          .execute(io.vertx.sqlclient.Tuple.of(account)).await();
    }
    String oldKey = Files.readString(dataDir.resolve("secrets.key"));
    Path newKeyFile = dataDir.resolve("new.key");
    Files.writeString(newKeyFile, Base64.getEncoder().encodeToString(new byte[32]));

    Run run = run(env, "rotate-secrets-key", "--new-key-file", newKeyFile.toString());

    assertThat(run.status()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("nothing changed");
    assertThat(Files.readString(dataDir.resolve("secrets.key"))).isEqualTo(oldKey);
    // The signing keys were not re-encrypted either: the service starts under the old key.
    try (Rolecall service = Rolecall.start(Config.fromEnvironment(env))) {
      assertThat(service.pool()).isNotNull();
    }
  }

  private static Map<String, String> embedded(Path dataDir) {
    Map<String, String> env = new HashMap<>(TestService.environment(Map.of("ROLECALL_DATA_DIR", dataDir.toString())));
    env.remove("ROLECALL_SECRETS_KEY");
    return env;
  }

  private static Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = Commands.run(args, env, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Run(status, bytes.toString(StandardCharsets.UTF_8));
  }
}
