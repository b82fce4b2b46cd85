package dev.rolecall.users;

import static dev.rolecall.db.schema.Tables.APP_USER;
import static dev.rolecall.db.schema.Tables.USER_ROLE;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rolecall.auth.Role;
import dev.rolecall.db.Cursor;
import dev.rolecall.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.ResultQuery;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * All SQL of the user list: filters, four sort orders, keyset pages and the CSV stream. Every query is
 * scoped by the account, and none counts it. A filter the planner expects to match few users is answered
 * from its own index (trigram GIN, or user_role), its matches then sorted. Otherwise a page first walks the
 * sort order's index (an index-only scan) for at most {@link #WALK} users; should that not fill it (the
 * users are bunched further down the order: "smith" sorted by last name), the filters' indexes answer.
 * Fragments of one or two letters have no trigram: nothing but the walk, unbounded, finds them.
 */
public final class UserQueries {
  public static final int MAX_LIMIT = 200;
  private static final int WALK = 10_000;
  /** Estimated matches up to which the filters' indexes answer at once, a few milliseconds' work. */
  private static final long FEW = 5_000;
  private static final int FETCH = 100;
  /** pg_trgm finds a fragment through its index only if it holds a trigram: three letters or digits. */
  private static final Pattern TRIGRAM = Pattern.compile("[\\p{L}\\p{N}]{3}");
  private static final Field<String> FULL_NAME =
      DSL.lower(APP_USER.FIRST_NAME.concat(DSL.inline(" "), APP_USER.LAST_NAME));

  /** Blank fragments filter nothing; whitespace inside one is a single space, as between names. */
  public record Filter(String name, String login, boolean activeOnly, Set<Role> roles) {
    static final Filter NONE = new Filter(null, null, false, Set.of());

    public Filter {
      name = fragment(name);
      login = fragment(login);
      roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    boolean indexed() {
      return !roles.isEmpty() || name != null && TRIGRAM.matcher(name).find()
          || login != null && TRIGRAM.matcher(login).find();
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Page(List<User> items, String nextCursor) {
  }

  private final Pool pool;

  public UserQueries(Pool pool) {
    this.pool = pool;
  }

  /** Up to {@code limit} users after {@code cursor} (null: from the start); fails 400 for a foreign cursor. */
  public Future<Page> page(UUID accountId, Filter filter, UserOrder order, String cursor, int limit) {
    Condition scope;
    try {
      scope = APP_USER.ACCOUNT_ID.eq(accountId).and(cursor == null ? DSL.noCondition() : order.after(cursor));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Condition match = matching(accountId, filter);
    int size = Math.min(limit, MAX_LIMIT);
    if (filter.equals(Filter.NONE)) {
      return rows(plain(order, scope, size)).map(rows -> page(order, rows, size));
    }
    if (!filter.indexed()) { // nothing else can find these users: walk the order as far as it takes
      return walk(order, scope, match, size, Integer.MAX_VALUE);
    }
    Future<Page> walked = estimate(scope.and(match))
        .compose(rows -> rows > FEW ? walk(order, scope, match, size, WALK) : Future.succeededFuture());
    return walked.compose(page -> page != null ? Future.succeededFuture(page)
        : rows(search(order, scope.and(match), size)).map(rows -> page(order, rows, size)));
  }

  /** The page, if walking the order filled it (or reached the end); null if the filters' indexes must answer. */
  private Future<Page> walk(UserOrder order, Condition scope, Condition match, int size, int budget) {
    return rows(walkQuery(order, scope, match, size, budget)).map(walked -> {
      List<Row> hits = walked.stream().filter(row -> row.getBoolean("hit")).toList();
      boolean cut = walked.stream().anyMatch(row -> row.getLong("rn") == budget);
      return hits.size() > size || !cut ? page(order, hits, size) : null;
    });
  }

  /** The planner's estimate of the matching users: a plan, not a count (pg_trgm and role statistics). */
  private Future<Long> estimate(Condition where) {
    ResultQuery<?> query = Sql.dsl().selectOne().from(APP_USER).where(where);
    return pool.preparedQuery("EXPLAIN (FORMAT JSON) " + query.getSQL()).execute(Tuple.from(query.getBindValues()))
        .map(rows -> ((JsonArray) rows.iterator().next().getValue(0)).getJsonObject(0).getJsonObject("Plan")
            .getLong("Plan Rows"));
  }

  /** Every matching user in order, read through a cursor inside a transaction, at the consumer's pace. */
  public Future<Cursor<User>> export(UUID accountId, Filter filter, UserOrder order) {
    ResultQuery<?> query = Sql.dsl().select(User.COLUMNS).from(APP_USER)
        .where(APP_USER.ACCOUNT_ID.eq(accountId).and(matching(accountId, filter)))
        .orderBy(order.orderBy(APP_USER.ID));
    return Cursor.open(pool, query.getSQL(), Tuple.from(query.getBindValues()), FETCH, User::from);
  }

  private static Condition matching(UUID accountId, Filter filter) {
    Condition match = DSL.noCondition();
    if (filter.name() != null) {
      match = match.and(contains(FULL_NAME, filter.name()));
    }
    if (filter.login() != null) {
      match = match.and(contains(DSL.lower(APP_USER.LOGIN), filter.login()));
    }
    if (filter.activeOnly()) {
      match = match.and(APP_USER.ACTIVE.isTrue());
    }
    if (!filter.roles().isEmpty()) {
      match = match.and(DSL.exists(DSL.selectOne().from(USER_ROLE).where(USER_ROLE.USER_ID.eq(APP_USER.ID),
          USER_ROLE.ACCOUNT_ID.eq(accountId), USER_ROLE.ROLE.in(filter.roles().stream().map(Enum::name).toList()))));
    }
    return match;
  }

  private static ResultQuery<?> plain(UserOrder order, Condition where, int size) {
    return Sql.dsl().select(columns(order.aliased())).from(APP_USER).where(where)
        .orderBy(order.orderBy(APP_USER.ID)).limit(size + 1);
  }

  /** The next {@code budget} users in order, those matching, and the last one walked: it tells a cut-off walk. */
  private static ResultQuery<?> walkQuery(UserOrder order, Condition scope, Condition match, int size, int budget) {
    List<SelectField<?>> inner = new ArrayList<>(order.aliased());
    inner.addAll(List.of(APP_USER.ID, DSL.field(match).as("hit"), DSL.rowNumber().over().as("rn")));
    Table<?> w = Sql.dsl().select(inner).from(APP_USER).where(scope)
        .orderBy(order.orderBy(APP_USER.ID)).limit(DSL.inline(budget)).asTable("w");
    List<SelectField<?>> outer = new ArrayList<>(order.of(w));
    outer.addAll(List.of(w.field("hit"), w.field("rn")));
    return Sql.dsl().select(columns(outer)).from(w).join(APP_USER).on(APP_USER.ID.eq(w.field("id", UUID.class)))
        .where(DSL.condition(w.field("hit", Boolean.class)).or(w.field("rn", Long.class).eq(DSL.inline((long) budget))))
        .orderBy(order.orderBy(w)).limit(size + 2);
  }

  /** The matching users found first through the filters' indexes (materialized, so no walk), then sorted. */
  private static ResultQuery<?> search(UserOrder order, Condition where, int size) {
    List<SelectField<?>> found = new ArrayList<>(order.aliased());
    found.add(APP_USER.ID);
    CommonTableExpression<?> m = DSL.name("m").asMaterialized(Sql.dsl().select(found).from(APP_USER).where(where));
    Table<?> t = Sql.dsl().select(m.fields()).from(m).orderBy(order.orderBy(m)).limit(size + 1).asTable("t");
    return Sql.dsl().with(m).select(columns(order.of(t))).from(t)
        .join(APP_USER).on(APP_USER.ID.eq(t.field("id", UUID.class))).orderBy(order.orderBy(t));
  }

  private static List<SelectField<?>> columns(List<? extends SelectField<?>> more) {
    List<SelectField<?>> all = new ArrayList<>(User.COLUMNS);
    all.addAll(more);
    return all;
  }

  private Future<List<Row>> rows(ResultQuery<?> query) {
    return Sql.list(pool, query, row -> row);
  }

  private static Page page(UserOrder order, List<Row> rows, int size) {
    List<User> items = rows.stream().limit(size).map(User::from).toList();
    return new Page(items, rows.size() > size ? order.cursor(rows.get(size - 1)) : null);
  }

  /**
   * LIKE where a trigram index can answer it; position() where none can, so that no plan, generic ones
   * included, scans a whole trigram index for a fragment of one or two letters.
   */
  private static Condition contains(Field<String> text, String fragment) {
    if (!TRIGRAM.matcher(fragment).find()) {
      return DSL.position(text, DSL.lower(DSL.val(fragment))).gt(0);
    }
    String escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return text.like(DSL.lower(DSL.val("%" + escaped + "%")));
  }

  private static String fragment(String text) {
    String normal = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    return normal.isEmpty() ? null : normal;
  }
}
