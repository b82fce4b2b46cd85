package dev.rolecall.audit;

import dev.rolecall.auth.Caller;
import dev.rolecall.csv.CsvStream;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * User actions as CSV, streamed from a database cursor at the pace the client reads (see
 * {@link CsvStream}), so that an export of any size holds one fetch in memory. The export is itself an
 * event, written once the stream ends.
 */
final class AuditExport {
  private static final int FETCH_SIZE = 500;
  private static final Object[] HEADER = {"id", "at", "actorId", "actorLogin", "actorCredential", "action", "targetType", "targetId",
      "targetLabel", "changes", "sourceIp", "userAgent", "outcome", "detail"};

  private final AuditRepository events;
  private final AuditLog audit;

  AuditExport(AuditRepository events, AuditLog audit) {
    this.events = events;
    this.audit = audit;
  }

  void handle(RoutingContext ctx, AuditRepository.Filter filter) {
    AuditEvent exported = AuditEvent.by(Caller.of(ctx), ctx, "audit.exported");
    String criteria = criteria(filter);
    events.open(filter, FETCH_SIZE)
        .onSuccess(cursor -> new CsvStream<>(ctx, cursor, AuditExport::cells, true,
                outcome -> record(exported, outcome, criteria))
            .start("attachment; filename=\"audit-events-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"", HEADER))
        .onFailure(ctx::fail);
  }

  private Future<?> record(AuditEvent exported, CsvStream.Outcome outcome, String criteria) {
    if (outcome.complete()) {
      return audit.appendAlone(exported.withOutcome(AuditEvent.OK, outcome.rows() + " rows" + criteria));
    }
    String why = outcome.failure() != null ? "reading the events failed" : outcome.stoppedBy();
    return audit.appendAlone(
        exported.withOutcome(AuditEvent.FAILED, why + " after " + outcome.rows() + " rows" + criteria));
  }

  private static Object[] cells(AuditEntry entry) {
    AuditEntry.Actor actor = entry.actor() == null ? new AuditEntry.Actor(null, null, null) : entry.actor();
    AuditEntry.Target target = entry.target() == null ? new AuditEntry.Target(null, null, null) : entry.target();
    return new Object[] {entry.id(), entry.at(), actor.id(), actor.login(), actor.credential(), entry.action(), target.type(),
        target.id(), target.label(), entry.changes() == null ? null : Json.encode(entry.changes()),
        entry.sourceIp(), entry.userAgent(), entry.outcome(), entry.detail()};
  }

  /** What the record of the export says was asked for, beyond the account. */
  private static String criteria(AuditRepository.Filter filter) {
    String given = filter.summary();
    return given.isEmpty() ? "" : ", filters " + given;
  }
}
