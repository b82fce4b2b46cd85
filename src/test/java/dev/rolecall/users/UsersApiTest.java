package dev.rolecall.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsersApiTest extends ServiceTest {
  private static final String STRONG = "correct horse battery staple";
  private UUID account;
  private UUID adminId;
  private String admin;

  @BeforeEach
  void anAccountWithItsAdmin() {
    account = fixtures.account();
    adminId = fixtures.user(account, Role.ADMIN);
    admin = api.token(fixtures.login(adminId), Fixtures.PASSWORD);
  }

  @Test
  void anAdminAddsAUserWhoCanThenLogIn() {
    String login = Fixtures.uniqueLogin();

    HttpResponse<Buffer> created = api.call(HttpMethod.POST, "/api/users", admin, newUser(login, STRONG, STRONG));

    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject user = created.bodyAsJsonObject();
    assertThat(created.getHeader("Location")).isEqualTo("/api/users/" + user.getString("id"));
    assertThat(created.getHeader("ETag")).isNotBlank();
    assertThat(user.getJsonArray("roles")).containsExactlyInAnyOrder("ANALYST", "USER");
    assertThat(user.getBoolean("active")).isTrue();
    assertThat(api.login(login, STRONG).statusCode()).isEqualTo(200);
    assertThat(lastEvent("user.created", "ok").getJsonObject("changes").getJsonObject("login").getString("after"))
        .isEqualTo(login);
  }

  @Test
  void weakOrMismatchedPasswordsAreRefusedWithAdvicePerField() {
    HttpResponse<Buffer> weak = api.call(HttpMethod.POST, "/api/users", admin,
        newUser(Fixtures.uniqueLogin(), "password1234", "password1234"));
    HttpResponse<Buffer> mismatched = api.call(HttpMethod.POST, "/api/users", admin,
        newUser(Fixtures.uniqueLogin(), STRONG, STRONG + "!"));

    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(weak.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/password");
    assertThat(weak.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("detail")).isNotBlank();
    assertThat(mismatched.statusCode()).isEqualTo(400);
    assertThat(mismatched.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/passwordConfirmation");
  }

  @Test
  void aTakenLoginIsAConflictWhateverItsCase() {
    String login = fixtures.login(fixtures.user(fixtures.account(), Role.USER));

    HttpResponse<Buffer> taken = api.call(HttpMethod.POST, "/api/users", admin, newUser(login.toUpperCase(), STRONG, STRONG));

    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(taken.bodyAsJsonObject().getString("type")).endsWith("/login-taken");
    assertThat(taken.bodyAsString()).doesNotContain("account");
  }

  @Test
  void renamingToTakenLoginsCountsInTheLimitOfCreation() {
    UUID user = fixtures.user(account, Role.USER);
    String etag = api.get("/api/users/" + user, admin).getHeader("ETag");
    String taken = fixtures.login(fixtures.user(fixtures.account(), Role.USER));
    JsonObject probe = new JsonObject().put("login", taken.toUpperCase());
    int creations = NewLoginLimit.MAX_ATTEMPTS / 2;
    for (int i = 0; i < creations; i++) {
      assertThat(api.call(HttpMethod.POST, "/api/users", admin, newUser(taken, STRONG, STRONG)).statusCode()).isEqualTo(409);
    }
    for (int i = creations; i < NewLoginLimit.MAX_ATTEMPTS; i++) {
      HttpResponse<Buffer> conflict = patch(user, etag, probe);
      assertThat(conflict.statusCode()).as("probe %d: %s", i + 1, conflict.bodyAsString()).isEqualTo(409);
    }

    HttpResponse<Buffer> limited = patch(user, etag, probe);
    HttpResponse<Buffer> creation = api.call(HttpMethod.POST, "/api/users", admin, newUser(taken, STRONG, STRONG));

    assertThat(limited.statusCode()).as(limited.bodyAsString()).isEqualTo(429);
    assertThat(limited.getHeader("Retry-After")).matches("[0-9]+");
    assertThat(creation.statusCode()).isEqualTo(429);
    assertThat(patch(user, etag, new JsonObject().put("firstName", "Ada")).statusCode())
        .as("changes that set no login are not limited").isEqualTo(200);
  }

  @Test
  void changesNeedTheCurrentVersion() {
    UUID user = fixtures.user(account, Role.USER);
    HttpResponse<Buffer> read = api.get("/api/users/" + user, admin);
    String etag = read.getHeader("ETag");
    JsonObject rename = new JsonObject().put("firstName", "Grace");

    assertThat(api.call(HttpMethod.PATCH, "/api/users/" + user, admin, rename).statusCode()).isEqualTo(428);
    HttpResponse<Buffer> changed = patch(user, etag, rename);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.getHeader("ETag")).isNotEqualTo(etag);

    HttpResponse<Buffer> stale = patch(user, etag, new JsonObject().put("lastName", "Hopper"));
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(api.get("/api/users/" + user, admin).bodyAsJsonObject().getString("lastName")).isEqualTo("User");
    assertThat(lastEvent("user.updated", "ok").getJsonObject("changes").getJsonObject("firstName").getString("before"))
        .isEqualTo("Test");
  }

  @Test
  void deactivationAndRoleRemovalApplyOnTheUsersNextRequest() {
    UUID user = fixtures.user(account, Role.USER, Role.ANALYST);
    String token = api.token(fixtures.login(user), Fixtures.PASSWORD);

    HttpResponse<Buffer> roles = api.client().put("/api/users/" + user + "/roles").bearerTokenAuthentication(admin)
        .putHeader("If-Match", api.get("/api/users/" + user, admin).getHeader("ETag"))
        .sendJsonObject(new JsonObject().put("roles", new JsonArray().add("ANALYST"))).await();
    assertThat(roles.statusCode()).isEqualTo(200);
    assertThat(api.get("/api/users/" + user + "/permissions", token).statusCode()).isEqualTo(403);

    assertThat(patch(user, roles.getHeader("ETag"), new JsonObject().put("active", false)).statusCode()).isEqualTo(200);
    assertThat(api.get("/api/me", token).statusCode()).isEqualTo(401);
    assertThat(api.login(fixtures.login(user), Fixtures.PASSWORD).statusCode()).isEqualTo(403);
  }

  @Test
  void anAdminSetPasswordRevokesTheUsersTokens() {
    UUID user = fixtures.user(account, Role.USER);
    String token = api.token(fixtures.login(user), Fixtures.PASSWORD);

    HttpResponse<Buffer> set = api.call(HttpMethod.PUT, "/api/users/" + user + "/password", admin,
        new JsonObject().put("password", STRONG).put("passwordConfirmation", STRONG).put("temporary", true));

    assertThat(set.statusCode()).isEqualTo(204);
    assertThat(api.get("/api/me", token).statusCode()).isEqualTo(401);
    assertThat(api.login(fixtures.login(user), STRONG).bodyAsJsonObject().getBoolean("passwordChangeRequired")).isTrue();
    assertThat(lastEvent("user.password_set", "ok").encode()).doesNotContain(STRONG);
  }

  @Test
  void theLastAdminCannotBeDeactivatedDeletedOrDemoted() {
    String etag = api.get("/api/users/" + adminId, admin).getHeader("ETag");

    HttpResponse<Buffer> deactivate = patch(adminId, etag, new JsonObject().put("active", false));
    HttpResponse<Buffer> delete = api.call(HttpMethod.DELETE, "/api/users/" + adminId, admin, null);
    HttpResponse<Buffer> demote = api.client().put("/api/users/" + adminId + "/roles").bearerTokenAuthentication(admin)
        .putHeader("If-Match", etag).sendJsonObject(new JsonObject().put("roles", new JsonArray().add("USER"))).await();

    for (HttpResponse<Buffer> refused : java.util.List.of(deactivate, delete, demote)) {
      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(refused.bodyAsJsonObject().getString("type")).endsWith("/last-admin");
    }
    assertThat(api.get("/api/me", admin).statusCode()).isEqualTo(200);
    assertThat(lastEvent("user.deleted", "refused").getString("outcome")).isEqualTo("refused");
  }

  @Test
  void twoAdminsDeactivatingEachOtherAtOnceLeaveOneAdmin() {
    UUID otherId = fixtures.user(account, Role.ADMIN);
    String other = api.token(fixtures.login(otherId), Fixtures.PASSWORD);
    String adminEtag = api.get("/api/users/" + adminId, admin).getHeader("ETag");
    String otherEtag = api.get("/api/users/" + otherId, admin).getHeader("ETag");

    var first = api.client().patch("/api/users/" + otherId).bearerTokenAuthentication(admin).putHeader("If-Match", otherEtag)
        .sendJsonObject(new JsonObject().put("active", false));
    var second = api.client().patch("/api/users/" + adminId).bearerTokenAuthentication(other).putHeader("If-Match", adminEtag)
        .sendJsonObject(new JsonObject().put("active", false));

    var statuses = java.util.List.of(first.await().statusCode(), second.await().statusCode());
    // The loser is refused either by the last-admin rule (409) or, when the winner committed first, at
    // authentication, since it is now inactive (401). Exactly one wins in any case.
    assertThat(statuses).containsOnlyOnce(200);
    assertThat(statuses).anyMatch(status -> status == 409 || status == 401);
    assertThat(activeAdmins()).isEqualTo(1);
  }

  @Test
  void bulkDeactivationJudgesTheLastAdminOverTheBatchAndADryRunChangesNothing() {
    UUID otherAdmin = fixtures.user(account, Role.ADMIN);
    UUID user = fixtures.user(account, Role.USER);
    JsonObject batch = new JsonObject().put("ids", new JsonArray().add(user.toString()).add(otherAdmin.toString())
        .add(adminId.toString()).add(UUID.randomUUID().toString())).put("active", false);

    JsonObject dry = api.call(HttpMethod.POST, "/api/users/bulk/activation", admin, batch.copy().put("dryRun", true))
        .bodyAsJsonObject();
    assertThat(outcomes(dry)).containsExactly("ok", "ok", "problem", "problem");
    assertThat(activeAdmins()).isEqualTo(2);

    JsonObject done = api.call(HttpMethod.POST, "/api/users/bulk/activation", admin, batch).bodyAsJsonObject();
    assertThat(outcomes(done)).containsExactly("ok", "ok", "problem", "problem");
    assertThat(done.getJsonArray("results").getJsonObject(2).getJsonObject("problem").getString("type")).endsWith("/last-admin");
    assertThat(done.getJsonArray("results").getJsonObject(3).getJsonObject("problem").getInteger("status")).isEqualTo(404);
    assertThat(activeAdmins()).isEqualTo(1);
  }

  @Test
  void bulkRolesAddAndRemoveAndBulkDeleteRemovesUsers() {
    UUID a = fixtures.user(account, Role.USER);
    UUID b = fixtures.user(account, Role.USER, Role.OPERATOR);
    JsonArray ids = new JsonArray().add(a.toString()).add(b.toString());

    JsonObject roles = api.call(HttpMethod.POST, "/api/users/bulk/roles", admin, new JsonObject().put("ids", ids)
        .put("add", new JsonArray().add("ANALYST")).put("remove", new JsonArray().add("OPERATOR"))).bodyAsJsonObject();
    assertThat(outcomes(roles)).containsExactly("ok", "ok");
    assertThat(api.get("/api/users/" + b, admin).bodyAsJsonObject().getJsonArray("roles")).containsExactlyInAnyOrder("ANALYST", "USER");

    JsonObject deleted = api.call(HttpMethod.POST, "/api/users/bulk/delete", admin, new JsonObject().put("ids", ids))
        .bodyAsJsonObject();
    assertThat(outcomes(deleted)).containsExactly("ok", "ok");
    assertThat(api.get("/api/users/" + a, admin).statusCode()).isEqualTo(404);
  }

  @Test
  void bulkOperationsNeverReachAnotherAccountsUsers() {
    UUID stranger = fixtures.user(fixtures.account(), Role.ADMIN);
    JsonArray ids = new JsonArray().add(stranger.toString());

    for (JsonObject call : java.util.List.of(
        new JsonObject().put("path", "/api/users/bulk/activation").put("body", new JsonObject().put("ids", ids).put("active", false)),
        new JsonObject().put("path", "/api/users/bulk/roles").put("body", new JsonObject().put("ids", ids).put("remove", new JsonArray().add("ADMIN"))),
        new JsonObject().put("path", "/api/users/bulk/delete").put("body", new JsonObject().put("ids", ids)))) {
      JsonObject answer = api.call(HttpMethod.POST, call.getString("path"), admin, call.getJsonObject("body")).bodyAsJsonObject();
      assertThat(answer.getJsonArray("results").getJsonObject(0).getJsonObject("problem").getInteger("status")).isEqualTo(404);
    }
    assertThat(api.login(fixtures.login(stranger), Fixtures.PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void anUndecodableQueryIsABadRequestNotAFault() {
    HttpResponse<Buffer> answer = api.get("/api/users?name=%25", admin);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void theStrengthMeterScoresWithoutStoringAnything() {
    JsonObject weak = api.call(HttpMethod.POST, "/api/password-strength", admin,
        new JsonObject().put("password", "password123")).bodyAsJsonObject();
    JsonObject strong = api.call(HttpMethod.POST, "/api/password-strength", admin,
        new JsonObject().put("password", STRONG)).bodyAsJsonObject();

    assertThat(weak.getBoolean("strong")).isFalse();
    assertThat(weak.getJsonObject("feedback").getString("warning")).isNotBlank();
    assertThat(strong.getBoolean("strong")).isTrue();
    assertThat(strong.getInteger("score")).isGreaterThanOrEqualTo(3);
  }

  private HttpResponse<Buffer> patch(UUID user, String etag, JsonObject body) {
    return api.client().patch("/api/users/" + user).bearerTokenAuthentication(admin).putHeader("If-Match", etag)
        .sendJsonObject(body).await();
  }

  private static JsonObject newUser(String login, String password, String confirmation) {
    return new JsonObject().put("firstName", "Ada").put("lastName", "Lovelace").put("login", login)
        .put("roles", new JsonArray().add("USER").add("ANALYST"))
        .put("password", password).put("passwordConfirmation", confirmation);
  }

  private static java.util.List<String> outcomes(JsonObject answer) {
    return answer.getJsonArray("results").stream().map(r -> ((JsonObject) r).getString("outcome")).toList();
  }

  private long activeAdmins() {
    return service.pool().preparedQuery("""
            SELECT count(*) FROM app_user u JOIN user_role r ON r.user_id = u.id
            WHERE u.account_id = $1 AND u.active AND r.role = 'ADMIN'""")
        .execute(Tuple.of(account)).await().iterator().next().getLong(0);
  }

  private JsonObject lastEvent(String action, String outcome) {
    var row = service.pool().preparedQuery("""
            SELECT outcome, changes::text FROM audit_event WHERE account_id = $1 AND action = $2 AND outcome = $3
            ORDER BY at DESC LIMIT 1""")
        .execute(Tuple.of(account, action, outcome)).await().iterator().next();
    return new JsonObject().put("outcome", row.getString(0))
        .put("changes", row.getString(1) == null ? null : new JsonObject(row.getString(1)));
  }
}
