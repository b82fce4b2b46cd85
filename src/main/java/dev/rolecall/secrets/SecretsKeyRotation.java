package dev.rolecall.secrets;

import dev.rolecall.auth.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-encrypts every {@link SealedColumns sealed column} from the old secrets key to a new one, in one
 * transaction: a value that does not open under the old key fails it all, and nothing changes.
 */
public final class SecretsKeyRotation {
  private SecretsKeyRotation() {
  }

  /** How many values of each table were re-encrypted. */
  public static Future<Map<String, Integer>> rotate(Pool pool, SecretBox oldBox, SecretBox newBox) {
    return pool.withTransaction(tx -> {
      Map<String, Integer> counts = new LinkedHashMap<>();
      Future<Void> chain = Future.succeededFuture();
      for (SealedColumns.Column column : SealedColumns.ALL) {
        chain = chain.compose(done -> rotate(tx, column, oldBox, newBox)
            .map(n -> {
              counts.merge(column.table(), n, Integer::sum);
              return null;
            }));
      }
      return chain.map(counts);
    });
  }

  private static Future<Integer> rotate(SqlClient tx, SealedColumns.Column column, SecretBox oldBox,
      SecretBox newBox) {
    // Names come from SealedColumns, a constant of the code, never from input.
    String select = "SELECT " + column.idColumn() + "::text, " + column.sealedColumn() + " FROM " + column.table()
        + " WHERE " + column.sealedColumn() + " IS NOT NULL FOR UPDATE";
    String update = "UPDATE " + column.table() + " SET " + column.sealedColumn() + " = $1 WHERE "
        + column.idColumn() + "::text = $2";
    return tx.query(select).execute().compose(rows -> {
      List<Tuple> batch = new ArrayList<>();
      for (Row row : rows) {
        String id = row.getString(0);
        String context = column.context().apply(id);
        byte[] plain = oldBox.open(row.getBuffer(1).getBytes(), context);
        batch.add(Tuple.of(Buffer.buffer(newBox.seal(plain, context)), id));
        java.util.Arrays.fill(plain, (byte) 0);
      }
      return batch.isEmpty() ? Future.succeededFuture(0)
          : tx.preparedQuery(update).executeBatch(batch).map(done -> batch.size());
    });
  }
}
