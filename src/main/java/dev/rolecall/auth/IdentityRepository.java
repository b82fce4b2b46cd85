package dev.rolecall.auth;

import static dev.rolecall.db.schema.Tables.ACCOUNT;
import static dev.rolecall.db.schema.Tables.APP_USER;
import static dev.rolecall.db.schema.Tables.REVOKED_TOKEN;
import static dev.rolecall.db.schema.Tables.USER_ROLE;

import dev.rolecall.db.Sql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** All SQL of authentication: finding a user by login, the caller's current state, revocation. */
public final class IdentityRepository {
  /** The user's role names, aggregated in the same query. */
  public static final Field<String[]> ROLES = DSL.array(
      DSL.select(USER_ROLE.ROLE).from(USER_ROLE).where(USER_ROLE.USER_ID.eq(APP_USER.ID))).as("roles");

  private final Pool pool;

  public IdentityRepository(Pool pool) {
    this.pool = pool;
  }

  public record LoginCandidate(UUID id, UUID accountId, String passwordHash, boolean active,
      boolean passwordTemporary, Set<Role> roles) {
  }

  /** What authorization needs on every request: read fresh, so a change applies to the very next one. */
  public record Principal(UUID id, UUID accountId, String login, boolean active, boolean passwordTemporary,
      Instant tokensValidAfter, Set<Role> roles, boolean tokenRevoked) {
  }

  public record Me(UUID id, String login, String firstName, String lastName, UUID accountId, String accountName,
      Set<Role> roles, boolean passwordTemporary) {
  }

  public Future<Optional<LoginCandidate>> findByLogin(String login) {
    return Sql.first(pool, Sql.dsl()
            .select(APP_USER.ID, APP_USER.ACCOUNT_ID, APP_USER.PASSWORD_HASH, APP_USER.ACTIVE,
                APP_USER.PASSWORD_TEMPORARY, ROLES)
            .from(APP_USER)
            .where(DSL.lower(APP_USER.LOGIN).eq(DSL.lower(DSL.val(login)))),
        row -> new LoginCandidate(row.getUUID("id"), row.getUUID("account_id"), row.getString("password_hash"),
            row.getBoolean("active"), row.getBoolean("password_temporary"), roles(row)));
  }

  public Future<Optional<Principal>> principal(UUID userId, UUID accountId, UUID tokenId) {
    return Sql.first(pool, Sql.dsl()
            .select(APP_USER.ID, APP_USER.ACCOUNT_ID, APP_USER.LOGIN, APP_USER.ACTIVE, APP_USER.PASSWORD_TEMPORARY,
                APP_USER.TOKENS_VALID_AFTER, ROLES,
                DSL.field(DSL.exists(DSL.selectOne().from(REVOKED_TOKEN).where(REVOKED_TOKEN.JTI.eq(tokenId))))
                    .as("revoked"))
            .from(APP_USER)
            .where(APP_USER.ID.eq(userId).and(APP_USER.ACCOUNT_ID.eq(accountId))),
        row -> new Principal(row.getUUID("id"), row.getUUID("account_id"), row.getString("login"),
            row.getBoolean("active"), row.getBoolean("password_temporary"),
            row.getOffsetDateTime("tokens_valid_after").toInstant(), roles(row), row.getBoolean("revoked")));
  }

  public Future<Optional<Me>> me(UUID userId, UUID accountId) {
    return Sql.first(pool, Sql.dsl()
            .select(APP_USER.ID, APP_USER.LOGIN, APP_USER.FIRST_NAME, APP_USER.LAST_NAME, APP_USER.PASSWORD_TEMPORARY,
                ACCOUNT.ID.as("account_id"), ACCOUNT.NAME.as("account_name"), ROLES)
            .from(APP_USER).join(ACCOUNT).on(ACCOUNT.ID.eq(APP_USER.ACCOUNT_ID))
            .where(APP_USER.ID.eq(userId).and(APP_USER.ACCOUNT_ID.eq(accountId))),
        row -> new Me(row.getUUID("id"), row.getString("login"), row.getString("first_name"),
            row.getString("last_name"), row.getUUID("account_id"), row.getString("account_name"), roles(row),
            row.getBoolean("password_temporary")));
  }

  public Future<Void> recordLogin(UUID userId) {
    return Sql.update(pool, Sql.dsl().update(APP_USER)
        .set(APP_USER.LAST_LOGIN_AT, DSL.currentOffsetDateTime())
        .where(APP_USER.ID.eq(userId))).mapEmpty();
  }

  /** Runs a change and its audit event in one transaction. */
  public <T> Future<T> inTransaction(java.util.function.Function<SqlConnection, Future<T>> change) {
    return pool.withTransaction(change::apply);
  }

  public Future<Void> revoke(SqlClient db, UUID tokenId, UUID userId, Instant expiresAt) {
    return Sql.update(db, Sql.dsl().insertInto(REVOKED_TOKEN)
        .set(REVOKED_TOKEN.JTI, tokenId)
        .set(REVOKED_TOKEN.USER_ID, userId)
        .set(REVOKED_TOKEN.EXPIRES_AT, utc(expiresAt))
        .onConflictDoNothing()).mapEmpty();
  }

  /** Every token issued up to {@code now} stops working: logout everywhere. */
  public Future<Void> revokeAll(SqlClient db, UUID userId, UUID accountId, Instant now) {
    return Sql.update(db, Sql.dsl().update(APP_USER)
        .set(APP_USER.TOKENS_VALID_AFTER, utc(now))
        .where(APP_USER.ID.eq(userId).and(APP_USER.ACCOUNT_ID.eq(accountId)))).mapEmpty();
  }

  public Future<Optional<String>> passwordHash(UUID userId, UUID accountId) {
    return Sql.first(pool, Sql.dsl().select(APP_USER.PASSWORD_HASH).from(APP_USER)
            .where(APP_USER.ID.eq(userId).and(APP_USER.ACCOUNT_ID.eq(accountId))),
        row -> row.getString("password_hash"));
  }

  /** A new own password: no longer temporary, and every token issued up to {@code now} is revoked. */
  public Future<Void> changePassword(SqlClient db, UUID userId, UUID accountId, String passwordHash, Instant now) {
    return Sql.update(db, Sql.dsl().update(APP_USER)
        .set(APP_USER.PASSWORD_HASH, passwordHash)
        .set(APP_USER.PASSWORD_TEMPORARY, false)
        .set(APP_USER.TOKENS_VALID_AFTER, utc(now))
        .set(APP_USER.UPDATED_AT, utc(now))
        .where(APP_USER.ID.eq(userId).and(APP_USER.ACCOUNT_ID.eq(accountId)))).mapEmpty();
  }

  /** Revoked tokens past their expiry need no keeping: they are refused for being expired. */
  public Future<Integer> purgeExpiredRevocations() {
    return Sql.update(pool, Sql.dsl().deleteFrom(REVOKED_TOKEN)
        .where(REVOKED_TOKEN.EXPIRES_AT.lt(DSL.currentOffsetDateTime())));
  }

  private static Set<Role> roles(Row row) {
    return Role.fromNames(row.getArrayOfStrings("roles"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
