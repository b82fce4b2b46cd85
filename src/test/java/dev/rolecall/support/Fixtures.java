package dev.rolecall.support;

import dev.rolecall.services.ServiceClients;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.rolecall.auth.Role;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

/**
 * Accounts and users written straight into the test database, for tests of what builds on them.
 * Every fixture user has {@link #PASSWORD}, hashed once, so fixtures cost no hashing.
 */
public final class Fixtures {
  public static final String PASSWORD = "correct horse battery staple";
  private static final String HASH = Password.hash(PASSWORD).addRandomSalt(16)
      .with(Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID)).getResult();

  private final Pool pool;

  public Fixtures(Pool pool) {
    this.pool = pool;
  }

  public UUID account() {
    return pool.preparedQuery("INSERT INTO account (name) VALUES ($1) RETURNING id")
        .execute(Tuple.of("Account " + UUID.randomUUID())).await().iterator().next().getUUID(0);
  }

  public UUID user(UUID accountId, Role... roles) {
    return user(accountId, uniqueLogin(), true, false, roles);
  }

  public UUID user(UUID accountId, String login, boolean active, boolean temporary, Role... roles) {
    UUID id = pool.preparedQuery("""
            INSERT INTO app_user (account_id, login, first_name, last_name, password_hash, active, password_temporary)
            VALUES ($1, $2, 'Test', 'User', $3, $4, $5) RETURNING id""")
        .execute(Tuple.of(accountId, login, HASH, active, temporary)).await().iterator().next().getUUID(0);
    setRoles(id, roles);
    return id;
  }

  /** An API token of the user, valid for a day; its secret is not kept. */
  public UUID apiToken(UUID userId) {
    return pool.preparedQuery("""
            INSERT INTO api_token (account_id, user_id, name, prefix, digest, expires_at)
            SELECT account_id, id, 'fixture', 'rcp_fixture', gen_random_uuid()::text::bytea, now() + interval '1 day'
            FROM app_user WHERE id = $1 RETURNING id""")
        .execute(Tuple.of(userId)).await().iterator().next().getUUID(0);
  }

  public UUID accountOf(UUID userId) {
    return pool.preparedQuery("SELECT account_id FROM app_user WHERE id = $1")
        .execute(Tuple.of(userId)).await().iterator().next().getUUID(0);
  }

  public String login(UUID userId) {
    return pool.preparedQuery("SELECT login FROM app_user WHERE id = $1")
        .execute(Tuple.of(userId)).await().iterator().next().getString(0);
  }

  public void setActive(UUID userId, boolean active) {
    pool.preparedQuery("UPDATE app_user SET active = $2 WHERE id = $1").execute(Tuple.of(userId, active)).await();
  }

  public void setRoles(UUID userId, Role... roles) {
    String[] names = Arrays.stream(roles).map(Enum::name).toArray(String[]::new);
    pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM user_role WHERE user_id = $1").execute(Tuple.of(userId))
        .compose(deleted -> conn.preparedQuery("""
                INSERT INTO user_role (account_id, user_id, role)
                SELECT account_id, id, unnest($2::varchar[]) FROM app_user WHERE id = $1""")
            .execute(Tuple.tuple().addUUID(userId).addArrayOfString(names)))).await();
  }

  /** A service client serving the given accounts, or every account when none is given; its id and secret. */
  public ServiceClients.Created serviceClient(UUID... accounts) {
    return new ServiceClients(pool).create("test-" + UUID.randomUUID(), accounts.length == 0, Set.of(accounts)).await();
  }

  /** The {@code Authorization} header of a service client. */
  public static String basic(ServiceClients.Created client) {
    return "Basic " + java.util.Base64.getEncoder().encodeToString(
        (client.clientId() + ":" + client.secret()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static String uniqueLogin() {
    return "user-" + UUID.randomUUID() + "@test.example";
  }
}
