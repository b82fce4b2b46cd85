package dev.rolecall.dialoglogs;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;

/**
 * Rows read through a database cursor, a fetch at a time, at the pace of whoever consumes them. It
 * holds a connection and its transaction (PostgreSQL portals live in one) until {@link #close()}.
 */
final class LogCursor {
  private final SqlConnection connection;
  private final Transaction transaction;
  private final PreparedStatement statement;
  private final RowStream<Row> rows;
  private Future<Void> closing;

  private LogCursor(SqlConnection connection, Transaction transaction, PreparedStatement statement,
      RowStream<Row> rows) {
    this.connection = connection;
    this.transaction = transaction;
    this.statement = statement;
    this.rows = rows;
  }

  static Future<LogCursor> open(Pool pool, String sql, Tuple binds, int fetch) {
    return pool.getConnection().compose(connection -> connection.begin()
        .compose(transaction -> connection.prepare(sql).map(statement -> new LogCursor(
            connection, transaction, statement, statement.createStream(fetch, binds))))
        .onFailure(e -> connection.close()));
  }

  RowStream<Row> rows() {
    return rows;
  }

  /**
   * Stops the query and gives the connection back; safe to call more than once. The transaction only
   * read, so rolling it back ends it as well as a commit would.
   */
  Future<Void> close() {
    if (closing == null) {
      closing = rows.close()
          .eventually(() -> statement.close())
          .eventually(() -> transaction.rollback())
          .eventually(() -> connection.close());
    }
    return closing;
  }
}
