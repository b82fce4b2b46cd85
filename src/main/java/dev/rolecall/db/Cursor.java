package dev.rolecall.db;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

/**
 * Rows read through a database cursor, a fetch at a time, at the pace of whoever consumes them. It
 * holds a connection and its transaction (PostgreSQL portals live in one) until {@link #close()}.
 */
public final class Cursor<T> implements ReadStream<T> {
  private final SqlConnection connection;
  private final Transaction transaction;
  private final PreparedStatement statement;
  private final RowStream<Row> rows;
  private final Function<Row, T> mapper;
  private Future<Void> closing;

  private Cursor(SqlConnection connection, Transaction transaction, PreparedStatement statement, RowStream<Row> rows,
      Function<Row, T> mapper) {
    this.connection = connection;
    this.transaction = transaction;
    this.statement = statement;
    this.rows = rows;
    this.mapper = mapper;
  }

  /** The connection goes back to the pool should the cursor not open, since no one could close it then. */
  public static <T> Future<Cursor<T>> open(Pool pool, String sql, Tuple binds, int fetch, Function<Row, T> mapper) {
    return pool.getConnection().compose(connection -> connection.begin()
        .compose(transaction -> connection.prepare(sql).map(statement -> new Cursor<>(
            connection, transaction, statement, statement.createStream(fetch, binds), mapper)))
        .onFailure(e -> connection.close()));
  }

  @Override
  public Cursor<T> handler(Handler<T> handler) {
    rows.handler(handler == null ? null : row -> handler.handle(mapper.apply(row)));
    return this;
  }

  @Override
  public Cursor<T> exceptionHandler(Handler<Throwable> handler) {
    rows.exceptionHandler(handler);
    return this;
  }

  @Override
  public Cursor<T> endHandler(Handler<Void> handler) {
    rows.endHandler(handler);
    return this;
  }

  @Override
  public Cursor<T> pause() {
    rows.pause();
    return this;
  }

  @Override
  public Cursor<T> resume() {
    rows.resume();
    return this;
  }

  @Override
  public Cursor<T> fetch(long amount) {
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
