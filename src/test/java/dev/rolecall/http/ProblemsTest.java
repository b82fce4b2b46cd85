package dev.rolecall.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.Rolecall;
import dev.rolecall.support.Http;
import dev.rolecall.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ProblemsTest {
  private static Rolecall service;
  private static Http http;

  @BeforeAll
  static void start(Vertx vertx) {
    service = TestService.start();
    http = new Http(vertx, service.port());
  }

  @AfterAll
  static void stop() {
    http.close();
    service.close();
  }

  @Test
  void anUnknownApiPathIsANotFoundProblem() {
    JsonObject problem = problem(http.get("/api/no-such-thing"), 404);

    assertThat(problem.getString("type")).endsWith("/not-found");
    assertThat(problem.getString("detail")).contains("/api/no-such-thing");
  }

  @Test
  void aWrongMethodIsAMethodNotAllowedProblem() {
    JsonObject problem = problem(http.send(HttpMethod.DELETE, "/health/ready", "application/json", "{}"), 405);

    assertThat(problem.getString("type")).endsWith("/method-not-allowed");
  }

  static JsonObject problem(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    return problem;
  }
}
