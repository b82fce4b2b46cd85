package dev.rolecall.projects;

import static dev.rolecall.db.schema.Tables.PROJECT;

import dev.rolecall.db.Sql;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.impl.DSL;

/** The SQL of projects; every statement is scoped by the account. */
public final class ProjectRepository {
  private ProjectRepository() {
  }

  public static Future<List<Project>> list(SqlClient db, UUID accountId) {
    return Sql.list(db, Sql.dsl().select(Project.COLUMNS).from(PROJECT).where(PROJECT.ACCOUNT_ID.eq(accountId))
        .orderBy(DSL.lower(PROJECT.NAME), PROJECT.ID), Project::from);
  }

  public static Future<Optional<Project>> find(SqlClient db, UUID accountId, UUID id) {
    return Sql.first(db, Sql.dsl().select(Project.COLUMNS).from(PROJECT)
        .where(PROJECT.ID.eq(id).and(PROJECT.ACCOUNT_ID.eq(accountId))), Project::from);
  }

  /** The project of the account, or a 404 that says nothing of other accounts' projects. */
  public static Future<Project> require(SqlClient db, UUID accountId, UUID id) {
    return find(db, accountId, id).map(found -> found.orElseThrow(ProjectRepository::notFound));
  }

  static Future<Project> insert(SqlClient tx, UUID accountId, String name, String description) {
    return Sql.first(tx, Sql.dsl().insertInto(PROJECT)
            .set(PROJECT.ACCOUNT_ID, accountId)
            .set(PROJECT.NAME, name)
            .set(PROJECT.DESCRIPTION, description)
            .returningResult(Project.COLUMNS), Project::from)
        .map(Optional::orElseThrow)
        .recover(ProjectRepository::nameTaken);
  }

  /** A null leaves the field as it is. */
  static Future<Optional<Project>> update(SqlClient tx, UUID accountId, UUID id, String name, String description) {
    return Sql.first(tx, Sql.dsl().update(PROJECT)
            .set(PROJECT.NAME, DSL.coalesce(DSL.val(name, PROJECT.NAME), PROJECT.NAME))
            .set(PROJECT.DESCRIPTION, DSL.coalesce(DSL.val(description, PROJECT.DESCRIPTION), PROJECT.DESCRIPTION))
            .where(PROJECT.ID.eq(id).and(PROJECT.ACCOUNT_ID.eq(accountId)))
            .returningResult(Project.COLUMNS), Project::from)
        .recover(ProjectRepository::nameTaken);
  }

  static ProblemException notFound() {
    return new ProblemException(Problem.of(404, "not-found", "Not found", "No such projectId."));
  }

  private static <T> Future<T> nameTaken(Throwable e) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(new ProblemException(Problem.of(409, "name-taken", "Name taken",
          "The account has a project of that name already (names are compared ignoring case).")));
    }
    return Future.failedFuture(e);
  }
}
