package dev.rolecall.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading the log: filters, keyset pages newest first, and never another account's events. */
class AuditApiTest extends ServiceTest {
  // In the current month's partition: an instant no partition covers would strand its month in the default one.
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);

  @BeforeAll
  static void start(Vertx vertx) {
    new AuditPartitions(service.pool(), new AuditConfig(400)).maintain(Instant.now()).await();
  }

  @Test
  void pagesAreNewestFirstWithoutDuplicatesOrGaps() {
    UUID account = fixtures.account();
    for (int i = 0; i < 7; i++) {
      insert(account, T0.plusSeconds(i / 3), null, "test.paged", null, null); // ties on `at`, broken by id
    }
    String token = adminToken(account);

    List<String> all = ids(page(token, "/api/audit-events?action=test.paged&limit=200"));
    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      String after = cursor == null ? "" : "&cursor=" + cursor;
      JsonObject page = page(token, "/api/audit-events?action=test.paged&limit=3" + after);
      assertThat(page.getJsonArray("items").size()).isLessThanOrEqualTo(3);
      paged.addAll(ids(page));
      cursor = page.getString("nextCursor");
    } while (cursor != null);

    assertThat(all).hasSize(7).doesNotHaveDuplicates();
    assertThat(paged).isEqualTo(all);
    List<String> times = page(token, "/api/audit-events?action=test.paged").getJsonArray("items").stream()
        .map(item -> ((JsonObject) item).getString("at")).toList();
    assertThat(times).isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
  }

  @Test
  void filtersNarrowByActorActionTargetAndTime() {
    UUID account = fixtures.account();
    UUID actor = UUID.randomUUID();
    String a = insert(account, T0, actor, "test.one", "user", "u1");
    String b = insert(account, T0.plusSeconds(60), actor, "test.two", "user", "u2");
    String c = insert(account, T0.plusSeconds(120), null, "test.one", "project", "u1");
    String token = adminToken(account);

    assertThat(ids(page(token, "/api/audit-events?actor=" + actor))).containsExactly(b, a);
    assertThat(ids(page(token, "/api/audit-events?action=test.one"))).containsExactly(c, a);
    assertThat(ids(page(token, "/api/audit-events?targetType=user&targetId=u1"))).containsExactly(a);
    assertThat(ids(page(token, "/api/audit-events?from=" + T0.plusSeconds(60) + "&to=" + T0.plusSeconds(120))))
        .containsExactly(b);
    String inNewYork = T0.atOffset(ZoneOffset.ofHours(-5)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    assertThat(ids(page(token, "/api/audit-events?action=test.one&from=" + inNewYork))).containsExactly(c, a);
    JsonObject item = page(token, "/api/audit-events?action=test.two").getJsonArray("items").getJsonObject(0);
    assertThat(item.getJsonObject("actor").getString("id")).isEqualTo(actor.toString());
    assertThat(item.getJsonObject("target")).isEqualTo(new JsonObject().put("type", "user").put("id", "u2"));
    assertThat(item.getString("outcome")).isEqualTo("ok");
  }

  @Test
  void anotherAccountsEventsNeverShow() {
    UUID mine = fixtures.account();
    UUID theirs = fixtures.account();
    String own = insert(mine, T0, null, "test.scoped", null, null);
    String foreign = insert(theirs, T0, null, "test.scoped", null, null);

    assertThat(ids(page(adminToken(mine), "/api/audit-events?action=test.scoped"))).containsExactly(own);
    assertThat(ids(page(adminToken(theirs), "/api/audit-events?action=test.scoped"))).containsExactly(foreign);
    assertThat(ids(page(adminToken(mine), "/api/audit-events?targetId=" + foreign))).isEmpty();
  }

  @Test
  void readingTheLogNeedsUserActionsView() {
    UUID account = fixtures.account();
    String user = api.token(fixtures.login(fixtures.user(account, Role.USER, Role.OPERATOR)), Fixtures.PASSWORD);

    assertThat(api.get("/api/audit-events", user).statusCode()).isEqualTo(403);
    assertThat(api.get("/api/audit-events.csv", user).statusCode()).isEqualTo(403);
    assertThat(api.get("/api/audit-events", null).statusCode()).isEqualTo(401);
  }

  @Test
  void anEventSaysWhichCredentialActed() {
    UUID account = fixtures.account();
    String admin = adminToken(account);
    HttpResponse<Buffer> created = api.call(
        HttpMethod.POST, "/api/me/tokens", admin, new JsonObject().put("name", "script")
            .put("permissions", new JsonArray().add("PROJECTS_EDIT"))
            .put("expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String tokenId = created.bodyAsJsonObject().getString("id");
    assertThat(api.call(HttpMethod.POST, "/api/projects",
        created.bodyAsJsonObject().getString("secret"), new JsonObject().put("name", "by script")).statusCode())
        .isEqualTo(201);

    List<JsonObject> items = page(admin, "/api/audit-events").getJsonArray("items").stream()
        .map(JsonObject.class::cast).toList();
    JsonObject byScript = items.stream().filter(item -> item.getString("action").equals("project.created")).findFirst()
        .orElseThrow();
    assertThat(byScript.getJsonObject("actor").getString("credential")).isEqualTo("api_token:" + tokenId);
    JsonObject byLogin = items.stream().filter(item -> item.getString("action").equals("token.created"))
        .findFirst().orElseThrow();
    assertThat(byLogin.getJsonObject("actor").getString("credential")).startsWith("login:");
  }

  @Test
  void aCursorNotGivenOutIsABadRequest() {
    var answer = api.get("/api/audit-events?cursor=bm90LWEtY3Vyc29y", adminToken(fixtures.account()));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.bodyAsJsonObject().getString("type")).endsWith("/invalid-cursor");
  }

  static String insert(UUID account, Instant at, UUID actor, String action, String targetType, String targetId) {
    return service.pool().preparedQuery("""
            INSERT INTO audit_event (at, account_id, actor_id, action, target_type, target_id, outcome)
            VALUES ($1, $2, $3, $4, $5, $6, 'ok') RETURNING id""")
        .execute(Tuple.of(at.atOffset(ZoneOffset.UTC), account, actor, action, targetType, targetId)).await()
        .iterator().next().getUUID(0).toString();
  }

  private static String adminToken(UUID account) {
    return api.token(fixtures.login(fixtures.user(account, Role.ADMIN)), Fixtures.PASSWORD);
  }

  private static JsonObject page(String token, String path) {
    var answer = api.get(path, token);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject();
  }

  private static List<String> ids(JsonObject page) {
    JsonArray items = page.getJsonArray("items");
    return items.stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }
}
