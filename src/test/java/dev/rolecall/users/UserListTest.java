package dev.rolecall.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.Rolecall;
import dev.rolecall.auth.Role;
import dev.rolecall.support.Api;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class UserListTest {
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2024-01-01T00:00:00Z");
  private static Rolecall service;
  private static Api api;
  private static Fixtures fixtures;
  private UUID account;
  private String admin;

  @BeforeAll
  static void start(Vertx vertx) {
    service = TestService.start();
    api = new Api(vertx, service);
    fixtures = new Fixtures(service.pool());
  }

  @AfterAll
  static void stop() {
    api.close();
    service.close();
  }

  @BeforeEach
  void anAccountWithItsAdmin() {
    account = fixtures.account();
    admin = api.token(fixtures.login(fixtures.user(account, Role.ADMIN)), Fixtures.PASSWORD);
  }

  @Test
  void aNameFilterMatchesPartOfTheFirstNameTheLastNameOrBoth() {
    UUID ada = user("Ada", "Lovelace", "ada@x.test", true, Role.USER);
    UUID adam = user("Adam", "Smith", "adam@x.test", true, Role.USER);
    UUID grace = user("Grace", "Hopper", "grace@x.test", true, Role.USER);

    assertThat(ids("name=ADA")).containsExactlyInAnyOrder(ada, adam);
    assertThat(ids("name=lovel")).containsExactly(ada);
    assertThat(ids("name=" + encode("ada  LOVE "))).containsExactly(ada);
    assertThat(ids("name=" + encode("e hop"))).containsExactly(grace);
    assertThat(ids("name=_")).isEmpty(); // a LIKE wildcard is taken literally
  }

  @Test
  void loginActiveAndRoleFiltersCombine() {
    UUID ada = user("Ada", "Lovelace", "Ada.Lovelace@Example.COM", true, Role.ANALYST);
    UUID alan = user("Alan", "Turing", "alan.turing@example.com", false, Role.OPERATOR, Role.USER);
    UUID grace = user("Grace", "Hopper", "grace@navy.test", true, Role.OPERATOR);

    assertThat(ids("login=LOVELACE%40example")).containsExactly(ada);
    assertThat(ids("login=example.com")).containsExactlyInAnyOrder(ada, alan);
    assertThat(ids("login=example.com&activeOnly=true")).containsExactly(ada);
    assertThat(ids("login=example.com&activeOnly=false")).containsExactlyInAnyOrder(ada, alan);
    assertThat(ids("role=ANALYST&role=OPERATOR")).containsExactlyInAnyOrder(ada, alan, grace);
    assertThat(ids("role=OPERATOR&activeOnly=true")).containsExactly(grace);
    assertThat(ids("role=USER&name=tur")).containsExactly(alan);
  }

  @Test
  void everySortGoesBothWaysWithNeverLoggedInUsersLastAndPagesCoverEveryoneOnce() {
    for (int i = 0; i < 22; i++) { // the admin is the 23rd
      UUID id = user("First" + (char) ('a' + i % 5), "Last" + (char) ('a' + i % 7), "u" + (char) ('a' + i) + "@x.test",
          true, Role.USER);
      set(id, "created_at", T0.plusDays(i % 4));
      set(id, "last_login_at", i % 3 == 0 ? null : T0.plusDays(i % 6));
    }
    for (String sort : List.of("name", "login", "createdAt", "lastLoginAt")) {
      for (String order : List.of("asc", "desc")) {
        List<JsonObject> all = page("sort=" + sort + "&order=" + order + "&limit=200").items();
        assertThat(all).as(sort + " " + order).hasSize(23).isSortedAccordingTo(expected(sort, order.equals("desc")));
        assertThat(walk("sort=" + sort + "&order=" + order, 5)).as(sort + " " + order + " by pages of 5")
            .isEqualTo(all.stream().map(item -> UUID.fromString(item.getString("id"))).toList());
        assertThat(walk("sort=" + sort + "&order=" + order + "&role=USER", 5)).as(sort + " " + order + ", filtered")
            .hasSize(22).doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void pagesComeFromWalkingTheOrderOrFromTheFiltersIndexesAlike() {
    insert("'Filler', 'Aaa' || g", "filler-", 10_100); // first by name, holding no role
    insert("'Zed' || g, 'Zzquux'", "zed-", 6_000);     // last by name, all DIALER_VERIFIED
    service.pool().preparedQuery("""
            INSERT INTO user_role (account_id, user_id, role)
            SELECT account_id, id, 'DIALER_VERIFIED' FROM app_user WHERE account_id = $1 AND last_name = 'Zzquux'""")
        .execute(Tuple.of(account)).await();
    service.pool().query("ANALYZE app_user").execute().await();
    service.pool().query("ANALYZE user_role").execute().await();
    List<UUID> far = byName("last_name = 'Zzquux'");

    // Too many to answer from the role's index at once: the walk passes 10,000 fillers, then that index answers.
    assertThat(walk("role=DIALER_VERIFIED", 200)).isEqualTo(far);
    // Walking from the other end fills each page at once.
    assertThat(walk("role=DIALER_VERIFIED&order=desc", 200)).isEqualTo(far.reversed());
    assertThat(walk("name=zed1", 200)).isEqualTo(byName("first_name LIKE 'Zed1%'"));
  }

  @Test
  void aCursorThatIsNotThisListsIsABadRequest() {
    for (int i = 0; i < 3; i++) {
      user("A" + i, "B" + i, "ab" + i + "@x.test", true, Role.USER);
    }
    String cursor = page("sort=login&limit=1").nextCursor();
    assertThat(cursor).isNotNull();

    for (String query : List.of("sort=name&cursor=" + cursor, "sort=login&order=desc&cursor=" + cursor,
        "cursor=not-a-cursor", "cursor=" + cursor.substring(0, cursor.length() - 4), "cursor=WyJOQU1FIl0")) {
      HttpResponse<Buffer> answer = api.get("/api/users?" + query, admin);
      assertThat(answer.statusCode()).as(query).isEqualTo(400);
      assertThat(answer.bodyAsJsonObject().getString("type")).endsWith("/invalid-cursor");
    }
    assertThat(api.get("/api/users?limit=201", admin).statusCode()).isEqualTo(400);
  }

  @Test
  void anotherAccountsUsersNeverAppearAndTheListNeedsUsersView() {
    UUID mine = user("Shared", "Name", "shared-mine-" + account + "@x.test", true, Role.USER);
    UUID other = fixtures.account();
    fixtures.user(other, Fixtures.uniqueLogin(), true, false, Role.USER);
    String operator = api.token(fixtures.login(fixtures.user(account, Role.OPERATOR)), Fixtures.PASSWORD);

    assertThat(ids("login=test.example").size()).isEqualTo(2); // the admin and the operator, not the other's
    assertThat(ids("name=shared")).containsExactly(mine);
    assertThat(api.get("/api/users", operator).statusCode()).isEqualTo(403);
    assertThat(api.get("/api/users.csv", operator).statusCode()).isEqualTo(403);
  }

  @Test
  void theCsvExportParsesBackAndNeutralisesFormulas() throws IOException {
    UUID quoted = user("Anne, \"Nan\"", "O'Neil\nSecond line", "anne@x.test", true, Role.USER, Role.ANALYST);
    user("Zoë 李", "Σωκράτης 🚀", "zoe@x.test", false, Role.USER);
    user("=HYPERLINK(\"http://evil.test\")", "+1", "-1@x.test", true, Role.USER);
    user("@x", "Plain", "at@x.test", true, Role.USER);

    HttpResponse<Buffer> answer = api.get("/api/users.csv?login=x.test&sort=login", admin);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("text/csv; charset=utf-8");
    assertThat(answer.getHeader("Content-Disposition")).matches("attachment; filename=\"users-\\d{4}-\\d{2}-\\d{2}\\.csv\"");
    List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(answer.bodyAsString("UTF-8"))).getRecords();
    assertThat(records.get(0).toList()).containsExactly(
        "id", "login", "firstName", "lastName", "roles", "active", "createdAt", "updatedAt", "lastLoginAt");
    assertThat(records).hasSize(5);
    assertThat(records.get(1).get(1)).startsWith("'-1@x.test");
    assertThat(records.get(1).get(2)).isEqualTo("'=HYPERLINK(\"http://evil.test\")");
    assertThat(records.get(1).get(3)).isEqualTo("'+1");
    assertThat(records.get(2).toList()).contains(quoted.toString(), "Anne, \"Nan\"", "O'Neil\nSecond line",
        "ANALYST USER", "true");
    assertThat(records.get(3).toList()).contains("'@x", "Plain");
    assertThat(records.get(4).toList()).contains("Zoë 李", "Σωκράτης 🚀", "false");
    assertThat(service.pool().preparedQuery("""
            SELECT detail FROM audit_event WHERE account_id = $1 AND action = 'users.exported' AND outcome = 'ok'""")
        .execute(Tuple.of(account)).await().iterator().next().getString(0)).isEqualTo("4 users");
  }

  @Test
  void aClientLeavingMidDownloadStopsTheExportAndLeavesAFailedEvent(Vertx vertx) throws InterruptedException {
    insert("'Filler', 'Aaa' || g", "filler-", 20_000); // some 4 MB of CSV: more than the socket buffers take
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setReceiveBufferSize(1024));
    HttpClientResponse response = client.request(HttpMethod.GET, service.port(), "127.0.0.1", "/api/users.csv")
        .compose(request -> request.putHeader("Authorization", "Bearer " + admin).send()).await();
    response.pause(); // a client that reads nothing more: the server's write queue fills, the cursor pauses
    assertThat(response.statusCode()).isEqualTo(200);
    Thread.sleep(300);
    response.request().connection().close().await();

    String detail = null;
    for (int tries = 0; tries < 100 && detail == null; tries++) {
      Thread.sleep(100);
      var events = service.pool().preparedQuery(
              "SELECT outcome || ': ' || detail FROM audit_event WHERE account_id = $1 AND action = 'users.exported'")
          .execute(Tuple.of(account)).await();
      detail = events.size() == 0 ? null : events.iterator().next().getString(0);
    }
    assertThat(detail).startsWith("failed: the client disconnected after");
    assertThat(ids("name=" + encode("filler aaa19999"))).hasSize(1); // and the pool has its connections back
    client.close().await();
  }

  private record Page(List<JsonObject> items, String nextCursor) {
  }

  private Page page(String query) {
    HttpResponse<Buffer> answer = api.get("/api/users?" + query, admin);
    assertThat(answer.statusCode()).as(query + ": " + answer.bodyAsString()).isEqualTo(200);
    JsonObject body = answer.bodyAsJsonObject();
    return new Page(body.getJsonArray("items").stream().map(JsonObject.class::cast).toList(),
        body.getString("nextCursor"));
  }

  private List<UUID> ids(String query) {
    return page(query + "&limit=200").items().stream().map(item -> UUID.fromString(item.getString("id"))).toList();
  }

  /** Every id, following nextCursor a page of {@code limit} at a time. */
  private List<UUID> walk(String query, int limit) {
    List<UUID> ids = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      assertThat(++pages).as("pages of " + query).isLessThan(1000);
      Page page = page(query + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.items().size()).isLessThanOrEqualTo(limit);
      page.items().forEach(item -> ids.add(UUID.fromString(item.getString("id"))));
      cursor = page.nextCursor();
    } while (cursor != null);
    return ids;
  }

  /** The documented order: ASCII data, so that any collation agrees; ids compare as PostgreSQL's uuids do. */
  private static Comparator<JsonObject> expected(String sort, boolean descending) {
    Function<JsonObject, String> key = switch (sort) {
      case "name" -> item -> item.getString("lastName").toLowerCase() + "\u0000" + item.getString("firstName").toLowerCase();
      case "login" -> item -> item.getString("login").toLowerCase();
      case "createdAt" -> item -> micros(item.getString("createdAt"));
      default -> item -> item.getString("lastLoginAt") == null ? null : micros(item.getString("lastLoginAt"));
    };
    Comparator<JsonObject> byKey = Comparator.comparing(key, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
        .thenComparing(item -> item.getString("id"));
    Comparator<JsonObject> nullsLast = Comparator.comparing(item -> key.apply(item) == null);
    return nullsLast.thenComparing(descending ? byKey.reversed() : byKey);
  }

  private static String micros(String time) {
    return "%020d".formatted(java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH,
        OffsetDateTime.parse(time).toInstant()));
  }

  /** Logins are unique across the service: each account's get its own suffix. */
  private UUID user(String first, String last, String login, boolean active, Role... roles) {
    login = login + "." + account.toString().substring(0, 8);
    UUID id = service.pool().preparedQuery("""
            INSERT INTO app_user (account_id, login, first_name, last_name, password_hash, active)
            VALUES ($1, $2, $3, $4, 'x', $5) RETURNING id""")
        .execute(Tuple.of(account, login, first, last, active)).await().iterator().next().getUUID(0);
    fixtures.setRoles(id, roles);
    return id;
  }

  private void insert(String names, String loginPrefix, int count) {
    service.pool().preparedQuery("INSERT INTO app_user (account_id, login, first_name, last_name, password_hash) "
            + "SELECT $1, '" + loginPrefix + "' || g || '-' || $1 || '@x.test', " + names + ", 'x' "
            + "FROM generate_series(1, $2) g")
        .execute(Tuple.of(account, count)).await();
  }

  private List<UUID> byName(String where) {
    List<UUID> ids = new ArrayList<>();
    service.pool().preparedQuery("SELECT id FROM app_user WHERE account_id = $1 AND " + where
            + " ORDER BY lower(last_name), lower(first_name), id")
        .execute(Tuple.of(account)).await().forEach(row -> ids.add(row.getUUID(0)));
    return ids;
  }

  private static void set(UUID id, String column, OffsetDateTime value) {
    service.pool().preparedQuery("UPDATE app_user SET " + column + " = $2 WHERE id = $1")
        .execute(Tuple.of(id, value)).await();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
