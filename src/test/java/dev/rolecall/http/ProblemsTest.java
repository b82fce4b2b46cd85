package dev.rolecall.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.support.ServiceTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

class ProblemsTest extends ServiceTest {

  @Test
  void anUnknownApiPathIsANotFoundProblem() {
    JsonObject problem = problem(api.get("/api/no-such-thing"), 404);

    assertThat(problem.getString("type")).endsWith("/not-found");
    assertThat(problem.getString("detail")).contains("/api/no-such-thing");
  }

  @Test
  void aWrongMethodIsAMethodNotAllowedProblem() {
    JsonObject problem = problem(api.call(HttpMethod.DELETE, "/health/ready", null, new JsonObject()), 405);

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
