package dev.rolecall.users;

import static dev.rolecall.db.schema.Tables.APP_USER;

import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A sort order of the user list: its key expressions (those of the V5 indexes, to the letter), id as the
 * tiebreaker, and its keyset cursors. A cursor is the last row's keys and id with the order they belong
 * to, as base64url JSON; clients treat it as opaque, and one of another order is refused.
 */
public record UserOrder(Sort sort, boolean descending) {
  public enum Sort { NAME, LOGIN, CREATED_AT, LAST_LOGIN_AT }

  /** Key expressions on app_user. Never-logged-in users sort last both ways: null is an infinity. */
  List<Field<?>> keys() {
    return switch (sort) {
      case NAME -> List.of(DSL.lower(APP_USER.LAST_NAME), DSL.lower(APP_USER.FIRST_NAME));
      case LOGIN -> List.of(DSL.lower(APP_USER.LOGIN));
      case CREATED_AT -> List.of(APP_USER.CREATED_AT);
      case LAST_LOGIN_AT -> List.of(DSL.coalesce(APP_USER.LAST_LOGIN_AT,
          DSL.field(descending ? "'-infinity'::timestamptz" : "'infinity'::timestamptz", OffsetDateTime.class)));
    };
  }

  /** The keys as columns k0, k1... of a query's answer, which {@link #cursor} reads back. */
  List<SelectField<?>> aliased() {
    List<Field<?>> keys = keys();
    return IntStream.range(0, keys.size()).<SelectField<?>>mapToObj(i -> keys.get(i).as("k" + i)).toList();
  }

  /** The aliased keys as columns of a derived table. */
  List<Field<?>> of(Table<?> table) {
    return IntStream.range(0, keys().size()).<Field<?>>mapToObj(i -> table.field("k" + i)).toList();
  }

  List<OrderField<?>> orderBy(Field<UUID> id) {
    List<Field<?>> fields = new ArrayList<>(keys());
    fields.add(id);
    return fields.stream().<OrderField<?>>map(field -> descending ? field.desc() : field.asc()).toList();
  }

  List<OrderField<?>> orderBy(Table<?> table) {
    List<Field<?>> fields = new ArrayList<>(of(table));
    fields.add(table.field("id"));
    return fields.stream().<OrderField<?>>map(field -> descending ? field.desc() : field.asc()).toList();
  }

  /** The users after the cursor's row in this order: a range of the order's index. */
  Condition after(String cursor) {
    List<Field<?>> fields = new ArrayList<>(keys());
    fields.add(APP_USER.ID);
    List<Field<?>> values = decode(cursor);
    return descending ? DSL.row(fields).lt(DSL.row(values)) : DSL.row(fields).gt(DSL.row(values));
  }

  String cursor(Row row) {
    JsonArray position = new JsonArray().add(sort.name()).add(direction());
    for (int i = 0; i < keys().size(); i++) {
      Object key = row.getValue("k" + i);
      position.add(key instanceof OffsetDateTime time ? text(time) : key);
    }
    position.add(row.getUUID("id").toString());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(position.encode().getBytes(StandardCharsets.UTF_8));
  }

  private List<Field<?>> decode(String cursor) {
    try {
      JsonArray position = new JsonArray(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
      int keys = keys().size();
      if (position.size() != keys + 3 || !sort.name().equals(position.getString(0))
          || !direction().equals(position.getString(1))) {
        throw new IllegalArgumentException("a cursor of another order");
      }
      List<Field<?>> values = new ArrayList<>();
      for (int i = 0; i < keys; i++) {
        String key = position.getString(i + 2);
        values.add(sort == Sort.NAME || sort == Sort.LOGIN ? DSL.val(key.toString()) : time(key));
      }
      values.add(DSL.val(UUID.fromString(position.getString(keys + 2))));
      return values;
    } catch (RuntimeException e) { // not base64, not JSON, not our shape, or a value that does not parse
      throw new ProblemException(Problem.of(400, "invalid-cursor", "Invalid cursor",
          "The cursor is not one this list gave out for this sort order: start again from the first page."));
    }
  }

  private String direction() {
    return descending ? "desc" : "asc";
  }

  /** PostgreSQL's text for the instant: vertx-pg-client 5.0.8 reads -infinity as a year before PostgreSQL's first. */
  private static String text(OffsetDateTime time) {
    if (time.equals(OffsetDateTime.MAX)) {
      return "infinity";
    }
    return time.getYear() < -4713 ? "-infinity" : time.toString();
  }

  /** Bound as text and cast by PostgreSQL, the only way an infinity makes the round trip. */
  private static Field<OffsetDateTime> time(String text) {
    if (!text.equals("infinity") && !text.equals("-infinity")) {
      OffsetDateTime.parse(text);
    }
    return DSL.field("cast(cast({0} as text) as timestamptz)", OffsetDateTime.class, DSL.val(text));
  }
}
