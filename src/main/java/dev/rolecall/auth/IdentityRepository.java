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

  public Future<Optional<LoginCandidate>> findByLogin(String login) {
    return Sql.first(pool, Sql.dsl()
            .select(APP_USER.ID, APP_USER.ACCOUNT_ID, APP_USER.PASSWORD_HASH, APP_USER.ACTIVE,
                APP_USER.PASSWORD_TEMPORARY, ROLES)
            .from(APP_USER)
            .where(LoginKey.of(APP_USER.LOGIN).eq(LoginKey.of(login))),
        row -> new LoginCandidate(row.getUUID("id"), row.getUUID("account_id"), row.getString("password_hash"),
            row.getBoolean("active"), row.getBoolean("password_temporary"), roles(row)));
  }

  /** The user as authorization sees them; their revoked login tokens are those not yet expired. */
  public Future<Optional<Identity>> identity(UUID userId) {
    Field<UUID[]> revoked = DSL.array(DSL.select(REVOKED_TOKEN.JTI).from(REVOKED_TOKEN)
        .where(REVOKED_TOKEN.USER_ID.eq(APP_USER.ID).and(REVOKED_TOKEN.EXPIRES_AT.gt(DSL.currentOffsetDateTime()))))
        .as("revoked");
    return Sql.first(pool, Sql.dsl()
            .select(APP_USER.ID, APP_USER.ACCOUNT_ID, ACCOUNT.NAME, APP_USER.LOGIN, APP_USER.FIRST_NAME,
                APP_USER.LAST_NAME, APP_USER.ACTIVE, APP_USER.PASSWORD_TEMPORARY, APP_USER.TOKENS_VALID_AFTER, ROLES,
                revoked)
            .from(APP_USER).join(ACCOUNT).on(ACCOUNT.ID.eq(APP_USER.ACCOUNT_ID))
            .where(APP_USER.ID.eq(userId)),
        row -> new Identity(row.getUUID("id"), row.getUUID("account_id"), row.getString("name"),
            row.getString("login"), row.getString("first_name"), row.getString("last_name"), row.getBoolean("active"),
            row.getBoolean("password_temporary"), row.getOffsetDateTime("tokens_valid_after").toInstant(), roles(row),
            Set.of(row.getArrayOfUUIDs("revoked"))));
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
