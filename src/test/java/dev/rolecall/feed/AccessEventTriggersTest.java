package dev.rolecall.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox is filled by the database itself: through the API and through plain SQL alike. */
class AccessEventTriggersTest extends ServiceTest {
  private UUID account;

  record Seen(String kind, UUID userId, UUID apiTokenId) {
  }

  @BeforeEach
  void newAccount() {
    account = fixtures.account();
  }

  @Test
  void deactivationInSqlIsOneEventPlusOnePerRevokedApiToken() {
    UUID user = fixtures.user(account, Role.USER);
    UUID token = fixtures.apiToken(user);
    long before = lastId();

    sql("UPDATE app_user SET active = false WHERE id = $1", user);

    assertThat(since(before)).containsExactly(new Seen("user.deactivated", user, null),
        new Seen("api_token.revoked", user, token));
  }

  @Test
  void reactivationAndTheLastLoginSayNothing() {
    UUID user = fixtures.user(account, Role.USER);
    fixtures.setActive(user, false);
    long before = lastId();

    sql("UPDATE app_user SET active = true WHERE id = $1", user);
    sql("UPDATE app_user SET last_login_at = now(), first_name = 'Renamed' WHERE id = $1", user);

    assertThat(since(before)).isEmpty();
  }

  @Test
  void deletionIsOneEventThatCoversItsRolesAndTokens() {
    UUID user = fixtures.user(account, Role.USER, Role.ADMIN);
    fixtures.apiToken(user);
    long before = lastId();

    sql("DELETE FROM app_user WHERE id = $1", user);

    assertThat(since(before)).containsExactly(new Seen("user.deleted", user, null));
  }

  @Test
  void rolesChangedIsOnePerUserPerStatement() {
    UUID first = fixtures.user(account);
    UUID second = fixtures.user(account);
    long before = lastId();

    service.pool().preparedQuery("""
            INSERT INTO user_role (account_id, user_id, role)
            SELECT account_id, id, unnest(ARRAY['USER', 'ADMIN', 'ANALYST']) FROM app_user WHERE id = ANY($1)""")
        .execute(Tuple.of(new UUID[] {first, second})).await();
    sql("DELETE FROM user_role WHERE user_id = $1 AND role IN ('USER', 'ADMIN')", first);
    sql("UPDATE user_role SET role = 'OPERATOR' WHERE user_id = $1 AND role = 'ANALYST'", second);

    List<Seen> seen = since(before);
    assertThat(seen.subList(0, 2)).containsExactlyInAnyOrder(new Seen("user.roles_changed", first, null),
        new Seen("user.roles_changed", second, null));
    assertThat(seen.subList(2, seen.size())).containsExactly(new Seen("user.roles_changed", first, null),
        new Seen("user.roles_changed", second, null));
  }

  @Test
  void movingTokensValidAfterForwardInSqlRevokesTokens() {
    UUID user = fixtures.user(account, Role.USER);
    long before = lastId();

    sql("UPDATE app_user SET tokens_valid_after = clock_timestamp() WHERE id = $1", user);
    sql("UPDATE app_user SET tokens_valid_after = tokens_valid_after - interval '1 hour' WHERE id = $1", user);

    assertThat(since(before)).containsExactly(new Seen("user.tokens_revoked", user, null));
  }

  @Test
  void logoutEverywhereOwnPasswordChangeAndAdminResetRevokeTokens() {
    UUID admin = fixtures.user(account, Role.ADMIN);
    UUID user = fixtures.user(account, Role.USER);
    String adminToken = api.token(fixtures.login(admin), Fixtures.PASSWORD);
    long before = lastId();

    String userToken = api.token(fixtures.login(user), Fixtures.PASSWORD);
    assertThat(api.call(HttpMethod.POST, "/api/auth/logout-all", userToken, new JsonObject()).statusCode())
        .isEqualTo(204);
    userToken = api.token(fixtures.login(user), Fixtures.PASSWORD);
    String newPassword = "another horse battery staple";
    assertThat(api.call(HttpMethod.POST, "/api/me/password", userToken, new JsonObject()
        .put("currentPassword", Fixtures.PASSWORD).put("newPassword", newPassword)).statusCode()).isEqualTo(200);
    assertThat(api.call(HttpMethod.PUT, "/api/users/" + user + "/password", adminToken, new JsonObject()
        .put("password", newPassword + "!").put("passwordConfirmation", newPassword + "!")).statusCode())
        .isEqualTo(204);

    assertThat(since(before)).containsExactly(new Seen("user.tokens_revoked", user, null),
        new Seen("user.tokens_revoked", user, null), new Seen("user.tokens_revoked", user, null));
  }

  @Test
  void anApiTokenRevokedOrDeletedAliveIsOneEventEach() {
    UUID user = fixtures.user(account, Role.USER);
    UUID revoked = fixtures.apiToken(user);
    UUID deleted = fixtures.apiToken(user);
    long before = lastId();

    sql("UPDATE api_token SET revoked_at = now() WHERE id = $1", revoked);
    sql("UPDATE api_token SET revoked_at = now() WHERE id = $1", revoked);
    sql("DELETE FROM api_token WHERE id = $1", revoked);
    sql("DELETE FROM api_token WHERE id = $1", deleted);

    assertThat(since(before)).containsExactly(new Seen("api_token.revoked", user, revoked),
        new Seen("api_token.revoked", user, deleted));
  }

  private static void sql(String statement, UUID id) {
    service.pool().preparedQuery(statement).execute(Tuple.of(id)).await();
  }

  private static long lastId() {
    return service.pool().query("SELECT last_id FROM access_event_sequencer").execute().await()
        .iterator().next().getLong(0);
  }

  private List<Seen> since(long id) {
    List<Seen> seen = new ArrayList<>();
    service.pool().preparedQuery("""
            SELECT kind, user_id, api_token_id FROM access_event WHERE account_id = $1 AND id > $2 ORDER BY id""")
        .execute(Tuple.of(account, id)).await()
        .forEach(row -> seen.add(new Seen(row.getString(0), row.getUUID(1), row.getUUID(2))));
    return seen;
  }
}
