package dev.rolecall.telephony;

import dev.rolecall.db.Keyset;
import static dev.rolecall.db.schema.Tables.SIP_TRUNK;

import dev.rolecall.db.Sql;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The SQL of SIP trunks; every statement is scoped by the account. */
final class SipTrunkRepository {
  private SipTrunkRepository() {
  }

  static Future<Keyset.Page<SipTrunk>> page(SqlClient db, UUID accountId, String cursor, int limit) {
    Condition where = SIP_TRUNK.ACCOUNT_ID.eq(accountId);
    if (cursor != null) {
      Keyset.Position after = Keyset.decode(cursor);
      where = where.and(DSL.row(SIP_TRUNK.NAME, SIP_TRUNK.ID).gt(after.name(), after.id()));
    }
    return Sql.list(db, Sql.dsl().select(SipTrunk.COLUMNS).from(SIP_TRUNK).where(where)
            .orderBy(SIP_TRUNK.NAME, SIP_TRUNK.ID).limit(limit + 1), SipTrunk::from)
        .map(rows -> {
          List<SipTrunk> items = rows.size() > limit ? rows.subList(0, limit) : rows;
          SipTrunk last = items.isEmpty() ? null : items.getLast();
          return new Keyset.Page<>(List.copyOf(items), rows.size() > limit ? Keyset.encode(last.name(), last.id()) : null);
        });
  }

  static Future<SipTrunk> require(SqlClient db, UUID accountId, UUID id) {
    return Sql.first(db, Sql.dsl().select(SipTrunk.COLUMNS).from(SIP_TRUNK)
            .where(SIP_TRUNK.ACCOUNT_ID.eq(accountId).and(SIP_TRUNK.ID.eq(id))), SipTrunk::from)
        .map(found -> found.orElseThrow(SipTrunkRepository::notFound));
  }

  static Future<SipTrunk> insert(SqlClient tx, UUID accountId, UUID id, Map<Field<?>, Object> values) {
    return Sql.first(tx, Sql.dsl().insertInto(SIP_TRUNK)
            .set(SIP_TRUNK.ID, id)
            .set(SIP_TRUNK.ACCOUNT_ID, accountId)
            .set(values)
            .returningResult(SipTrunk.COLUMNS), SipTrunk::from)
        .map(Optional::orElseThrow)
        .recover(SipTrunkRepository::nameTaken);
  }

  static Future<SipTrunk> update(SqlClient tx, UUID accountId, UUID id, Map<Field<?>, Object> values) {
    return Sql.first(tx, Sql.dsl().update(SIP_TRUNK)
            .set(values)
            .set(SIP_TRUNK.UPDATED_AT, DSL.currentOffsetDateTime())
            .where(SIP_TRUNK.ACCOUNT_ID.eq(accountId).and(SIP_TRUNK.ID.eq(id)))
            .returningResult(SipTrunk.COLUMNS), SipTrunk::from)
        .map(found -> found.orElseThrow(SipTrunkRepository::notFound))
        .recover(SipTrunkRepository::nameTaken);
  }

  static Future<Boolean> delete(SqlClient tx, UUID accountId, UUID id) {
    return Sql.update(tx, Sql.dsl().deleteFrom(SIP_TRUNK)
        .where(SIP_TRUNK.ACCOUNT_ID.eq(accountId).and(SIP_TRUNK.ID.eq(id)))).map(n -> n > 0);
  }

  static ProblemException notFound() {
    return new ProblemException(Problem.of(404, "not-found", "Not found", "No such trunkId."));
  }

  private static <T> Future<T> nameTaken(Throwable e) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(new ProblemException(Problem.of(409, "name-taken", "Name taken",
          "The account has a SIP trunk of that name already (names are compared ignoring case).")));
    }
    return Future.failedFuture(e);
  }
}
