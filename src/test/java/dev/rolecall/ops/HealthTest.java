package dev.rolecall.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.Rolecall;
import dev.rolecall.db.EmbeddedDatabase;
import dev.rolecall.support.Api;
import dev.rolecall.support.TestDatabase;
import dev.rolecall.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class HealthTest {

  @Test
  void readinessFollowsTheDatabase(Vertx vertx) {
    EmbeddedDatabase database = EmbeddedDatabase.start(TestDatabase.tempDir("rolecall-ready"));
    try (Rolecall service = TestService.start(database.url()); Api http = new Api(vertx, service)) {
      assertThat(http.get("/health/live").bodyAsJsonObject().getString("status")).isEqualTo("UP");
      assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);

      database.close();

      HttpResponse<Buffer> notReady = http.get("/health/ready");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(notReady.bodyAsJsonObject().getString("type")).endsWith("/not-ready");
      assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
    } finally {
      database.close();
    }
  }

  @Test
  void metricsAreInPrometheusTextFormatOnTheManagementPortOnly(Vertx vertx) {
    try (Rolecall service = TestService.start(); Api http = new Api(vertx, service);
        Api management = Api.outsideTheContract(vertx, service.managementPort())) {
      http.get("/health/live");
      assertThat(http.get("/metrics").statusCode()).isEqualTo(404);

      HttpResponse<Buffer> metrics = management.get("/metrics");

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.getHeader("Content-Type")).startsWith("text/plain");
      assertThat(metrics.bodyAsString())
          .contains("# TYPE vertx_http_server_requests_total counter")
          .contains("route=\"/health/live\"")
          .contains("jvm_memory_used_bytes");
      assertThat(management.get("/api/me").statusCode()).isEqualTo(404);
    }
  }
}
