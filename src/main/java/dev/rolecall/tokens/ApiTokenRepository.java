package dev.rolecall.tokens;

import static dev.rolecall.db.schema.Tables.API_TOKEN;

import dev.rolecall.db.Sql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.impl.DSL;

/** All SQL of API tokens; every statement is scoped by the account (and the owner, where one is named). */
final class ApiTokenRepository {
  private ApiTokenRepository() {
  }

  /** A token as its owner and admins see it: never the secret or its digest. */
  record ApiToken(UUID id, String name, String prefix, List<String> permissions, OffsetDateTime createdAt,
      OffsetDateTime expiresAt, OffsetDateTime lastUsedAt) {
  }

  record Valid(UUID id, UUID userId, UUID accountId, String[] permissions, Instant expiresAt) {
  }

  static Future<Optional<Valid>> findValid(SqlClient db, byte[] digest) {
    return Sql.first(db, Sql.dsl()
            .select(API_TOKEN.ID, API_TOKEN.USER_ID, API_TOKEN.ACCOUNT_ID, API_TOKEN.PERMISSIONS, API_TOKEN.EXPIRES_AT)
            .from(API_TOKEN)
            .where(API_TOKEN.DIGEST.eq(digest).and(API_TOKEN.REVOKED_AT.isNull())
                .and(API_TOKEN.EXPIRES_AT.gt(DSL.currentOffsetDateTime()))),
        row -> new Valid(row.getUUID("id"), row.getUUID("user_id"), row.getUUID("account_id"),
            row.getArrayOfStrings("permissions"), row.getOffsetDateTime("expires_at").toInstant()));
  }

  /** Last use, kept to the minute: a script's every request need not write. */
  static Future<Void> touch(SqlClient db, UUID id) {
    return Sql.update(db, Sql.dsl().update(API_TOKEN)
        .set(API_TOKEN.LAST_USED_AT, DSL.currentOffsetDateTime())
        .where(API_TOKEN.ID.eq(id).and(API_TOKEN.LAST_USED_AT.isNull()
            .or(API_TOKEN.LAST_USED_AT.lt(DSL.currentOffsetDateTime().minus(DSL.field("interval '1 minute'", Object.class)))))))
        .mapEmpty();
  }

  static Future<ApiToken> insert(SqlClient db, UUID accountId, UUID userId, String name, String prefix, byte[] digest,
      String[] permissions, Instant expiresAt) {
    return Sql.first(db, Sql.dsl().insertInto(API_TOKEN)
                .set(API_TOKEN.ACCOUNT_ID, accountId)
                .set(API_TOKEN.USER_ID, userId)
                .set(API_TOKEN.NAME, name)
                .set(API_TOKEN.PREFIX, prefix)
                .set(API_TOKEN.DIGEST, digest)
                .set(API_TOKEN.PERMISSIONS, permissions)
                .set(API_TOKEN.EXPIRES_AT, expiresAt.atOffset(ZoneOffset.UTC))
                .returning(API_TOKEN.fields()),
            ApiTokenRepository::token)
        .map(Optional::orElseThrow);
  }

  /** The owner's tokens that still work or could be told apart: revoked ones are left out. */
  static Future<List<ApiToken>> list(SqlClient db, UUID accountId, UUID userId) {
    return Sql.list(db, Sql.dsl().select(API_TOKEN.fields()).from(API_TOKEN)
        .where(API_TOKEN.ACCOUNT_ID.eq(accountId).and(API_TOKEN.USER_ID.eq(userId)).and(API_TOKEN.REVOKED_AT.isNull()))
        .orderBy(API_TOKEN.CREATED_AT.desc()), ApiTokenRepository::token);
  }

  static Future<Optional<ApiToken>> revoke(SqlClient db, UUID accountId, UUID userId, UUID id) {
    return Sql.first(db, Sql.dsl().update(API_TOKEN)
        .set(API_TOKEN.REVOKED_AT, DSL.currentOffsetDateTime())
        .where(API_TOKEN.ID.eq(id).and(API_TOKEN.ACCOUNT_ID.eq(accountId)).and(API_TOKEN.USER_ID.eq(userId))
            .and(API_TOKEN.REVOKED_AT.isNull()))
        .returning(API_TOKEN.fields()), ApiTokenRepository::token);
  }

  static Future<Integer> revokeAll(SqlClient db, UUID accountId, UUID userId) {
    return Sql.update(db, Sql.dsl().update(API_TOKEN)
        .set(API_TOKEN.REVOKED_AT, DSL.currentOffsetDateTime())
        .where(API_TOKEN.ACCOUNT_ID.eq(accountId).and(API_TOKEN.USER_ID.eq(userId)).and(API_TOKEN.REVOKED_AT.isNull())));
  }

  private static ApiToken token(Row row) {
    String[] permissions = row.getArrayOfStrings("permissions");
    return new ApiToken(row.getUUID("id"), row.getString("name"), row.getString("prefix"),
        permissions == null ? null : Arrays.asList(permissions), row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("expires_at"), row.getOffsetDateTime("last_used_at"));
  }
}
