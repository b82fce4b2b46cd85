package dev.rolecall.dialoglogs;

import static dev.rolecall.dialoglogs.LogsClient.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DialogLogIngestTest extends ServiceTest {
  private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static LogsClient logs;
  private static String token;

  @BeforeAll
  static void start(Vertx vertx) {
    token = api.token(fixtures.login(fixtures.user(fixtures.account(), Role.values())), Fixtures.PASSWORD);
    logs = new LogsClient(api, token);
  }

  @Test
  void aRetriedBatchStoresNothingTwice() {
    UUID project = logs.project("Idempotent " + UUID.randomUUID());
    String key = logs.ingestKey(project).getString("secret");
    JsonObject[] batch = {entry("a", AT, "hi", "hello"), entry("b", AT.plusSeconds(1), "bye", "ciao")};

    HttpResponse<Buffer> first = logs.ingest(project, key, batch);
    HttpResponse<Buffer> retried = logs.ingest(project, key, entry("c", AT, "new", "new"), batch[0], batch[1]);

    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject()).isEqualTo(new JsonObject().put("accepted", 2).put("duplicates", 0));
    assertThat(retried.bodyAsJsonObject()).isEqualTo(new JsonObject().put("accepted", 1).put("duplicates", 2));
    assertThat(rows(project)).isEqualTo(3);
  }

  @Test
  void onlyAValidUnrevokedKeyOfThatVeryProjectIngests() {
    UUID project = logs.project("Guarded " + UUID.randomUUID());
    UUID other = logs.project("Other " + UUID.randomUUID());
    JsonObject revoked = logs.ingestKey(project);
    String otherKey = logs.ingestKey(other).getString("secret");
    assertThat(api.call(HttpMethod.DELETE, "/api/projects/" + project + "/ingest-keys/" + revoked.getString("id"),
        token, null).statusCode()).isEqualTo(204);

    HttpResponse<Buffer> none = logs.ingest(project, null, entry("x", AT, "a", "b"));
    HttpResponse<Buffer> wrong = logs.ingest(project, "rci_" + "A".repeat(43), entry("x", AT, "a", "b"));
    HttpResponse<Buffer> revokedAnswer = logs.ingest(project, revoked.getString("secret"), entry("x", AT, "a", "b"));
    HttpResponse<Buffer> otherProjects = logs.ingest(project, otherKey, entry("x", AT, "a", "b"));
    HttpResponse<Buffer> nowhere = logs.ingest(UUID.randomUUID(), otherKey, entry("x", AT, "a", "b"));

    for (HttpResponse<Buffer> answer : new HttpResponse[] {none, wrong, revokedAnswer, otherProjects, nowhere}) {
      assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(401);
      assertThat(answer.bodyAsJsonObject()).isEqualTo(none.bodyAsJsonObject());
    }
    assertThat(rows(project)).isZero();
    assertThat(logs.ingest(other, otherKey, entry("x", AT, "a", "b")).statusCode()).isEqualTo(200);
  }

  @Test
  void keysAreListedWithoutSecretsAndTheirUseIsRecorded() {
    UUID project = logs.project("Keys " + UUID.randomUUID());
    JsonObject created = logs.ingestKey(project);
    logs.ingest(project, created.getString("secret"), entry("x", AT, "a", "b"));

    JsonObject listed = api.get("/api/projects/" + project + "/ingest-keys", token).bodyAsJsonArray().getJsonObject(0);

    assertThat(created.getString("secret")).startsWith("rci_").startsWith(created.getString("prefix"));
    assertThat(listed.getString("id")).isEqualTo(created.getString("id"));
    assertThat(listed.containsKey("secret")).isFalse();
    assertThat(service.pool().preparedQuery("SELECT last_used_at IS NOT NULL FROM ingest_key WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(created.getString("id")))).await().iterator().next().getBoolean(0))
        .isTrue();
  }

  private static long rows(UUID project) {
    return service.pool().preparedQuery("SELECT count(*) FROM dialog_log WHERE project_id = $1")
        .execute(Tuple.of(project)).await().iterator().next().getLong(0);
  }
}
