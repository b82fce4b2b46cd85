package dev.rolecall.projects;

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
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProjectsApiTest extends ServiceTest {
  private static UUID account;
  private static String editor;

  @BeforeAll
  static void start(Vertx vertx) {
    account = fixtures.account();
    editor = api.token(fixtures.login(fixtures.user(account, Role.ADMIN)), Fixtures.PASSWORD);
  }

  @Test
  void aProjectIsCreatedReadListedAndRenamedWithAuditEvents() {
    String name = "Support " + UUID.randomUUID();
    HttpResponse<Buffer> created = create(name);
    String id = created.bodyAsJsonObject().getString("id");

    HttpResponse<Buffer> renamed = api.call(HttpMethod.PATCH, "/api/projects/" + id, editor,
        new JsonObject().put("name", name + " (EN)").put("description", "English"));

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.getHeader("Location")).isEqualTo("/api/projects/" + id);
    assertThat(renamed.statusCode()).as(renamed.bodyAsString()).isEqualTo(200);
    assertThat(renamed.bodyAsJsonObject().getString("description")).isEqualTo("English");
    assertThat(api.get("/api/projects/" + id, editor).bodyAsJsonObject().getString("name")).isEqualTo(name + " (EN)");
    assertThat(api.get("/api/projects", editor).bodyAsJsonArray().stream()
        .map(p -> ((JsonObject) p).getString("id"))).contains(id);
    assertThat(events(id)).isEqualTo("project.created,project.updated");
  }

  @Test
  void aNameTakenInTheAccountWhateverItsCaseIsAConflict() {
    String name = "Sales " + UUID.randomUUID();
    create(name);
    String other = create("Other " + UUID.randomUUID()).bodyAsJsonObject().getString("id");

    assertThat(create(name.toUpperCase()).statusCode()).isEqualTo(409);
    assertThat(api.call(HttpMethod.PATCH, "/api/projects/" + other, editor, new JsonObject().put("name", name))
        .statusCode()).isEqualTo(409);
  }

  @Test
  void anotherAccountsProjectIsNotFoundAndTheirNamesDoNotConflict() {
    UUID elsewhere = fixtures.account();
    String theirs = api.token(fixtures.login(fixtures.user(elsewhere, Role.ADMIN)), Fixtures.PASSWORD);
    String name = "Shared name " + UUID.randomUUID();
    String id = api.call(HttpMethod.POST, "/api/projects", theirs, new JsonObject().put("name", name))
        .bodyAsJsonObject().getString("id");

    assertThat(create(name).statusCode()).isEqualTo(201);
    assertThat(api.get("/api/projects/" + id, editor).statusCode()).isEqualTo(404);
    assertThat(api.call(HttpMethod.PATCH, "/api/projects/" + id, editor, new JsonObject().put("name", "x"))
        .statusCode()).isEqualTo(404);
    assertThat(api.call(HttpMethod.POST, "/api/projects/" + id + "/ingest-keys", editor, null).statusCode())
        .isEqualTo(404);
    assertThat(api.get("/api/projects", editor).bodyAsString()).doesNotContain(id);
  }

  private HttpResponse<Buffer> create(String name) {
    return api.call(HttpMethod.POST, "/api/projects", editor, new JsonObject().put("name", name));
  }

  private static String events(String projectId) {
    return service.pool().preparedQuery("""
            SELECT string_agg(action, ',' ORDER BY at) FROM audit_event
            WHERE account_id = $1 AND target_id = $2 AND outcome = 'ok'""")
        .execute(Tuple.of(account, projectId)).await().iterator().next().getString(0);
  }
}
