package dev.rolecall.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.auth.Role;
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
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SipTrunksApiTest extends ServiceTest {
  private static UUID account;
  private static String admin;

  @BeforeAll
  static void start(Vertx vertx) {
    account = fixtures.account();
    admin = api.token(fixtures.login(fixtures.user(account, Role.ADMIN)), Fixtures.PASSWORD);
  }

  @Test
  void aTrunkIsCreatedReadChangedAndDeletedAndItsPasswordIsNeverReadBack() {
    String password = "pw-" + UUID.randomUUID();
    HttpResponse<Buffer> created = create("Main " + UUID.randomUUID(), password, new JsonArray().add("+14155552671"));
    String id = created.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> portOnly = api.call(HttpMethod.PATCH, "/api/telephony/trunks/" + id, admin,
        new JsonObject().put("port", 5060).put("transport", "udp"));
    HttpResponse<Buffer> newPassword = api.call(HttpMethod.PATCH, "/api/telephony/trunks/" + id, admin,
        new JsonObject().put("password", password + "-2"));
    HttpResponse<Buffer> read = api.get("/api/telephony/trunks/" + id, admin);
    HttpResponse<Buffer> listed = api.get("/api/telephony/trunks", admin);
    HttpResponse<Buffer> deleted = api.call(HttpMethod.DELETE, "/api/telephony/trunks/" + id, admin, null);

    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getBoolean("passwordSet")).isTrue();
    assertThat(portOnly.statusCode()).as(portOnly.bodyAsString()).isEqualTo(200);
    assertThat(portOnly.bodyAsJsonObject().getInteger("port")).isEqualTo(5060);
    assertThat(portOnly.bodyAsJsonObject().getBoolean("passwordSet")).isTrue();
    assertThat(newPassword.statusCode()).isEqualTo(200);
    assertThat(read.bodyAsJsonObject().getJsonArray("callerIds")).containsExactly("+14155552671");
    assertThat(listed.bodyAsString()).contains(id);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(api.get("/api/telephony/trunks/" + id, admin).statusCode()).isEqualTo(404);
    assertThat(events(id)).isEqualTo("sip_trunk.created,sip_trunk.updated,sip_trunk.updated,sip_trunk.deleted");
    String everything = created.bodyAsString() + portOnly.bodyAsString() + newPassword.bodyAsString()
        + read.bodyAsString() + listed.bodyAsString() + auditText();
    assertThat(everything).doesNotContain(password).contains("(replaced)");
  }

  @Test
  void badNumbersPortsAndFieldsAreRefusedWith400NamingThem() {
    HttpResponse<Buffer> badNumber = create("Bad " + UUID.randomUUID(), null,
        new JsonArray().add("+14155552671").add("+1000"));
    HttpResponse<Buffer> badPort = api.call(HttpMethod.POST, "/api/telephony/trunks", admin, trunk("P", null,
        new JsonArray()).put("port", 70000));
    HttpResponse<Buffer> unknown = api.call(HttpMethod.POST, "/api/telephony/trunks", admin, trunk("U", null,
        new JsonArray()).put("secret", "x"));

    assertThat(badNumber.statusCode()).as(badNumber.bodyAsString()).isEqualTo(400);
    assertThat(badNumber.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/callerIds/1");
    assertThat(badPort.statusCode()).isEqualTo(400);
    assertThat(badPort.bodyAsString()).contains("port");
    assertThat(unknown.statusCode()).isEqualTo(400);
  }

  @Test
  void namesClashInTheAccountAndOtherAccountsTrunksAreNotFound() {
    String name = "Clash " + UUID.randomUUID();
    String id = create(name, null, new JsonArray()).bodyAsJsonObject().getString("id");
    UUID elsewhere = fixtures.account();
    String theirs = api.token(fixtures.login(fixtures.user(elsewhere, Role.ADMIN)), Fixtures.PASSWORD);

    assertThat(create(name.toUpperCase(), null, new JsonArray()).statusCode()).isEqualTo(409);
    assertThat(api.get("/api/telephony/trunks/" + id, theirs).statusCode()).isEqualTo(404);
    assertThat(api.call(HttpMethod.PATCH, "/api/telephony/trunks/" + id, theirs, new JsonObject().put("port", 1))
        .statusCode()).isEqualTo(404);
    assertThat(api.get("/api/telephony/trunks", theirs).bodyAsString()).doesNotContain(id);
  }

  private static JsonObject trunk(String name, String password, JsonArray callerIds) {
    JsonObject body = new JsonObject().put("name", name).put("host", "sip.example.com").put("port", 5061)
        .put("transport", "tls").put("login", "rolecall").put("callerIds", callerIds);
    return password == null ? body : body.put("password", password);
  }

  private static HttpResponse<Buffer> create(String name, String password, JsonArray callerIds) {
    return api.call(HttpMethod.POST, "/api/telephony/trunks", admin, trunk(name, password, callerIds));
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
}
