package dev.rolecall.audit;

import dev.rolecall.auth.Caller;
import dev.rolecall.csv.CsvCells;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User actions as CSV, streamed from a database cursor at the pace the client reads, so that an export
 * of any size holds one fetch in memory. The export is itself an event, written once the stream ends.
 */
final class AuditExport {
  private static final Logger LOG = LoggerFactory.getLogger(AuditExport.class);
  private static final int FETCH_SIZE = 500;
  private static final int FLUSH_CHARS = 32 * 1024;
  private static final Object[] HEADER = {"id", "at", "actorId", "actorLogin", "action", "targetType", "targetId",
      "targetLabel", "changes", "sourceIp", "userAgent", "outcome", "detail"};

  private final AuditRepository events;
  private final AuditLog audit;

  AuditExport(AuditRepository events, AuditLog audit) {
    this.events = events;
    this.audit = audit;
  }

  void handle(RoutingContext ctx, AuditRepository.Filter filter) {
    AuditEvent exported = AuditEvent.by(Caller.of(ctx), ctx, "audit.exported");
    events.open(filter, FETCH_SIZE)
        .onSuccess(cursor -> new Download(ctx, cursor, exported, criteria(filter)).start())
        .onFailure(ctx::fail);
  }

  private static Object[] cells(AuditEntry entry) {
    AuditEntry.Actor actor = entry.actor() == null ? new AuditEntry.Actor(null, null) : entry.actor();
    AuditEntry.Target target = entry.target() == null ? new AuditEntry.Target(null, null, null) : entry.target();
    return new Object[] {entry.id(), entry.at(), actor.id(), actor.login(), entry.action(), target.type(),
        target.id(), target.label(), entry.changes() == null ? null : Json.encode(entry.changes()),
        entry.sourceIp(), entry.userAgent(), entry.outcome(), entry.detail()};
  }

  /** What the record of the export says was asked for, beyond the account. */
  private static String criteria(AuditRepository.Filter filter) {
    String given = filter.summary();
    return given.isEmpty() ? "" : ", filters " + given;
  }

  /** One download's state; every callback runs on the request's event loop. */
  private final class Download {
    private final RoutingContext ctx;
    private final HttpServerResponse response;
    private final AuditCursor cursor;
    private final AuditEvent exported;
    private final String criteria;
    private final StringBuilder pending = new StringBuilder();
    private long rows;
    private boolean finished;

    Download(RoutingContext ctx, AuditCursor cursor, AuditEvent exported, String criteria) {
      this.ctx = ctx;
      this.response = ctx.response();
      this.cursor = cursor;
      this.exported = exported;
      this.criteria = criteria;
    }

    void start() {
      response.setChunked(true)
          .putHeader("Content-Type", "text/csv; charset=utf-8")
          .putHeader("Content-Disposition",
              "attachment; filename=\"audit-events-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"")
          .putHeader("Cache-Control", "no-store");
      append(HEADER);
      // The client left: stop the query rather than read rows nobody will receive.
      response.closeHandler(closed -> abort("the client disconnected", null));
      cursor.exceptionHandler(e -> abort("reading the events failed", e));
      cursor.endHandler(end -> complete());
      cursor.handler(this::row);
    }

    private void row(AuditEntry entry) {
      if (finished) {
        return; // rows of the last fetch, arriving after the download was given up
      }
      rows++;
      append(cells(entry));
      if (pending.length() >= FLUSH_CHARS) {
        response.write(take());
        if (response.writeQueueFull()) {
          cursor.pause();
          response.drainHandler(drained -> cursor.resume());
        }
      }
    }

    private void append(Object[] cells) {
      try {
        CsvCells.FORMAT.printRecord(pending, Arrays.stream(cells).map(CsvCells::safe).toArray());
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a StringBuilder does not throw
      }
    }

    /**
     * The event is written before the response ends: should it fail, the download fails too, rather
     * than an export leaving no trace.
     */
    private void complete() {
      if (finished) {
        return;
      }
      finished = true;
      response.write(take());
      cursor.close()
          .transform(closed -> audit.appendAlone(exported.withOutcome(AuditEvent.OK, rows + " rows" + criteria)))
          .onSuccess(written -> response.end())
          .onFailure(ctx::fail);
    }

    private void abort(String why, Throwable failure) {
      if (finished) {
        return;
      }
      finished = true;
      cursor.close();
      audit.appendAlone(exported.withOutcome(AuditEvent.FAILED, why + " after " + rows + " rows" + criteria))
          .onFailure(e -> LOG.warn("an interrupted audit export left no event: {}", e.toString()));
      if (failure != null) {
        // Before any CSV went out this answers a problem (not a file); after, it resets the answer, so
        // that the client sees a failed download rather than a short one.
        response.headers().remove("Content-Disposition");
        ctx.fail(failure);
      }
    }

    private String take() {
      String chunk = pending.toString();
      pending.setLength(0);
      return chunk;
    }
  }
}
