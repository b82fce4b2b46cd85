package dev.rolecall.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RouterContractTest {

  @Test
  void theRouterGetsOnlyTheResponseMediaTypesItCanLoad() {
    JsonObject contract = RouterContract.fromYaml("""
        openapi: 3.1.0
        paths:
          /x:
            get:
              responses:
                200:
                  content:
                    application/json: { schema: { type: object } }
                    text/csv: { schema: { type: string } }
                404:
                  content:
                    application/problem+json: { schema: { type: object } }
        """);

    JsonObject responses = contract.getJsonObject("paths").getJsonObject("/x").getJsonObject("get").getJsonObject("responses");
    assertThat(responses.getJsonObject("200").getJsonObject("content").fieldNames()).containsExactly("application/json");
    assertThat(responses.getJsonObject("404").containsKey("content")).isFalse();
  }
}
