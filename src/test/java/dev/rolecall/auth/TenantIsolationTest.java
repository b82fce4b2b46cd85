package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * No operation reaches another account's data: generated from the contract, every operation with path
 * parameters is called by account A's administrator with the ids of account B's resources, and must
 * answer 404 (as for an id that exists nowhere) and leave B's rows as they were.
 */
class TenantIsolationTest extends ServiceTest {
  private static UUID accountA;
  private static UUID accountB;
  private static UUID adminOfA;
  private static UUID userOfA;

  /**
   * How to create, in account B, the resource a path parameter names. An operation whose path parameter is
   * missing here fails the test: add the parameter when adding the operation.
   */
  private static final Map<String, Function<UUID, UUID>> RESOURCES_OF_B = Map.ofEntries(
      Map.entry("userId", accountB -> fixtures.user(accountB, Role.USER, Role.OPERATOR)),
      Map.entry("tokenId", accountB -> fixtures.apiToken(fixtures.user(accountB, Role.RAWLOGS_ANALYTIC))),
      Map.entry("projectId", accountB -> projectOf(accountB)),
      Map.entry("keyId", accountB -> ingestKeyOf(projectOf(accountB))),
      Map.entry("secretId", accountB -> secretOf(projectOf(accountB))),
      Map.entry("trunkId", accountB -> trunkOf(accountB)));

  /** Values of required query parameters, so that the call reaches the account check rather than a 400. */
  private static final Map<String, String> QUERY = Map.of("from", "2025-01-01T00:00:00Z", "to", "2025-01-02T00:00:00Z");

  /**
   * Header parameters sent with every operation declaring them: {@code If-Match: *} matches any version, the
   * strongest attempt to change B's resource. A required header missing here fails the test.
   */
  private static final Map<String, String> HEADERS = Map.of("If-Match", "*");
  /** An answer that never comes fails the call rather than hanging the build. */
  private static final long TIMEOUT_MS = 10_000;

  @BeforeAll
  static void start(Vertx vertx) throws InterruptedException {
    accountA = fixtures.account();
    accountB = fixtures.account();
    // A's administrator holds every role, so that no operation's permission list refuses them (ADMIN alone
    // lacks the dialer module's): any refusal must then come from the account boundary.
    adminOfA = fixtures.user(accountA, Role.values());
    userOfA = fixtures.user(accountA, Role.USER);
    fixtures.user(accountB, Role.ADMIN);
    fixtures.user(accountB, Role.ANALYST, Role.DIALER_USER);
    Thread.sleep(5); // tokens carry milliseconds and must be issued after their user's creation
  }

  @TestFactory
  Stream<DynamicTest> everyOperationWithPathParametersAnswers404ForAnotherAccountsIds() {
    List<ContractAccessTest.Contract.Op> ops = ContractAccessTest.Contract.operations().stream()
        .filter(op -> !op.pathParameters().isEmpty())
        .filter(op -> op.access().concernsUsers())
        .toList();
    assertThat(ops).as("operations with path parameters (the generator found none)").isNotEmpty();
    System.out.printf("TenantIsolationTest: %d operations with path parameters: %s%n", ops.size(), ops);
    return ops.stream().map(op -> DynamicTest.dynamicTest(op.toString(), () -> checkIsolated(op)));
  }

  private static void checkIsolated(ContractAccessTest.Contract.Op op) {
    Map<String, UUID> idsOfB = new LinkedHashMap<>();
    for (String parameter : op.pathParameters()) {
      Function<UUID, UUID> create = RESOURCES_OF_B.get(parameter);
      if (create == null) {
        fail("%s has the path parameter '%s', which TenantIsolationTest cannot fill: add to RESOURCES_OF_B how to"
            + " create such a resource in account B", op, parameter);
      }
      idsOfB.put(parameter, create.apply(accountB));
    }
    Set<Permission> held = EnumSet.noneOf(Permission.class);
    for (Role role : Role.values()) {
      held.addAll(role.permissions());
    }
    assertThat(held).as("A's administrator holds what %s needs", op).containsAll(op.access().permissions());
    Object body = body(op);
    Map<String, String> headers = headers(op);
    String before = snapshotOfB();

    HttpResponse<Buffer> answer = call(op, path(op, idsOfB), headers, body);
    HttpResponse<Buffer> nowhere = call(op, path(op, Map.of()), headers, body);

    assertThat(answer.statusCode()).as("%s by A's admin with B's ids %s: %s", op, idsOfB, answer.bodyAsString())
        .isEqualTo(404);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(snapshotOfB()).as("B's rows after %s by A's admin", op).isEqualTo(before);
    // B's ids are answered as ids that exist nowhere: the answer tells nothing of other accounts.
    assertThat(nowhere.statusCode()).as("%s with random ids: %s", op, nowhere.bodyAsString()).isEqualTo(404);
    for (String field : List.of("type", "title", "status")) {
      assertThat(answer.bodyAsJsonObject().getValue(field)).as("%s: %s", op, field)
          .isEqualTo(nowhere.bodyAsJsonObject().getValue(field));
    }
  }

  @Test
  void anAdminReadsTheirOwnAccountsUserButNotAnotherAccounts() {
    UUID userOfB = fixtures.user(accountB, Role.USER);
    String token = token(adminOfA, accountA);

    HttpResponse<Buffer> own = api.get("/api/users/" + userOfA + "/permissions", token);
    HttpResponse<Buffer> other = api.get("/api/users/" + userOfB + "/permissions", token);

    assertThat(own.statusCode()).as(own.bodyAsString()).isEqualTo(200);
    assertThat(own.bodyAsJsonArray()).isNotEmpty();
    assertThat(other.statusCode()).as(other.bodyAsString()).isEqualTo(404);
    assertThat(other.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(other.bodyAsJsonObject().getString("type")).endsWith("/not-found");
    assertThat(other.bodyAsString()).doesNotContain("USERS_VIEW");
    UUID adminOfB = fixtures.user(accountB, Role.ADMIN);
    assertThat(api.get("/api/users/" + userOfB + "/permissions", token(adminOfB, accountB)).statusCode())
        .as("B's own admin reads B's user").isEqualTo(200);
  }

  /** The example body of an operation that requires one; the contract must give it. */
  private static Object body(ContractAccessTest.Contract.Op op) {
    JsonObject requestBody = op.requestBody();
    if (requestBody == null || !requestBody.getBoolean("required", false)) {
      return null;
    }
    JsonObject json = requestBody.getJsonObject("content", new JsonObject()).getJsonObject("application/json");
    if (json != null && json.containsKey("example")) {
      return json.getValue("example");
    }
    if (json != null && json.getJsonObject("examples") != null && !json.getJsonObject("examples").isEmpty()) {
      JsonObject first = ContractAccessTest.Contract.resolve(
          (JsonObject) json.getJsonObject("examples").iterator().next().getValue());
      return first.getValue("value");
    }
    return fail("%s requires a request body: give its application/json content an 'example' in openapi.yaml,"
        + " which TenantIsolationTest sends", op);
  }

  private static Map<String, String> headers(ContractAccessTest.Contract.Op op) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (JsonObject parameter : op.parameters()) {
      if ("header".equals(parameter.getString("in"))) {
        String name = parameter.getString("name");
        String value = HEADERS.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
            .map(Map.Entry::getValue).findFirst().orElse(null);
        if (value != null) {
          headers.put(name, value);
        } else if (parameter.getBoolean("required", false)) {
          fail("%s requires the header '%s': add a value for it to TenantIsolationTest.HEADERS", op, name);
        }
      }
    }
    return headers;
  }

  /** The operation's path with the given ids; a parameter not given gets a random id. */
  private static String path(ContractAccessTest.Contract.Op op, Map<String, UUID> ids) {
    String path = op.path();
    for (String parameter : op.pathParameters()) {
      path = path.replace("{" + parameter + "}", ids.getOrDefault(parameter, UUID.randomUUID()).toString());
    }
    String separator = "?";
    for (JsonObject parameter : op.parameters()) {
      if ("query".equals(parameter.getString("in")) && parameter.getBoolean("required", false)) {
        String value = QUERY.get(parameter.getString("name"));
        if (value == null) {
          fail("%s requires the query parameter '%s': add a value for it to TenantIsolationTest.QUERY", op,
              parameter.getString("name"));
        }
        path += separator + parameter.getString("name") + "=" + value;
        separator = "&";
      }
    }
    return path;
  }

  private static UUID projectOf(UUID account) {
    return service.pool().preparedQuery("INSERT INTO project (account_id, name) VALUES ($1, $2) RETURNING id")
        .execute(Tuple.of(account, "Project " + UUID.randomUUID())).await().iterator().next().getUUID(0);
  }

  private static UUID ingestKeyOf(UUID project) {
    return service.pool().preparedQuery("""
            INSERT INTO ingest_key (account_id, project_id, prefix, digest)
            SELECT account_id, id, 'rci_test', sha256(gen_random_uuid()::text::bytea) FROM project WHERE id = $1
            RETURNING id""").execute(Tuple.of(project)).await().iterator().next().getUUID(0);
  }

  private static UUID secretOf(UUID project) {
    return service.pool().preparedQuery("""
            INSERT INTO project_secret (account_id, project_id, name, value_ciphertext, created_by, updated_by)
            SELECT account_id, id, 'TOKEN', '\\x00'::bytea, 'b@example.com', 'b@example.com' FROM project WHERE id = $1
            RETURNING id""").execute(Tuple.of(project)).await().iterator().next().getUUID(0);
  }

  private static UUID trunkOf(UUID account) {
    return service.pool().preparedQuery(
            "INSERT INTO sip_trunk (account_id, name, host, port, transport) VALUES ($1, $2, 'sip.b.example', 5060, 'udp')"
            + " RETURNING id").execute(Tuple.of(account, "Trunk " + UUID.randomUUID())).await().iterator().next().getUUID(0);
  }

  private static HttpResponse<Buffer> call(ContractAccessTest.Contract.Op op, String path, Map<String, String> headers,
      Object body) {
    HttpRequest<Buffer> request = api.client().request(HttpMethod.valueOf(op.method().toUpperCase()), path)
        .bearerTokenAuthentication(token(adminOfA, accountA))
        .timeout(TIMEOUT_MS);
    headers.forEach(request::putHeader);
    return (body == null ? request.send() : request.sendJson(body)).await();
  }

  private static String token(UUID user, UUID account) {
    return service.auth().tokens().issue(user, account, Instant.now()).token();
  }

  /**
   * Every row of account B, as text: the account, each table with an account_id, and each table keyed by
   * a user of B. Read from the schema, so tables added later are covered.
   */
  private static String snapshotOfB() {
    StringBuilder snapshot = new StringBuilder();
    snapshot.append(rows("SELECT to_jsonb(t)::text FROM account t WHERE id = $1 ORDER BY 1"));
    for (Row table : service.pool().preparedQuery("""
            SELECT table_name::text, bool_or(column_name = 'account_id')
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name IN ('account_id', 'user_id')
            GROUP BY table_name ORDER BY table_name""").execute().await()) {
      String name = table.getString(0);
      snapshot.append(table.getBoolean(1)
          ? rows("SELECT to_jsonb(t)::text FROM " + name + " t WHERE account_id = $1 ORDER BY 1")
          : rows("SELECT to_jsonb(t)::text FROM " + name + " t WHERE user_id IN"
              + " (SELECT id FROM app_user WHERE account_id = $1) ORDER BY 1"));
    }
    assertThat(snapshot.toString()).as("B's rows").contains("\"account_id\"");
    return snapshot.toString();
  }

  private static String rows(String sql) {
    StringBuilder text = new StringBuilder(sql).append('\n');
    for (Row row : service.pool().preparedQuery(sql).execute(Tuple.of(accountB)).await()) {
      text.append(row.getString(0)).append('\n');
    }
    return text.toString();
  }
}
