package dev.rolecall.secrets;

import dev.rolecall.db.Keyset;
import static dev.rolecall.db.schema.Tables.PROJECT_SECRET;

import dev.rolecall.db.Sql;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** The SQL of project secrets; every statement is scoped by the account and the project. */
final class ProjectSecretRepository {
  private ProjectSecretRepository() {
  }

  private static Condition of(UUID accountId, UUID projectId) {
    return PROJECT_SECRET.ACCOUNT_ID.eq(accountId).and(PROJECT_SECRET.PROJECT_ID.eq(projectId));
  }

  static Future<Keyset.Page<ProjectSecret>> page(SqlClient db, UUID accountId, UUID projectId, String cursor,
      int limit) {
    Condition where = of(accountId, projectId);
    if (cursor != null) {
      Keyset.Position after = Keyset.decode(cursor);
      where = where.and(DSL.row(PROJECT_SECRET.NAME, PROJECT_SECRET.ID).gt(after.name(), after.id()));
    }
    return Sql.list(db, Sql.dsl().select(ProjectSecret.COLUMNS).from(PROJECT_SECRET).where(where)
            .orderBy(PROJECT_SECRET.NAME, PROJECT_SECRET.ID).limit(limit + 1), ProjectSecret::from)
        .map(rows -> {
          List<ProjectSecret> items = rows.size() > limit ? rows.subList(0, limit) : rows;
          ProjectSecret last = items.isEmpty() ? null : items.getLast();
          return new Keyset.Page<>(List.copyOf(items),
              rows.size() > limit ? Keyset.encode(last.name(), last.id()) : null);
        });
  }

  static Future<ProjectSecret> require(SqlClient db, UUID accountId, UUID projectId, UUID id) {
    return Sql.first(db, Sql.dsl().select(ProjectSecret.COLUMNS).from(PROJECT_SECRET)
            .where(of(accountId, projectId).and(PROJECT_SECRET.ID.eq(id))), ProjectSecret::from)
        .map(found -> found.orElseThrow(ProjectSecretRepository::notFound));
  }

  static Future<byte[]> sealedValue(SqlClient db, UUID accountId, UUID projectId, UUID id) {
    return Sql.first(db, Sql.dsl().select(PROJECT_SECRET.VALUE_CIPHERTEXT).from(PROJECT_SECRET)
            .where(of(accountId, projectId).and(PROJECT_SECRET.ID.eq(id))), row -> row.getBuffer(0).getBytes())
        .map(found -> found.orElseThrow(ProjectSecretRepository::notFound));
  }

  static Future<ProjectSecret> insert(SqlClient tx, UUID accountId, UUID projectId, UUID id, String name,
      byte[] sealed, String by) {
    return Sql.first(tx, Sql.dsl().insertInto(PROJECT_SECRET)
            .set(PROJECT_SECRET.ID, id)
            .set(PROJECT_SECRET.ACCOUNT_ID, accountId)
            .set(PROJECT_SECRET.PROJECT_ID, projectId)
            .set(PROJECT_SECRET.NAME, name)
            .set(PROJECT_SECRET.VALUE_CIPHERTEXT, sealed)
            .set(PROJECT_SECRET.CREATED_BY, by)
            .set(PROJECT_SECRET.UPDATED_BY, by)
            .returningResult(ProjectSecret.COLUMNS), ProjectSecret::from)
        .map(Optional::orElseThrow)
        .recover(ProjectSecretRepository::nameTaken);
  }

  static Future<ProjectSecret> replace(SqlClient tx, UUID accountId, UUID projectId, UUID id, byte[] sealed,
      String by) {
    return Sql.first(tx, Sql.dsl().update(PROJECT_SECRET)
            .set(PROJECT_SECRET.VALUE_CIPHERTEXT, sealed)
            .set(PROJECT_SECRET.UPDATED_BY, by)
            .set(PROJECT_SECRET.UPDATED_AT, DSL.currentOffsetDateTime())
            .where(of(accountId, projectId).and(PROJECT_SECRET.ID.eq(id)))
            .returningResult(ProjectSecret.COLUMNS), ProjectSecret::from)
        .map(found -> found.orElseThrow(ProjectSecretRepository::notFound));
  }

  static Future<Boolean> delete(SqlClient tx, UUID accountId, UUID projectId, UUID id) {
    return Sql.update(tx, Sql.dsl().deleteFrom(PROJECT_SECRET)
        .where(of(accountId, projectId).and(PROJECT_SECRET.ID.eq(id)))).map(n -> n > 0);
  }

  static ProblemException notFound() {
    return new ProblemException(Problem.of(404, "not-found", "Not found", "No such secretId."));
  }

  private static <T> Future<T> nameTaken(Throwable e) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(new ProblemException(Problem.of(409, "name-taken", "Name taken",
          "The project has a secret of that name already (names are compared ignoring case).")));
    }
    return Future.failedFuture(e);
  }
}
