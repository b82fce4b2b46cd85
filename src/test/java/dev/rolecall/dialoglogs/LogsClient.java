package dev.rolecall.dialoglogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.support.Api;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The calls of the dialog log tests: projects, keys, batches and exports, as a script or a bot makes them. */
final class LogsClient {
  private final Api api;
  private final String token;

  LogsClient(Api api, String token) {
    this.api = api;
    this.token = token;
  }

  UUID project(String name) {
    HttpResponse<Buffer> created = api.call(HttpMethod.POST, "/api/projects", token, new JsonObject().put("name", name));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return UUID.fromString(created.bodyAsJsonObject().getString("id"));
  }

  JsonObject ingestKey(UUID project) {
    HttpResponse<Buffer> created = api.call(HttpMethod.POST, "/api/projects/" + project + "/ingest-keys", token, null);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  HttpResponse<Buffer> ingest(UUID project, String key, JsonObject... entries) {
    var request = api.client().post("/api/projects/" + project + "/dialog-logs");
    if (key != null) {
      request.putHeader("X-Ingest-Key", key);
    }
    return request.sendJsonObject(new JsonObject().put("entries", new JsonArray(List.of((Object[]) entries)))).await();
  }

  HttpResponse<Buffer> export(UUID project, Instant from, Instant to, boolean raw) {
    return api.get("/api/projects/" + project + "/dialog-logs.csv?from=" + encode(from) + "&to=" + encode(to)
        + (raw ? "&raw=true" : ""), token);
  }

  HttpResponse<Buffer> rules(JsonObject... rules) {
    return api.call(HttpMethod.PUT, "/api/obfuscation-rules", token,
        new JsonObject().put("rules", new JsonArray(List.of((Object[]) rules))));
  }

  static JsonObject entry(String key, Instant at, String request, String answer) {
    return new JsonObject().put("idempotencyKey", key).put("dialogId", "dialog-" + key).put("at", at.toString())
        .put("channel", "web").put("clientId", "client-1").put("request", request).put("answer", answer)
        .put("state", "faq").put("labels", new JsonArray().add("billing").add("vip"));
  }

  static List<CSVRecord> parse(String csv) {
    try {
      return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
          .parse(new StringReader(csv)).getRecords();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String encode(Instant instant) {
    return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
  }
}
