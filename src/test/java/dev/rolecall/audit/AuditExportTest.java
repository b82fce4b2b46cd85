package dev.rolecall.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The log as CSV: streamed, parseable, safe to open in a spreadsheet, and itself recorded. */
class AuditExportTest extends ServiceTest {
  private static final String FORMULA_AGENT = "=cmd|' /C calc'!A0";

  @BeforeAll
  static void start(Vertx vertx) {
    new AuditPartitions(service.pool(), new AuditConfig(400)).maintain(Instant.now()).await();
  }

  @Test
  void theExportParsesBackWithFormulasNeutralisedAndIsItselfAnEvent() throws IOException {
    UUID account = fixtures.account();
    String token = loginWithAgent(fixtures.login(fixtures.user(account, Role.ADMIN)), FORMULA_AGENT);
    bulk(account, "test.named", 1, "=SUM(A1:A9)");

    HttpResponse<Buffer> answer = api.get("/api/audit-events.csv", token);

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("text/csv; charset=utf-8");
    assertThat(answer.getHeader("Content-Disposition"))
        .matches("attachment; filename=\"audit-events-\\d{4}-\\d{2}-\\d{2}\\.csv\"");
    List<CSVRecord> records = parse(answer.bodyAsString());
    assertThat(records).hasSize(2);
    assertThat(records.get(0).getParser().getHeaderNames()).containsExactly("id", "at", "actorId", "actorLogin",
        "actorCredential", "action", "targetType", "targetId", "targetLabel", "changes", "sourceIp", "userAgent", "outcome", "detail");
    assertThat(byAction(records, "auth.login_succeeded").get("userAgent")).isEqualTo("'" + FORMULA_AGENT);
    assertThat(byAction(records, "test.named").get("targetLabel")).isEqualTo("'=SUM(A1:A9)");

    var exported = api.get("/api/audit-events?action=audit.exported", token).bodyAsJsonObject().getJsonArray("items");
    assertThat(exported).hasSize(1);
    assertThat(exported.getJsonObject(0).getString("outcome")).isEqualTo("ok");
    assertThat(detail(account, "audit.exported")).isEqualTo("2 rows");
  }

  @Test
  void aLargeExportStreamsEveryRowOnceWithTheFilters() throws IOException {
    UUID account = fixtures.account();
    String token = api.token(fixtures.login(fixtures.user(account, Role.ADMIN)), Fixtures.PASSWORD);
    bulk(account, "test.bulk", 3000, "label");

    String csv = api.get("/api/audit-events.csv?action=test.bulk", token).bodyAsString();

    List<CSVRecord> records = parse(csv);
    assertThat(records).hasSize(3000);
    assertThat(records.stream().map(r -> r.get("id")).distinct().count()).isEqualTo(3000);
    assertThat(detail(account, "audit.exported")).isEqualTo("3000 rows, filters {action=test.bulk}");
  }

  @Test
  void aClientLeavingMidwayStopsTheQueryAndTheExportIsRecordedAsFailed(Vertx vertx) throws Exception {
    UUID account = fixtures.account();
    String token = api.token(fixtures.login(fixtures.user(account, Role.ADMIN)), Fixtures.PASSWORD);
    bulk(account, "test.abandoned", 20000, "x".repeat(390));
    HttpClient client = vertx.createHttpClient();

    client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(service.port())
            .setURI("/api/audit-events.csv?action=test.abandoned").putHeader("Authorization", "Bearer " + token))
        .compose(request -> request.send().map(response -> {
          response.exceptionHandler(closedOnPurpose -> { });
          return request;
        }))
        .compose(request -> request.connection().close())
        .await();

    String detail = null;
    for (int i = 0; i < 100 && detail == null; i++) {
      Thread.sleep(50);
      detail = detailOrNull(account, "audit.exported");
    }
    assertThat(detail).startsWith("the client disconnected after ");
    int sent = Integer.parseInt(detail.replaceAll("\\D+", " ").trim().split(" ")[0]);
    assertThat(sent).as("rows read before the query stopped").isLessThan(20000);
    assertThat(outcome(account, "audit.exported")).isEqualTo("failed");
    client.close().await();
  }

  private static String loginWithAgent(String login, String userAgent) {
    var answer = api.client().post("/api/auth/login").putHeader("User-Agent", userAgent)
        .sendJsonObject(new JsonObject().put("login", login).put("password", Fixtures.PASSWORD)).await();
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject().getString("accessToken");
  }

  private static void bulk(UUID account, String action, int count, String label) {
    service.pool().preparedQuery("""
            INSERT INTO audit_event (at, account_id, action, target_type, target_label, outcome)
            SELECT now() - make_interval(secs => n), $1, $2, 'user', $3, 'ok' FROM generate_series(1, $4) AS n""")
        .execute(Tuple.of(account, action, label, count)).await();
  }

  private static List<CSVRecord> parse(String csv) throws IOException {
    return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
        .getRecords();
  }

  private static CSVRecord byAction(List<CSVRecord> records, String action) {
    return records.stream().filter(r -> r.get("action").equals(action)).findFirst().orElseThrow();
  }

  private static String detail(UUID account, String action) {
    String detail = detailOrNull(account, action);
    assertThat(detail).isNotNull();
    return detail;
  }

  private static String detailOrNull(UUID account, String action) {
    var rows = service.pool().preparedQuery("SELECT detail FROM audit_event WHERE account_id = $1 AND action = $2")
        .execute(Tuple.of(account, action)).await();
    return rows.size() == 0 ? null : rows.iterator().next().getString(0);
  }

  private static String outcome(UUID account, String action) {
    return service.pool().preparedQuery("SELECT outcome FROM audit_event WHERE account_id = $1 AND action = $2")
        .execute(Tuple.of(account, action)).await().iterator().next().getString(0);
  }
}
