package dev.rolecall.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProjectSecretsApiTest extends ServiceTest {
  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  private static UUID account;
  private static String admin;
  private static String contentManager;
  private static String project;

  @BeforeAll
  static void start(Vertx vertx) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    LOGS.start();
    root.addAppender(LOGS);
    account = fixtures.account();
    admin = api.token(fixtures.login(fixtures.user(account, Role.ADMIN)), Fixtures.PASSWORD);
    contentManager = api.token(fixtures.login(fixtures.user(account, Role.CONTENT_MANAGER)), Fixtures.PASSWORD);
    project = api.call(HttpMethod.POST, "/api/projects", admin, new JsonObject().put("name", "Vault " + UUID.randomUUID()))
        .bodyAsJsonObject().getString("id");
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
  }

  @Test
  void aSecretIsCreatedListedRevealedReplacedAndDeletedWithoutItsValueLeaking() {
    String value = "planted-" + UUID.randomUUID();
    String replacement = "replanted-" + UUID.randomUUID();
    List<String> answers = new ArrayList<>();

    HttpResponse<Buffer> created = create("CRM_KEY", value);
    answers.add(created.bodyAsString());
    String id = created.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> listed = api.get(secrets(), contentManager);
    answers.add(listed.bodyAsString());
    HttpResponse<Buffer> revealed = api.call(HttpMethod.POST, secrets() + "/" + id + "/reveal", contentManager, null);
    HttpResponse<Buffer> clash = create("crm_key", value);
    answers.add(clash.bodyAsString());
    HttpResponse<Buffer> replaced = api.call(HttpMethod.PUT, secrets() + "/" + id, admin,
        new JsonObject().put("value", replacement));
    answers.add(replaced.bodyAsString());
    HttpResponse<Buffer> revealedAgain = api.call(HttpMethod.POST, secrets() + "/" + id + "/reveal", admin, null);
    HttpResponse<Buffer> unknownField = api.call(HttpMethod.POST, secrets(), admin,
        new JsonObject().put("name", "X").put("value", value).put("extra", value));
    answers.add(unknownField.bodyAsString());
    HttpResponse<Buffer> tooLong = api.call(HttpMethod.PUT, secrets() + "/" + id, admin,
        new JsonObject().put("value", value + "x".repeat(10_000)));
    answers.add(tooLong.bodyAsString());
    HttpResponse<Buffer> badName = api.call(HttpMethod.POST, secrets(), admin,
        new JsonObject().put("name", "not a name").put("value", value));
    answers.add(badName.bodyAsString());
    HttpResponse<Buffer> refusedToEdit = api.call(HttpMethod.PUT, secrets() + "/" + id, contentManager,
        new JsonObject().put("value", value));
    answers.add(refusedToEdit.bodyAsString());
    HttpResponse<Buffer> deleted = api.call(HttpMethod.DELETE, secrets() + "/" + id, admin, null);

    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("name")).isEqualTo("CRM_KEY");
    assertThat(revealed.statusCode()).as(revealed.bodyAsString()).isEqualTo(200);
    assertThat(revealed.bodyAsJsonObject().getString("value")).isEqualTo(value);
    assertThat(revealed.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(clash.statusCode()).isEqualTo(409);
    assertThat(replaced.statusCode()).as(replaced.bodyAsString()).isEqualTo(200);
    assertThat(revealedAgain.bodyAsJsonObject().getString("value")).isEqualTo(replacement);
    assertThat(unknownField.statusCode()).isEqualTo(400);
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(refusedToEdit.statusCode()).isEqualTo(403);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(api.call(HttpMethod.POST, secrets() + "/" + id + "/reveal", admin, null).statusCode()).isEqualTo(404);
    assertThat(events(id)).isEqualTo("secret.created,secret.revealed,secret.updated,secret.revealed,secret.deleted");
    String audit = auditText();
    String logs = String.join("\n", LOGS.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    for (String planted : List.of(value, replacement)) {
      assertThat(audit).doesNotContain(planted);
      assertThat(logs).doesNotContain(planted);
      assertThat(String.join("\n", answers)).doesNotContain(planted);
      assertThat(storedText()).doesNotContain(planted);
    }
    assertThat(audit).contains("(set)").contains("(replaced)");
  }

  @Test
  void listsArePagedByNameWithAKeysetCursor() {
    String other = api.call(HttpMethod.POST, "/api/projects", admin, new JsonObject().put("name", "Paged " + UUID.randomUUID()))
        .bodyAsJsonObject().getString("id");
    for (String name : List.of("C", "A", "B")) {
      assertThat(api.call(HttpMethod.POST, "/api/projects/" + other + "/secrets", admin,
          new JsonObject().put("name", name).put("value", "v")).statusCode()).isEqualTo(201);
    }
    JsonObject first = api.get("/api/projects/" + other + "/secrets?limit=2", admin).bodyAsJsonObject();
    JsonObject second = api.get("/api/projects/" + other + "/secrets?limit=2&cursor=" + first.getString("nextCursor"),
        admin).bodyAsJsonObject();

    assertThat(first.getJsonArray("items").stream().map(s -> ((JsonObject) s).getString("name"))).containsExactly("A", "B");
    assertThat(second.getJsonArray("items").stream().map(s -> ((JsonObject) s).getString("name"))).containsExactly("C");
    assertThat(second.getString("nextCursor")).isNull();
    assertThat(api.get("/api/projects/" + other + "/secrets?cursor=bogus", admin).statusCode()).isEqualTo(400);
  }

  @Test
  void anotherAccountsSecretsAreNotFound() {
    UUID elsewhere = fixtures.account();
    String theirs = api.token(fixtures.login(fixtures.user(elsewhere, Role.ADMIN)), Fixtures.PASSWORD);
    String id = create("THEIRS", "v").bodyAsJsonObject().getString("id");

    assertThat(api.get(secrets(), theirs).statusCode()).isEqualTo(404);
    assertThat(api.call(HttpMethod.POST, secrets() + "/" + id + "/reveal", theirs, null).statusCode()).isEqualTo(404);
    assertThat(api.call(HttpMethod.DELETE, secrets() + "/" + id, theirs, null).statusCode()).isEqualTo(404);
  }

  private static HttpResponse<Buffer> create(String name, String value) {
    return api.call(HttpMethod.POST, secrets(), admin, new JsonObject().put("name", name).put("value", value));
  }

  private static String secrets() {
    return "/api/projects/" + project + "/secrets";
  }

  private static String events(String id) {
    return service.pool().preparedQuery("""
            SELECT string_agg(action, ',' ORDER BY at) FROM audit_event
            WHERE account_id = $1 AND target_id = $2 AND outcome = 'ok'""")
        .execute(Tuple.of(account, id)).await().iterator().next().getString(0);
  }

  private static String auditText() {
    StringBuilder text = new StringBuilder();
    for (Row row : service.pool().preparedQuery("SELECT to_jsonb(t)::text FROM audit_event t WHERE account_id = $1")
        .execute(Tuple.of(account)).await()) {
      text.append(row.getString(0)).append('\n');
    }
    return text.toString();
  }

  /** The stored rows as text: the ciphertext must not hold the value in clear either. */
  private static String storedText() {
    StringBuilder text = new StringBuilder();
    for (Row row : service.pool().preparedQuery(
        "SELECT encode(value_ciphertext, 'escape') FROM project_secret WHERE account_id = $1")
        .execute(Tuple.of(account)).await()) {
      text.append(row.getString(0)).append('\n');
    }
    return text.toString();
  }
}
