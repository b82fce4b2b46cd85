package dev.rolecall.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The oracle that every test's answers pass: it must refuse what the contract does not say. */
class ContractOracleTest {
  private static final String PROBLEM = "application/problem+json";
  private static final String PROJECT = "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"Bot\",\"createdAt\":\"2026-01-01T00:00:00Z\"}";

  @Test
  void anAnswerAsDeclaredPasses() {
    assertThat(ContractOracle.violation(HttpMethod.GET, "/api/projects/" + UUID.randomUUID(), 200, "application/json",
        Buffer.buffer(PROJECT))).isNull();
    assertThat(ContractOracle.violation(HttpMethod.GET, "/api/projects/" + UUID.randomUUID() + "?x=1", 404, PROBLEM,
        Buffer.buffer("{\"type\":\"/problems/not-found\",\"title\":\"Not found\",\"status\":404}"))).isNull();
  }

  @Test
  void aStatusTheOperationDoesNotDeclareIsRefused() {
    assertThat(ContractOracle.violation(HttpMethod.GET, "/api/projects/" + UUID.randomUUID(), 409, PROBLEM,
        Buffer.buffer("{\"type\":\"x\",\"title\":\"x\",\"status\":409}")))
        .contains("getProject").contains("a status it does not declare");
  }

  @Test
  void aMediaTypeTheAnswerDoesNotDeclareIsRefused() {
    assertThat(ContractOracle.violation(HttpMethod.GET, "/api/projects/" + UUID.randomUUID(), 200, "text/html",
        Buffer.buffer("<p>hi</p>"))).contains("text/html, which it does not declare");
  }

  @Test
  void aBodyItsSchemaRefusesIsRefused() {
    assertThat(ContractOracle.violation(HttpMethod.GET, "/api/projects/" + UUID.randomUUID(), 404, PROBLEM,
        Buffer.buffer("{\"title\":\"Not found\",\"status\":\"404\"}"))).contains("a body its schema refuses");
    assertThat(ContractOracle.violation(HttpMethod.GET, "/api/projects/" + UUID.randomUUID(), 200, "application/json",
        Buffer.buffer("{\"id\":\"not a uuid\",\"name\":\"Bot\"}"))).contains("a body its schema refuses");
  }

  @Test
  void aLiteralPathWinsOverAParameterAndPathsOutsideTheContractAreNotJudged() {
    assertThat(ContractOracle.violation(HttpMethod.POST, "/api/users/bulk/activation", 200, "application/json",
        Buffer.buffer("{\"dryRun\":false,\"results\":[]}"))).isNull();
    assertThat(ContractOracle.violation(HttpMethod.GET, "/users", 200, "text/html", Buffer.buffer("<html>"))).isNull();
  }
}
