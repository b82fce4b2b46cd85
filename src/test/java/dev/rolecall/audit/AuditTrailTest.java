package dev.rolecall.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The identity endpoints leave their events: logins, logouts, own password and profile changes. */
class AuditTrailTest extends ServiceTest {
  private static final String WRONG = "a wrong password, typed by someone";
  private static UUID account;

  @BeforeAll
  static void start(Vertx vertx) {
    new AuditPartitions(service.pool(), new AuditConfig(400)).maintain(Instant.now()).await();
    account = fixtures.account();
  }

  @Test
  void aFailedLoginOfAnExistingUserIsInTheirAccountWithoutThePassword() {
    UUID user = fixtures.user(account, Role.USER);

    assertThat(api.login(fixtures.login(user), WRONG).statusCode()).isEqualTo(401);

    JsonObject event = onlyEvent(adminToken(), "auth.login_failed", user);
    assertThat(event.getString("outcome")).isEqualTo("failed");
    assertThat(event.getValue("actor")).isNull();
    assertThat(event.getJsonObject("target").getString("label")).isEqualTo(fixtures.login(user));
    assertThat(event.getString("sourceIp")).isEqualTo("127.0.0.1");
    assertThat(stored("target_id = $1", user.toString()).toJson().encode()).doesNotContain(WRONG);
  }

  @Test
  void aFailedLoginForNoUserGoesToTheServiceLogNotToAnAccount() {
    String nobody = Fixtures.uniqueLogin();

    assertThat(api.login(nobody, WRONG).statusCode()).isEqualTo(401);

    Row event = stored("action = 'auth.login_failed' AND target_label = $1", nobody);
    assertThat(event.getUUID("account_id")).isNull();
    assertThat(event.getString("outcome")).isEqualTo("failed");
    assertThat(event.toJson().encode()).doesNotContain(WRONG);
  }

  @Test
  void refusedAndSuccessfulLoginsAndLogoutsAreRecorded() {
    UUID inactive = fixtures.user(account, Fixtures.uniqueLogin(), false, false, Role.USER);
    UUID user = fixtures.user(account, Role.USER);
    String admin = adminToken();

    api.login(fixtures.login(inactive), Fixtures.PASSWORD);
    String token = api.token(fixtures.login(user), Fixtures.PASSWORD);
    api.call(HttpMethod.POST, "/api/auth/logout", token, null);

    assertThat(onlyEvent(admin, "auth.login_refused", inactive).getString("outcome")).isEqualTo("refused");
    JsonObject succeeded = onlyEvent(admin, "auth.login_succeeded", user);
    assertThat(succeeded.getJsonObject("actor").getString("id")).isEqualTo(user.toString());
    assertThat(onlyEvent(admin, "auth.logout", user).getJsonObject("actor").getString("login"))
        .isEqualTo(fixtures.login(user));
  }

  @Test
  void aProfileUpdateRecordsTheNamesBeforeAndAfter() {
    UUID user = fixtures.user(account, Role.USER);
    String token = api.token(fixtures.login(user), Fixtures.PASSWORD);

    api.call(HttpMethod.PATCH, "/api/me/profile", token, new JsonObject().put("firstName", "Ada"));

    JsonObject changes = onlyEvent(adminToken(), "me.profile_updated", user).getJsonObject("changes");
    assertThat(changes).isEqualTo(new JsonObject()
        .put("firstName", new JsonObject().put("before", "Test").put("after", "Ada")));
  }

  @Test
  void anOwnPasswordChangeIsRecordedWithoutAnyPassword() {
    UUID user = fixtures.user(account, fixtures.uniqueLogin(), true, true, Role.USER);
    String token = api.token(fixtures.login(user), Fixtures.PASSWORD);
    String next = "a brand new passphrase for the audit test";

    var answer = api.call(HttpMethod.POST, "/api/me/password", token,
        new JsonObject().put("currentPassword", Fixtures.PASSWORD).put("newPassword", next));

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    JsonObject event = onlyEvent(adminToken(), "me.password_changed", user);
    assertThat(event.getJsonObject("changes")).isEqualTo(new JsonObject()
        .put("passwordTemporary", new JsonObject().put("before", true).put("after", false)));
    String row = stored("action = 'me.password_changed' AND target_id = $1", user.toString()).toJson().encode();
    assertThat(row).doesNotContain(next).doesNotContain(Fixtures.PASSWORD).doesNotContain("$argon2");
  }

  private static JsonObject onlyEvent(String token, String action, UUID target) {
    var answer = api.get("/api/audit-events?action=" + action + "&targetId=" + target, token);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    return answer.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
  }

  private static Row stored(String condition, String value) {
    var rows = service.pool().preparedQuery("SELECT * FROM audit_event WHERE " + condition)
        .execute(Tuple.of(value)).await();
    assertThat(rows.size()).isEqualTo(1);
    return rows.iterator().next();
  }

  private static String adminToken() {
    return api.token(fixtures.login(fixtures.user(account, Role.ADMIN)), Fixtures.PASSWORD);
  }
}
