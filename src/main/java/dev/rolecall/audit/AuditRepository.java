package dev.rolecall.audit;

import static dev.rolecall.db.schema.Tables.AUDIT_EVENT;

import dev.rolecall.db.Cursor;
import dev.rolecall.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.SelectLimitStep;
import org.jooq.impl.DSL;

/**
 * All SQL that reads user actions. Every query is scoped to one account and runs newest first on
 * (at, id), the order of the account's index, so that a deep page costs what the first does.
 */
public final class AuditRepository {
  private final Pool pool;

  public AuditRepository(Pool pool) {
    this.pool = pool;
  }

  /** Which events: always one account's; every other criterion is optional (null). */
  public record Filter(UUID accountId, UUID actor, String action, String targetType, String targetId,
      Instant from, Instant to) {

    /** The criteria given, for the record of an export. */
    public String summary() {
      Map<String, Object> given = new LinkedHashMap<>();
      given.put("actor", actor);
      given.put("action", action);
      given.put("targetType", targetType);
      given.put("targetId", targetId);
      given.put("from", from);
      given.put("to", to);
      given.values().removeIf(java.util.Objects::isNull);
      return given.isEmpty() ? "" : given.toString();
    }
  }

  /** Where a page ended: the next page starts strictly after it, in (at, id) descending order. */
  public record Position(Instant at, UUID id) {
  }

  public record Page(List<AuditEntry> items, Position next) {
  }

  public Future<Page> page(Filter filter, Position after, int limit) {
    Condition seek = after == null ? DSL.noCondition()
        : DSL.row(AUDIT_EVENT.AT, AUDIT_EVENT.ID).lt(utc(after.at()), after.id());
    // One row more than asked tells whether another page exists, without counting.
    var query = select(filter, seek).limit(DSL.inline(limit + 1));
    return Sql.list(pool, query, AuditRepository::entry).map(rows -> rows.size() <= limit
        ? new Page(rows, null)
        : new Page(rows.subList(0, limit), position(rows.get(limit - 1))));
  }

  /** Every matching event, streamed from a cursor that fetches {@code fetchSize} rows at a time. */
  public Future<Cursor<AuditEntry>> open(Filter filter, int fetchSize) {
    var query = select(filter, DSL.noCondition());
    return Cursor.open(pool, query.getSQL(), Tuple.from(query.getBindValues()), fetchSize, AuditRepository::entry);
  }

  private static SelectLimitStep<?> select(Filter filter, Condition seek) {
    return Sql.dsl()
        .select(AUDIT_EVENT.ID, AUDIT_EVENT.AT, AUDIT_EVENT.ACTOR_ID, AUDIT_EVENT.ACTOR_LOGIN, AUDIT_EVENT.CREDENTIAL,
            AUDIT_EVENT.ACTION, AUDIT_EVENT.TARGET_TYPE, AUDIT_EVENT.TARGET_ID, AUDIT_EVENT.TARGET_LABEL, AUDIT_EVENT.CHANGES,
            AUDIT_EVENT.SOURCE_IP, AUDIT_EVENT.USER_AGENT, AUDIT_EVENT.OUTCOME, AUDIT_EVENT.DETAIL)
        .from(AUDIT_EVENT)
        .where(conditions(filter)).and(seek)
        .orderBy(AUDIT_EVENT.AT.desc(), AUDIT_EVENT.ID.desc());
  }

  private static List<Condition> conditions(Filter filter) {
    List<Condition> all = new ArrayList<>();
    all.add(AUDIT_EVENT.ACCOUNT_ID.eq(filter.accountId()));
    if (filter.actor() != null) {
      all.add(AUDIT_EVENT.ACTOR_ID.eq(filter.actor()));
    }
    if (filter.action() != null) {
      all.add(AUDIT_EVENT.ACTION.eq(filter.action()));
    }
    if (filter.targetType() != null) {
      all.add(AUDIT_EVENT.TARGET_TYPE.eq(filter.targetType()));
    }
    if (filter.targetId() != null) {
      all.add(AUDIT_EVENT.TARGET_ID.eq(filter.targetId()));
    }
    if (filter.from() != null) {
      all.add(AUDIT_EVENT.AT.ge(utc(filter.from())));
    }
    if (filter.to() != null) {
      all.add(AUDIT_EVENT.AT.lt(utc(filter.to())));
    }
    return all;
  }

  static AuditEntry entry(Row row) {
    UUID actorId = row.getUUID("actor_id");
    String actorLogin = row.getString("actor_login");
    String targetType = row.getString("target_type");
    String targetId = row.getString("target_id");
    String targetLabel = row.getString("target_label");
    return new AuditEntry(row.getUUID("id"), row.getOffsetDateTime("at").toInstant(),
        actorId == null && actorLogin == null ? null : new AuditEntry.Actor(actorId, actorLogin, row.getString("credential")),
        row.getString("action"),
        targetType == null && targetId == null && targetLabel == null ? null
            : new AuditEntry.Target(targetType, targetId, targetLabel),
        changes(row.getJsonObject("changes")),
        row.getString("source_ip"), row.getString("user_agent"), row.getString("outcome"),
        row.getString("detail"));
  }

  private static Map<String, AuditEntry.Change> changes(JsonObject stored) {
    if (stored == null) {
      return null;
    }
    Map<String, AuditEntry.Change> changes = new LinkedHashMap<>();
    stored.forEach(field -> {
      JsonObject change = field.getValue() instanceof JsonObject value ? value : new JsonObject();
      changes.put(field.getKey(), new AuditEntry.Change(change.getValue("before"), change.getValue("after")));
    });
    return changes;
  }

  private static Position position(AuditEntry entry) {
    return new Position(entry.at(), entry.id());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
