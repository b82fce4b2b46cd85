package dev.rolecall.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import io.vertx.core.json.Json;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The bridge from jOOQ to vertx-pg-client: queries are built with the generated tables, rendered with
 * PostgreSQL's {@code $n} placeholders, and run without blocking.
 */
public final class Sql {
  static {
    // jOOQ prints a banner and tips on first use; the service's console is for what the operator needs.
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  private static final DSLContext DSL_CONTEXT = DSL.using(SQLDialect.POSTGRES, new Settings()
      .withParamType(ParamType.NAMED)
      .withRenderNamedParamPrefix("$")
      .withRenderQuotedNames(RenderQuotedNames.NEVER)
      .withRenderSchema(false));

  private Sql() {
  }

  /**
   * Loads and initialises jOOQ (seconds, cold) on the calling thread: called at start-up, so that the
   * first query built on an event loop does not block it.
   */
  public static void warmUp() {
    DSL_CONTEXT.selectOne().getSQL();
  }

  public static DSLContext dsl() {
    return DSL_CONTEXT;
  }

  public static Future<RowSet<Row>> execute(SqlClient client, Query query) {
    return client.preparedQuery(query.getSQL()).execute(Tuple.from(bindValues(query)));
  }

  /** jOOQ's own value types, as vertx-pg-client takes them. */
  private static List<Object> bindValues(Query query) {
    List<Object> values = new ArrayList<>(query.getBindValues());
    values.replaceAll(value -> value instanceof JSON json ? Json.decodeValue(json.data()) : value);
    return values;
  }

  public static <T> Future<List<T>> list(SqlClient client, Query query, Function<Row, T> mapper) {
    return execute(client, query).map(rows -> {
      List<T> result = new ArrayList<>(rows.size());
      rows.forEach(row -> result.add(mapper.apply(row)));
      return result;
    });
  }

  public static <T> Future<Optional<T>> first(SqlClient client, Query query, Function<Row, T> mapper) {
    return execute(client, query).map(rows -> {
      var iterator = rows.iterator();
      return iterator.hasNext() ? Optional.of(mapper.apply(iterator.next())) : Optional.empty();
    });
  }

  public static Future<Integer> update(SqlClient client, Query query) {
    return execute(client, query).map(RowSet::rowCount);
  }
}
