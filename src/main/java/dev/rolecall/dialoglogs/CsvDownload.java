package dev.rolecall.dialoglogs;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.csv.CsvCells;
import dev.rolecall.projects.Project;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One export's stream: rows leave the cursor only as fast as the client takes them (the cursor pauses
 * while the response's write queue is full), so memory holds about one fetch whatever the size; a
 * client that leaves stops the query and frees the connection. Every callback runs on the request's
 * event loop. The export is an audit event, written when the stream ends or is given up.
 */
final class CsvDownload {
  private static final Logger LOG = LoggerFactory.getLogger(CsvDownload.class);
  private static final int FLUSH_CHARS = 64 * 1024;
  private static final Object[] HEADER = {"dialog_id", "at", "project", "channel", "client_id", "request", "answer",
      "state", "labels"};

  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private final LogCursor cursor;
  private final Project project;
  private final Obfuscation obfuscation;
  private final Function<Object, String> cell;
  private final DialogLogExport.Range range;
  private final AuditLog audit;
  private final AuditEvent exported;
  private final StringBuilder pending = new StringBuilder(FLUSH_CHARS + 4096);
  private final Object[] cells = new Object[HEADER.length];
  private long rows;
  private boolean finished;

  CsvDownload(RoutingContext ctx, LogCursor cursor, Project project, Obfuscation obfuscation, boolean raw,
      DialogLogExport.Range range, AuditLog audit, AuditEvent exported) {
    this.ctx = ctx;
    this.response = ctx.response();
    this.cursor = cursor;
    this.project = project;
    this.obfuscation = obfuscation;
    this.cell = raw ? value -> value == null ? "" : value.toString() : CsvCells::safe;
    this.range = range;
    this.audit = audit;
    this.exported = exported;
  }

  void start() {
    response.setChunked(true)
        .putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", disposition())
        .putHeader("Cache-Control", "no-store");
    print(HEADER);
    response.closeHandler(closed -> abort("the client disconnected", null));
    response.exceptionHandler(e -> abort("writing to the client failed", null));
    cursor.rows().exceptionHandler(e -> abort("reading the logs failed", e));
    cursor.rows().endHandler(end -> complete());
    cursor.rows().handler(this::row);
  }

  private void row(Row row) {
    if (finished) {
      return; // rows of the last fetch, arriving after the download was given up
    }
    rows++;
    cells[0] = cell.apply(row.getString(0));
    cells[1] = DateTimeFormatter.ISO_INSTANT.format(row.getOffsetDateTime(1));
    cells[2] = cell.apply(project.name());
    cells[3] = cell.apply(row.getString(2));
    cells[4] = cell.apply(row.getString(3));
    cells[5] = cell.apply(obfuscation.apply(row.getString(4)));
    cells[6] = cell.apply(obfuscation.apply(row.getString(5)));
    cells[7] = cell.apply(row.getString(6));
    String[] labels = row.getArrayOfStrings(7);
    cells[8] = cell.apply(labels == null ? null : String.join(";", labels));
    print(cells);
    if (pending.length() >= FLUSH_CHARS) {
      response.write(take());
      if (response.writeQueueFull()) {
        cursor.rows().pause();
        response.drainHandler(drained -> cursor.rows().resume());
      }
    }
  }

  private void print(Object[] values) {
    try {
      CsvCells.FORMAT.printRecord(pending, values);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not throw
    }
  }

  /** The event is written before the response ends: should it fail, the download fails too. */
  private void complete() {
    if (finished) {
      return;
    }
    finished = true;
    response.write(take());
    cursor.close()
        .transform(closed -> audit.appendAlone(exported.withOutcome(AuditEvent.OK, summary())))
        .onSuccess(written -> response.end())
        .onFailure(ctx::fail);
  }

  private void abort(String why, Throwable failure) {
    if (finished) {
      return;
    }
    finished = true;
    cursor.close();
    audit.appendAlone(exported.withOutcome(AuditEvent.FAILED, why + " after " + summary()))
        .onFailure(e -> LOG.warn("an interrupted dialog log export left no event: {}", e.toString()));
    if (failure != null) {
      // Before any CSV went out this answers a problem; after, it resets the answer, so that the client
      // sees a failed download rather than a short one.
      response.headers().remove("Content-Disposition");
      ctx.fail(failure);
    }
  }

  private String summary() {
    return rows + " rows sent, " + range.summary();
  }

  private String take() {
    String chunk = pending.toString();
    pending.setLength(0);
    return chunk;
  }

  /** An ASCII file name for every client, and the name in its own script for those that read RFC 6266's. */
  private String disposition() {
    String dates = "-" + date(range.from()) + "-" + date(range.to()) + ".csv";
    String ascii = "attachment; filename=\"" + project.asciiSlug() + dates + "\"";
    String unicode = project.slug() + dates;
    return unicode.equals(project.asciiSlug() + dates) ? ascii
        : ascii + "; filename*=UTF-8''" + URLEncoder.encode(unicode, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String date(java.time.Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
  }
}
