package dev.rolecall.dialoglogs;

import static dev.rolecall.dialoglogs.LogsClient.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DialogLogExportTest extends ServiceTest {
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
  private static LogsClient logs;
  private static UUID account;

  @BeforeAll
  static void start(Vertx vertx) {
    account = fixtures.account();
    logs = new LogsClient(api, api.token(fixtures.login(fixtures.user(account, Role.values())), Fixtures.PASSWORD));
  }

  @Test
  void theCsvParsesBackWithQuotesCommasLineBreaksScriptsAndEmoji() {
    UUID project = logs.project("Доставка, \"fast\" " + UUID.randomUUID());
    String key = logs.ingestKey(project).getString("secret");
    String tricky = "He said \"hi\", then left;\r\nnext line: 注文 · مرحبا · Привет 🚚👍🏽";
    logs.ingest(project, key, entry("k1", T0, tricky, "ok, \"done\"\n🙂"));

    HttpResponse<Buffer> csv = logs.export(project, T0, T0.plusSeconds(60), false);

    assertThat(csv.statusCode()).as(csv.bodyAsString()).isEqualTo(200);
    assertThat(csv.getHeader("Content-Type")).isEqualTo("text/csv; charset=utf-8");
    assertThat(csv.getHeader("Content-Disposition")).startsWith("attachment; filename=\"fast-")
        .contains(T0.toString().substring(0, 10) + "-").contains("filename*=UTF-8''%D0%B4%D0%BE%D1%81");
    assertThat(csv.bodyAsString().lines().findFirst()).hasValue(
        "dialog_id,at,project,channel,client_id,request,answer,state,labels");
    List<CSVRecord> records = LogsClient.parse(csv.bodyAsString("UTF-8"));
    assertThat(records).hasSize(1);
    assertThat(records.get(0).get("request")).isEqualTo(tricky);
    assertThat(records.get(0).get("answer")).isEqualTo("ok, \"done\"\n🙂");
    assertThat(records.get(0).get("at")).isEqualTo(T0.toString());
    assertThat(records.get(0).get("labels")).isEqualTo("billing;vip");
    assertThat(records.get(0).get("project")).startsWith("Доставка, \"fast\"");
  }

  @Test
  void formulaCellsAreNeutralisedUnlessRawIsAsked() {
    UUID project = logs.project("Injection " + UUID.randomUUID());
    logs.ingest(project, logs.ingestKey(project).getString("secret"),
        entry("k1", T0, "=HYPERLINK(\"http://evil\")", "+1 555 0100").put("clientId", "@admin"));

    CSVRecord safe = LogsClient.parse(logs.export(project, T0, T0.plusSeconds(1), false).bodyAsString()).get(0);
    CSVRecord raw = LogsClient.parse(logs.export(project, T0, T0.plusSeconds(1), true).bodyAsString()).get(0);

    assertThat(safe.get("request")).isEqualTo("'=HYPERLINK(\"http://evil\")");
    assertThat(safe.get("answer")).isEqualTo("'+1 555 0100");
    assertThat(safe.get("client_id")).isEqualTo("'@admin");
    assertThat(raw.get("request")).isEqualTo("=HYPERLINK(\"http://evil\")");
    assertThat(raw.get("client_id")).isEqualTo("@admin");
  }

  @Test
  void theAccountsObfuscationRulesApplyToRequestsAndAnswers() {
    UUID project = logs.project("Obfuscated " + UUID.randomUUID());
    logs.ingest(project, logs.ingestKey(project).getString("secret"),
        entry("k1", T0, "card 4111 1111 1111 1111 please", "call +44 20 7946 0958"));
    assertThat(logs.rules(new JsonObject().put("pattern", "\\b\\d{4}( ?\\d{4}){3}\\b").put("replacement", "[card]"),
        new JsonObject().put("pattern", "\\+\\d[\\d ]{8,}\\d").put("replacement", "$phone$")).statusCode()).isEqualTo(200);

    CSVRecord record = LogsClient.parse(logs.export(project, T0, T0.plusSeconds(1), true).bodyAsString()).get(0);

    assertThat(record.get("request")).isEqualTo("card [card] please");
    assertThat(record.get("answer")).isEqualTo("call $phone$");
    logs.rules();
  }

  @Test
  void aPatternThatDoesNotCompileIsRefusedNamingItsRule() {
    HttpResponse<Buffer> refused = logs.rules(new JsonObject().put("pattern", "ok").put("replacement", "x"),
        new JsonObject().put("pattern", "(unclosed").put("replacement", "x"));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/rules/1/pattern");
  }

  @Test
  void fromIsInclusiveToIsExclusiveAndTheExportIsAnAuditEvent() {
    UUID project = logs.project("Range " + UUID.randomUUID());
    Instant to = T0.plus(Duration.ofDays(1));
    logs.ingest(project, logs.ingestKey(project).getString("secret"), entry("before", T0.minusMillis(1), "a", "a"),
        entry("first", T0, "b", "b"), entry("last", to.minusMillis(1), "c", "c"), entry("after", to, "d", "d"));

    List<CSVRecord> records = LogsClient.parse(logs.export(project, T0, to, false).bodyAsString());

    assertThat(records).extracting(r -> r.get("dialog_id")).containsExactly("dialog-first", "dialog-last");
    String detail = service.pool().preparedQuery("""
            SELECT detail FROM audit_event WHERE account_id = $1 AND action = 'dialog_logs.exported'
            AND target_id = $2 ORDER BY at DESC LIMIT 1""")
        .execute(Tuple.of(account, project.toString())).await().iterator().next().getString(0);
    assertThat(detail).startsWith("2 rows sent, from " + T0);
  }

  @Test
  void aRangeOverThirtyOneDaysOrBackwardsIsRefused() {
    UUID project = logs.project("Too long " + UUID.randomUUID());

    assertThat(logs.export(project, T0, T0.plus(Duration.ofDays(31)), false).statusCode()).isEqualTo(200);
    assertThat(logs.export(project, T0, T0.plus(Duration.ofDays(31)).plusSeconds(1), false).statusCode()).isEqualTo(400);
    assertThat(logs.export(project, T0, T0, false).statusCode()).isEqualTo(400);
  }

  @Test
  void anotherAccountsProjectIsNotFound() {
    UUID other = fixtures.account();
    LogsClient stranger = new LogsClient(api,
        api.token(fixtures.login(fixtures.user(other, Role.values())), Fixtures.PASSWORD));
    UUID theirs = stranger.project("Theirs " + UUID.randomUUID());

    HttpResponse<Buffer> export = logs.export(theirs, T0, T0.plusSeconds(1), false);

    assertThat(export.statusCode()).isEqualTo(404);
    assertThat(export.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(logs.export(UUID.randomUUID(), T0, T0.plusSeconds(1), false).bodyAsJsonObject().getString("type"))
        .isEqualTo(export.bodyAsJsonObject().getString("type"));
  }
}
