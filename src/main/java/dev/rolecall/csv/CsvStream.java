package dev.rolecall.csv;

import dev.rolecall.db.Cursor;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CSV download streamed from a cursor: rows leave it only as fast as the client takes them (the
 * cursor pauses while the response's write queue is full), so memory holds about one fetch whatever the
 * size; a client that leaves stops the query and frees the connection. Every callback runs on the
 * request's event loop. How the download went is handed to {@code record} (the export's audit event):
 * once complete, before the response ends, so that an export never goes unrecorded.
 */
public final class CsvStream<T> {
  private static final Logger LOG = LoggerFactory.getLogger(CsvStream.class);
  private static final int FLUSH_CHARS = 32 * 1024;

  /** How a download ended: {@code stoppedBy} is null once every row went out; {@code failure} if reading failed. */
  public record Outcome(long rows, String stoppedBy, Throwable failure) {
    public boolean complete() {
      return stoppedBy == null;
    }
  }

  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private final Cursor<T> cursor;
  private final Function<T, Object[]> cells;
  private final Function<Object, String> cell;
  private final Function<Outcome, Future<?>> record;
  private final StringBuilder pending = new StringBuilder(FLUSH_CHARS + 4096);
  private boolean writeFailures;
  private long rows;
  private boolean finished;

  /** {@code neutralise}: pass every cell through {@link CsvCells#safe}; otherwise cells go out as they are. */
  public CsvStream(RoutingContext ctx, Cursor<T> cursor, Function<T, Object[]> cells, boolean neutralise,
      Function<Outcome, Future<?>> record) {
    this.ctx = ctx;
    this.response = ctx.response();
    this.cursor = cursor;
    this.cells = cells;
    this.cell = neutralise ? CsvCells::safe : value -> value == null ? "" : value.toString();
    this.record = record;
  }

  /**
   * Records a failed write as such rather than waiting for the close that follows it, so that the event
   * says so; an export that has always called both a disconnect keeps doing so by not asking for this.
   */
  public CsvStream<T> reportingWriteFailures() {
    writeFailures = true;
    return this;
  }

  /** {@code disposition}: the whole Content-Disposition value, file name included. */
  public void start(String disposition, Object[] header) {
    response.setChunked(true)
        .putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", disposition)
        .putHeader("Cache-Control", "no-store");
    print(header);
    response.closeHandler(closed -> abort("the client disconnected", null));
    if (writeFailures) {
      response.exceptionHandler(e -> abort("writing to the client failed", null));
    }
    cursor.exceptionHandler(e -> abort("reading failed", e));
    cursor.endHandler(end -> complete());
    cursor.handler(this::row);
  }

  private void row(T item) {
    if (finished) {
      return; // rows of the last fetch, arriving after the download was given up
    }
    rows++;
    print(cells.apply(item));
    if (pending.length() >= FLUSH_CHARS) {
      response.write(take());
      if (response.writeQueueFull()) {
        cursor.pause();
        response.drainHandler(drained -> cursor.resume());
      }
    }
  }

  private void print(Object[] values) {
    Object[] printed = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      printed[i] = cell.apply(values[i]);
    }
    try {
      CsvCells.FORMAT.printRecord(pending, printed);
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
        .transform(closed -> record.apply(new Outcome(rows, null, null)).mapEmpty())
        .onSuccess(written -> response.end())
        .onFailure(ctx::fail);
  }

  private void abort(String why, Throwable failure) {
    if (finished) {
      return;
    }
    finished = true;
    cursor.close();
    record.apply(new Outcome(rows, why, failure))
        .onFailure(e -> LOG.warn("an interrupted export left no event: {}", e.toString()));
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
