package dev.rolecall.audit;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.function.Function;

/**
 * Events read through a database cursor, a fetch at a time, at the pace of whoever consumes them. It
 * holds a connection and its transaction (PostgreSQL cursors live in one) until {@link #close()}.
 */
public final class AuditCursor implements ReadStream<AuditEntry> {
  private final SqlConnection connection;
  private final Transaction transaction;
  private final PreparedStatement statement;
  private final RowStream<Row> rows;
  private final Function<Row, AuditEntry> mapper;
  private Future<Void> closing;

  AuditCursor(SqlConnection connection, Transaction transaction, PreparedStatement statement, RowStream<Row> rows,
      Function<Row, AuditEntry> mapper) {
    this.connection = connection;
    this.transaction = transaction;
    this.statement = statement;
    this.rows = rows;
    this.mapper = mapper;
  }

  @Override
  public AuditCursor handler(Handler<AuditEntry> handler) {
    rows.handler(handler == null ? null : row -> handler.handle(mapper.apply(row)));
    return this;
  }

  @Override
  public AuditCursor exceptionHandler(Handler<Throwable> handler) {
    rows.exceptionHandler(handler);
    return this;
  }

  @Override
  public AuditCursor endHandler(Handler<Void> handler) {
    rows.endHandler(handler);
    return this;
  }

  @Override
  public AuditCursor pause() {
    rows.pause();
    return this;
  }

  @Override
  public AuditCursor resume() {
    rows.resume();
    return this;
  }

  @Override
  public AuditCursor fetch(long amount) {
    rows.fetch(amount);
    return this;
  }

  /**
   * Stops the query and gives the connection back; safe to call more than once. The transaction only
   * read, so rolling it back ends it as well as a commit would.
   */
  public Future<Void> close() {
    if (closing == null) {
      closing = rows.close()
          .eventually(() -> statement.close())
          .eventually(() -> transaction.rollback())
          .eventually(() -> connection.close());
    }
    return closing;
  }
}
