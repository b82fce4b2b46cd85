package dev.rolecall.users;

import static dev.rolecall.db.schema.Tables.APP_USER;

import dev.rolecall.auth.IdentityRepository;
import dev.rolecall.auth.Role;
import dev.rolecall.db.Sql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.impl.DSL;

/** The SQL of one's own profile and of a user's roles; every query is scoped by the account. */
public final class ProfileRepository {
  private final Pool pool;

  public ProfileRepository(Pool pool) {
    this.pool = pool;
  }

  public record Profile(String login, String firstName, String lastName) {
  }

  public Future<Optional<Profile>> profile(UUID userId, UUID accountId) {
    return profile(pool, userId, accountId, false);
  }

  public <T> Future<T> inTransaction(java.util.function.Function<io.vertx.sqlclient.SqlConnection, Future<T>> change) {
    return pool.withTransaction(change::apply);
  }

  public Future<Optional<Profile>> profile(io.vertx.sqlclient.SqlClient db, UUID userId, UUID accountId, boolean lock) {
    var query = Sql.dsl().select(APP_USER.LOGIN, APP_USER.FIRST_NAME, APP_USER.LAST_NAME)
        .from(APP_USER)
        .where(APP_USER.ID.eq(userId).and(APP_USER.ACCOUNT_ID.eq(accountId)));
    return Sql.first(db, lock ? query.forUpdate() : query,
        row -> new Profile(row.getString("login"), row.getString("first_name"), row.getString("last_name")));
  }

  /** Changes the names given (a null keeps the old one) and answers the profile as it now is. */
  public Future<Optional<Profile>> rename(io.vertx.sqlclient.SqlClient db, UUID userId, UUID accountId, String firstName,
      String lastName) {
    return Sql.first(db, Sql.dsl().update(APP_USER)
            .set(APP_USER.FIRST_NAME, DSL.coalesce(DSL.val(firstName, APP_USER.FIRST_NAME), APP_USER.FIRST_NAME))
            .set(APP_USER.LAST_NAME, DSL.coalesce(DSL.val(lastName, APP_USER.LAST_NAME), APP_USER.LAST_NAME))
            .set(APP_USER.UPDATED_AT, DSL.currentOffsetDateTime())
            .where(APP_USER.ID.eq(userId).and(APP_USER.ACCOUNT_ID.eq(accountId)))
            .returning(APP_USER.LOGIN, APP_USER.FIRST_NAME, APP_USER.LAST_NAME),
        row -> new Profile(row.getString("login"), row.getString("first_name"), row.getString("last_name")));
  }

  public Future<Optional<Set<Role>>> roles(UUID userId, UUID accountId) {
    return Sql.first(pool, Sql.dsl().select(IdentityRepository.ROLES).from(APP_USER)
            .where(APP_USER.ID.eq(userId).and(APP_USER.ACCOUNT_ID.eq(accountId))),
        row -> Role.fromNames(row.getArrayOfStrings("roles")));
  }
}
