package dev.rolecall.audit;

import static dev.rolecall.db.schema.Tables.AUDIT_EVENT;

import dev.rolecall.db.Sql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import org.jooq.JSON;

/**
 * Appends events. A change's event goes into the change's own transaction ({@link #append}): no
 * change without its event. A refusal or failure goes in a transaction of its own
 * ({@link #appendAlone}), so that the rollback of what failed does not erase it.
 */
public final class AuditLog {
  private static final int MAX_USER_AGENT = 512;

  private final Pool pool;

  public AuditLog(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> append(SqlClient transaction, AuditEvent event) {
    return Sql.update(transaction, Sql.dsl().insertInto(AUDIT_EVENT)
        .set(AUDIT_EVENT.ACCOUNT_ID, event.accountId())
        .set(AUDIT_EVENT.ACTOR_ID, event.actorId())
        .set(AUDIT_EVENT.ACTOR_LOGIN, event.actorLogin())
        .set(AUDIT_EVENT.ACTION, event.action())
        .set(AUDIT_EVENT.TARGET_TYPE, event.targetType())
        .set(AUDIT_EVENT.TARGET_ID, event.targetId())
        .set(AUDIT_EVENT.TARGET_LABEL, truncate(event.targetLabel(), 400))
        .set(AUDIT_EVENT.CHANGES, event.changes() == null ? null : JSON.valueOf(event.changes().encode()))
        .set(AUDIT_EVENT.SOURCE_IP, event.sourceIp())
        .set(AUDIT_EVENT.USER_AGENT, truncate(event.userAgent(), MAX_USER_AGENT))
        .set(AUDIT_EVENT.CREDENTIAL, event.credential())
        .set(AUDIT_EVENT.OUTCOME, event.outcome())
        .set(AUDIT_EVENT.DETAIL, truncate(event.detail(), 500))).mapEmpty();
  }

  public Future<Void> appendAlone(AuditEvent event) {
    return append(pool, event);
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
