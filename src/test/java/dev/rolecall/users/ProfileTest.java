package dev.rolecall.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One's own names, and why a user holds each permission. */
class ProfileTest extends ServiceTest {
  private static UUID account;

  @BeforeAll
  static void start(Vertx vertx) {
    account = fixtures.account();
  }

  @Test
  void theProfileHasTheLoginAndNames() {
    String login = fixtures.login(fixtures.user(account, Role.OPERATOR));

    HttpResponse<Buffer> profile = api.get("/api/me/profile", api.token(login, Fixtures.PASSWORD));

    assertThat(profile.statusCode()).isEqualTo(200);
    assertThat(profile.bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("login", login).put("firstName", "Test").put("lastName", "User"));
  }

  @Test
  void aRenameIsTrimmedAndChangesOnlyTheNamesGiven() {
    String token = token(Role.USER);

    HttpResponse<Buffer> renamed = patch(token, new JsonObject().put("firstName", "  Ada  "));

    assertThat(renamed.statusCode()).as(renamed.bodyAsString()).isEqualTo(200);
    assertThat(renamed.bodyAsJsonObject().getString("firstName")).isEqualTo("Ada");
    assertThat(renamed.bodyAsJsonObject().getString("lastName")).isEqualTo("User");
    JsonObject profile = api.get("/api/me/profile", token).bodyAsJsonObject();
    assertThat(profile.getString("firstName")).isEqualTo("Ada");
    assertThat(profile.getString("lastName")).isEqualTo("User");
    assertThat(patch(token, new JsonObject().put("lastName", "Lovelace")).bodyAsJsonObject().getString("firstName"))
        .isEqualTo("Ada");
  }

  @Test
  void anEmptyOrBlankNameIsRefusedWithItsPointer() {
    String token = token(Role.USER);

    assertInvalid(patch(token, new JsonObject().put("firstName", "")), "/firstName");
    assertInvalid(patch(token, new JsonObject().put("lastName", "   ")), "/lastName");
    assertThat(api.get("/api/me/profile", token).bodyAsJsonObject().getString("lastName")).isEqualTo("User");
  }

  @Test
  void anUnknownPropertyOrAnEmptyBodyIsRefused() {
    String token = token(Role.USER);

    assertInvalid(patch(token, new JsonObject().put("firstName", "Ada").put("login", "evil@test.example")), null);
    assertInvalid(patch(token, new JsonObject()), null);
    assertThat(api.get("/api/me/profile", token).bodyAsJsonObject().getString("firstName")).isEqualTo("Test");
  }

  @Test
  void aUserWithoutProfilePermissionsIsForbiddenBeforeTheBodyIsChecked() {
    String token = token(Role.DIALER_USER);

    HttpResponse<Buffer> view = api.get("/api/me/profile", token);
    HttpResponse<Buffer> edit = patch(token, new JsonObject());

    assertThat(view.statusCode()).isEqualTo(403);
    assertThat(view.bodyAsJsonObject().getJsonArray("missingPermissions")).containsExactly("PROFILE_VIEW");
    assertThat(edit.statusCode()).isEqualTo(403);
    assertThat(edit.bodyAsJsonObject().getJsonArray("missingPermissions")).containsExactly("PROFILE_EDIT");
  }

  @Test
  void aUsersPermissionsNameTheRolesGrantingThem() {
    UUID target = fixtures.user(account, Role.USER, Role.ANALYST);
    String viewer = token(Role.USER);

    HttpResponse<Buffer> answer = api.get("/api/users/" + target + "/permissions", viewer);

    assertThat(answer.statusCode()).isEqualTo(200);
    Map<String, List<Object>> grantedBy = answer.bodyAsJsonArray().stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(p -> p.getString("name"), p -> p.getJsonArray("grantedBy").getList()));
    assertThat(grantedBy).hasSize(Role.permissionsOf(Set.of(Role.USER, Role.ANALYST)).size());
    assertThat(grantedBy.get("CHANNELS_VIEW")).containsExactlyInAnyOrder("USER", "ANALYST");
    assertThat(grantedBy.get("USERS_VIEW")).containsExactly("USER");
    assertThat(grantedBy).doesNotContainKey("USERS_EDIT");
    assertThat(grantedBy.values()).allSatisfy(roles -> assertThat(roles).isNotEmpty());
  }

  @Test
  void anUnknownUserOrOneOfAnotherAccountIsNotFound() {
    String viewer = token(Role.USER);
    UUID stranger = fixtures.user(fixtures.account(), Role.USER);

    HttpResponse<Buffer> unknown = api.get("/api/users/" + UUID.randomUUID() + "/permissions", viewer);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("type")).endsWith("/not-found");
    assertThat(api.get("/api/users/" + stranger + "/permissions", viewer).statusCode()).isEqualTo(404);
  }

  private static String token(Role... roles) {
    return api.token(fixtures.login(fixtures.user(account, roles)), Fixtures.PASSWORD);
  }

  private static HttpResponse<Buffer> patch(String token, JsonObject body) {
    return api.call(HttpMethod.PATCH, "/api/me/profile", token, body);
  }

  /** 400 problem+json; with a pointer given, an error names it. */
  private static void assertInvalid(HttpResponse<Buffer> answer, String pointer) {
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(400);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(answer.bodyAsJsonObject().getString("type")).endsWith("/validation");
    if (pointer != null) {
      assertThat(answer.bodyAsJsonObject().getJsonArray("errors").stream()
          .map(error -> ((JsonObject) error).getString("pointer"))).contains(pointer);
    }
  }
}
