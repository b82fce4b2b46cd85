package dev.rolecall.dialoglogs;

import static dev.rolecall.db.schema.Tables.DIALOG_LOG;

import dev.rolecall.db.Cursor;
import dev.rolecall.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** The SQL of dialog logs: batches in, time ranges out through a cursor. */
final class DialogLogRepository {
  /**
   * One statement text for any batch size (the columns as arrays, unnested), so that it is prepared
   * once per connection. Labels travel as JSON arrays: a text[][] must be rectangular.
   */
  private static final String INSERT_BATCH = """
      INSERT INTO dialog_log (account_id, project_id, idempotency_key, dialog_id, at, channel, client_id,
                              request, answer, state, labels)
      SELECT $1, $2, e.idempotency_key, e.dialog_id, e.at, e.channel, e.client_id, e.request, e.answer, e.state,
             ARRAY(SELECT jsonb_array_elements_text(e.labels::jsonb))
      FROM unnest($3::varchar[], $4::varchar[], $5::timestamptz[], $6::varchar[], $7::varchar[], $8::text[],
                  $9::text[], $10::varchar[], $11::text[])
        AS e(idempotency_key, dialog_id, at, channel, client_id, request, answer, state, labels)
      ON CONFLICT (project_id, idempotency_key, at) DO NOTHING""";

  private DialogLogRepository() {
  }

  /** Stores the entries that are not stored yet; answers how many were new. */
  static Future<Integer> insert(SqlClient db, UUID accountId, UUID projectId, JsonArray entries) {
    int n = entries.size();
    String[] keys = new String[n];
    String[] dialogs = new String[n];
    OffsetDateTime[] ats = new OffsetDateTime[n];
    String[] channels = new String[n];
    String[] clients = new String[n];
    String[] requests = new String[n];
    String[] answers = new String[n];
    String[] states = new String[n];
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) {
      JsonObject entry = entries.getJsonObject(i);
      keys[i] = entry.getString("idempotencyKey");
      dialogs[i] = entry.getString("dialogId");
      ats[i] = OffsetDateTime.parse(entry.getString("at"));
      channels[i] = entry.getString("channel");
      clients[i] = entry.getString("clientId");
      requests[i] = entry.getString("request");
      answers[i] = entry.getString("answer");
      states[i] = entry.getString("state");
      labels[i] = entry.getJsonArray("labels", new JsonArray()).encode();
    }
    return db.preparedQuery(INSERT_BATCH)
        .execute(Tuple.of(accountId, projectId, keys, dialogs, ats, channels, clients, requests, answers)
            .addArrayOfString(states).addArrayOfString(labels))
        .map(RowSet::rowCount);
  }

  /** A project's logs in [from, to), in time order, read a fetch at a time. */
  static Future<Cursor<Row>> open(Pool pool, UUID accountId, UUID projectId, Instant from, Instant to, int fetch) {
    var query = Sql.dsl()
        .select(DIALOG_LOG.DIALOG_ID, DIALOG_LOG.AT, DIALOG_LOG.CHANNEL, DIALOG_LOG.CLIENT_ID, DIALOG_LOG.REQUEST,
            DIALOG_LOG.ANSWER, DIALOG_LOG.STATE, DIALOG_LOG.LABELS)
        .from(DIALOG_LOG)
        .where(DIALOG_LOG.PROJECT_ID.eq(projectId).and(DIALOG_LOG.ACCOUNT_ID.eq(accountId))
            .and(DIALOG_LOG.AT.ge(from.atOffset(ZoneOffset.UTC))).and(DIALOG_LOG.AT.lt(to.atOffset(ZoneOffset.UTC))))
        .orderBy(DIALOG_LOG.AT);
    return Cursor.open(pool, query.getSQL(), Tuple.from(query.getBindValues()), fetch, row -> row);
  }
}
