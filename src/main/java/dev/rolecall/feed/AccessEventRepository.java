package dev.rolecall.feed;

import static dev.rolecall.db.schema.Tables.ACCESS_EVENT;
import static dev.rolecall.db.schema.Tables.ACCESS_EVENT_RETENTION;
import static dev.rolecall.db.schema.Tables.ACCESS_EVENT_SEQUENCER;

import dev.rolecall.db.Sql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** All SQL of the change feed: reading events after a point, and the retention's purge. */
public final class AccessEventRepository {
  private final Pool pool;

  public AccessEventRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Events after {@code afterId}, oldest first, read in one snapshot with the last id given out then
   * ({@code head}) and the retention's watermark. Fewer than {@code limit} events means every event up to
   * {@code head} has been read; {@code purgedThrough > afterId} means some after {@code afterId} are gone.
   */
  public record Batch(long head, long purgedThrough, List<AccessEvent> events) {
  }

  /** {@code accounts} empty: every account's events. */
  public Future<Batch> after(long afterId, int limit, Optional<Set<UUID>> accounts) {
    Condition served = accounts.map(ACCESS_EVENT.ACCOUNT_ID::in).orElse(DSL.noCondition());
    return Sql.list(pool, Sql.dsl()
            .select(ACCESS_EVENT_SEQUENCER.LAST_ID, ACCESS_EVENT_RETENTION.PURGED_THROUGH, ACCESS_EVENT.ID,
                ACCESS_EVENT.KIND, ACCESS_EVENT.ACCOUNT_ID, ACCESS_EVENT.USER_ID, ACCESS_EVENT.API_TOKEN_ID,
                ACCESS_EVENT.OCCURRED_AT)
            // The two one-row tables make one row even when no event matches.
            .from(ACCESS_EVENT_SEQUENCER).crossJoin(ACCESS_EVENT_RETENTION)
            .leftJoin(ACCESS_EVENT).on(ACCESS_EVENT.ID.gt(afterId).and(served))
            .orderBy(ACCESS_EVENT.ID)
            .limit(limit), row -> row)
        .map(AccessEventRepository::batch);
  }

  /** The last id given out: where a subscriber that asks for no past events starts. */
  public Future<Long> head() {
    return Sql.first(pool, Sql.dsl().select(ACCESS_EVENT_SEQUENCER.LAST_ID).from(ACCESS_EVENT_SEQUENCER),
        row -> row.getLong(0)).map(Optional::orElseThrow);
  }

  public Future<Long> purgedThrough() {
    return Sql.first(pool, Sql.dsl().select(ACCESS_EVENT_RETENTION.PURGED_THROUGH).from(ACCESS_EVENT_RETENTION),
        row -> row.getLong(0)).map(Optional::orElseThrow);
  }

  /**
   * Deletes the events that occurred before {@code cutoff}, as a prefix of ids (an event kept means every
   * later id is kept, so the watermark says exactly what is gone), and returns the watermark.
   */
  public Future<Long> purge(Instant cutoff) {
    var kept = DSL.select(DSL.min(ACCESS_EVENT.ID).minus(1)).from(ACCESS_EVENT)
        .where(ACCESS_EVENT.OCCURRED_AT.ge(cutoff.atOffset(ZoneOffset.UTC)));
    var last = DSL.select(DSL.max(ACCESS_EVENT.ID)).from(ACCESS_EVENT);
    var through = DSL.coalesce(kept.asField(), last.asField(), DSL.val(0L));
    return pool.withTransaction(tx -> Sql.first(tx, Sql.dsl().select(through), row -> row.getLong(0))
        .map(Optional::orElseThrow)
        .compose(upTo -> Sql.update(tx, Sql.dsl().deleteFrom(ACCESS_EVENT).where(ACCESS_EVENT.ID.le(upTo)))
            .compose(deleted -> Sql.first(tx, Sql.dsl().update(ACCESS_EVENT_RETENTION)
                .set(ACCESS_EVENT_RETENTION.PURGED_THROUGH,
                    DSL.greatest(ACCESS_EVENT_RETENTION.PURGED_THROUGH, DSL.val(upTo)))
                .returning(ACCESS_EVENT_RETENTION.PURGED_THROUGH), row -> row.getLong(0)))
            .map(Optional::orElseThrow)));
  }

  private static Batch batch(List<Row> rows) {
    Row first = rows.getFirst();
    List<AccessEvent> events = new ArrayList<>(rows.size());
    for (Row row : rows) {
      Long id = row.getLong("id");
      if (id != null) {
        events.add(new AccessEvent(id, row.getString("kind"), row.getUUID("account_id"), row.getUUID("user_id"),
            row.getUUID("api_token_id"), row.getOffsetDateTime("occurred_at").toInstant()));
      }
    }
    return new Batch(first.getLong("last_id"), first.getLong("purged_through"), events);
  }
}
