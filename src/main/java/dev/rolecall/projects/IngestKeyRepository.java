package dev.rolecall.projects;

import static dev.rolecall.db.schema.Tables.INGEST_KEY;

import dev.rolecall.db.Sql;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.impl.DSL;

/** The SQL of ingest keys; every statement but the lookup by digest is scoped by account and project. */
final class IngestKeyRepository {
  /** What a presented secret stands for. */
  record Found(UUID id, UUID accountId, UUID projectId, boolean revoked) {
  }

  private IngestKeyRepository() {
  }

  static Future<List<IngestKey>> list(SqlClient db, UUID accountId, UUID projectId) {
    return Sql.list(db, Sql.dsl().select(IngestKey.COLUMNS).from(INGEST_KEY)
        .where(INGEST_KEY.ACCOUNT_ID.eq(accountId).and(INGEST_KEY.PROJECT_ID.eq(projectId))
            .and(INGEST_KEY.REVOKED_AT.isNull()))
        .orderBy(INGEST_KEY.CREATED_AT, INGEST_KEY.ID), IngestKey::from);
  }

  static Future<IngestKey> insert(SqlClient tx, UUID accountId, UUID projectId, String prefix, byte[] digest) {
    return Sql.first(tx, Sql.dsl().insertInto(INGEST_KEY)
            .set(INGEST_KEY.ACCOUNT_ID, accountId)
            .set(INGEST_KEY.PROJECT_ID, projectId)
            .set(INGEST_KEY.PREFIX, prefix)
            .set(INGEST_KEY.DIGEST, digest)
            .returningResult(IngestKey.COLUMNS), IngestKey::from)
        .map(Optional::orElseThrow);
  }

  /** Revokes a key that is not revoked yet; answers whether there was one. */
  static Future<Optional<IngestKey>> revoke(SqlClient tx, UUID accountId, UUID projectId, UUID id) {
    return Sql.first(tx, Sql.dsl().update(INGEST_KEY)
        .set(INGEST_KEY.REVOKED_AT, DSL.currentOffsetDateTime())
        .where(INGEST_KEY.ID.eq(id).and(INGEST_KEY.ACCOUNT_ID.eq(accountId))
            .and(INGEST_KEY.PROJECT_ID.eq(projectId)).and(INGEST_KEY.REVOKED_AT.isNull()))
        .returningResult(IngestKey.COLUMNS), IngestKey::from);
  }

  static Future<Optional<Found>> byDigest(SqlClient db, byte[] digest) {
    return Sql.first(db, Sql.dsl()
            .select(INGEST_KEY.ID, INGEST_KEY.ACCOUNT_ID, INGEST_KEY.PROJECT_ID, INGEST_KEY.REVOKED_AT)
            .from(INGEST_KEY).where(INGEST_KEY.DIGEST.eq(digest)),
        row -> new Found(row.getUUID("id"), row.getUUID("account_id"), row.getUUID("project_id"),
            row.getValue("revoked_at") != null));
  }

  /** Records the use, unless one was recorded within {@code every}: a bot's every batch need not write. */
  static Future<Void> touch(SqlClient db, UUID id, Duration every) {
    return Sql.update(db, Sql.dsl().update(INGEST_KEY)
        .set(INGEST_KEY.LAST_USED_AT, DSL.currentOffsetDateTime())
        .where(INGEST_KEY.ID.eq(id).and(INGEST_KEY.LAST_USED_AT.isNull()
            .or(INGEST_KEY.LAST_USED_AT.lt(OffsetDateTime.now(ZoneOffset.UTC).minus(every)))))).mapEmpty();
  }
}
