package dev.rolecall.bench;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The authorized request against the unauthorized one, same run: one instance in a JVM of its own,
 * 1,000 users logged in (real password logins), then alternating rounds of {@code GET /health/live},
 * {@code GET /api/me} (each request another user's token, in turn) and {@code POST /api/access/decisions}
 * with 20 checks (a service client asking about those users' tokens), driven by {@link LoadDriver}.
 * Appends req/s per round and the median ratios to docs/benchmarks.md.
 * Arguments: [connections (64)] [seconds a round (10)] [cycles (5)] [users (1000)].
 */
public final class ApiBenchmark {
  /** Permission names and operationIds, as a service would ask before drawing its screen. */
  static final List<String> CHECKS = List.of("USERS_VIEW", "USERS_EDIT", "USER_ROLES_VIEW", "USER_ROLES_EDIT",
      "PROJECTS_VIEW", "PROJECTS_EDIT", "CHANNELS_VIEW", "CHANNELS_EDIT", "ANALYTICS_VIEW", "DIALOG_LOGS_EXPORT",
      "CAMPAIGNS_VIEW", "CAMPAIGNS_CONTROL", "listUsers", "getUser", "updateUser", "listProjects", "createProject",
      "exportDialogLogs", "listAuditEvents", "listRoles");

  private ApiBenchmark() {
  }

  enum Kind {
    HEALTH("GET /health/live"), ME("GET /api/me"), DECISIONS("POST /api/access/decisions, 20 checks"),
    /** Tells the cost of a request to the decision API from the cost of its checks. */
    DECISION("POST /api/access/decisions, 1 check");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  public static void main(String[] args) throws Exception {
    int connections = arg(args, 0, 64);
    Duration round = Duration.ofSeconds(arg(args, 1, 10));
    int cycles = arg(args, 2, 5);
    int userCount = arg(args, 3, 1000);
    List<Map<Kind, LoadDriver.Round>> results = new ArrayList<>();
    try (BenchInstances instances = new BenchInstances()) {
      int port = instances.start(Map.of("ROLECALL_ACCESS_TOKEN_TTL", "1h"));
      List<String> tokens = logIn(instances, new Http(port), userCount);
      BenchInstances.ServiceClient client = serviceClient(instances);
      List<Kind> kinds = client == null ? List.of(Kind.HEALTH, Kind.ME) : List.of(Kind.values());
      try (LoadDriver driver = new LoadDriver(instances.vertx(), connections)) {
        Map<Kind, Supplier<LoadDriver.Request>> requests = requests(port, tokens, client);
        for (Kind kind : kinds) {
          LoadDriver.Round warm = driver.run("warm-up " + kind, Duration.ofSeconds(10), requests.get(kind));
          BenchReport.log("warm-up %s: %,.0f req/s, %d failed %s", kind.label, warm.perSecond(), warm.failed(),
              warm.firstFailure() == null ? "" : warm.firstFailure());
        }
        for (int cycle = 1; cycle <= cycles; cycle++) {
          Map<Kind, LoadDriver.Round> rounds = new java.util.EnumMap<>(Kind.class);
          for (Kind kind : kinds) {
            LoadDriver.Round result = driver.run(kind.label, round, requests.get(kind));
            rounds.put(kind, result);
            BenchReport.log("cycle %d, %s: %,.0f req/s, %d failed %s", cycle, kind.label, result.perSecond(),
                result.failed(), result.firstFailure() == null ? "" : result.firstFailure());
          }
          results.add(rounds);
        }
      }
    }
    report(results, connections, round, userCount);
    System.exit(0);
  }

  /** The service client that asks the decision API, or none on a build without service clients. */
  private static BenchInstances.ServiceClient serviceClient(BenchInstances instances) {
    try {
      return instances.serviceClient("api-benchmark");
    } catch (Exception e) {
      BenchReport.log("no service client (%s): the decision API's rounds are left out", e.getMessage().strip());
      return null;
    }
  }

  /** Users with {@code seed-users}' role mixes, each logged in once over the API, 8 logins at a time. */
  private static List<String> logIn(BenchInstances instances, Http http, int count) throws Exception {
    Fixtures fixtures = instances.fixtures();
    UUID account = instances.adminAccount();
    List<String> logins = new ArrayList<>();
    for (Map.Entry<String, Set<Role>> user : DecideBenchmark.users().entrySet()) {
      if (logins.size() == count) {
        break;
      }
      String login = "api-" + user.getKey();
      fixtures.user(account, login, true, false, user.getValue().toArray(Role[]::new));
      logins.add(login);
    }
    long started = System.nanoTime();
    List<String> tokens = new ArrayList<>();
    try (ExecutorService logging = Executors.newFixedThreadPool(8)) {
      List<Future<String>> pending = logins.stream()
          .map(login -> logging.submit(() -> http.login(login, Fixtures.PASSWORD))).toList();
      for (Future<String> token : pending) {
        tokens.add(token.get());
      }
    }
    BenchReport.log("%d users logged in in %.1f s", tokens.size(), (System.nanoTime() - started) / 1e9);
    return tokens;
  }

  private static Map<Kind, Supplier<LoadDriver.Request>> requests(int port, List<String> tokens,
      BenchInstances.ServiceClient client) {
    AtomicInteger next = new AtomicInteger();
    Supplier<String> token = () -> tokens.get(Math.floorMod(next.getAndIncrement(), tokens.size()));
    List<Buffer> bodies = tokens.stream()
        .map(t -> new JsonObject().put("token", t).put("checks", new JsonArray(CHECKS)).toBuffer()).toList();
    List<Buffer> single = tokens.stream()
        .map(t -> new JsonObject().put("token", t).put("checks", new JsonArray().add(CHECKS.get(0))).toBuffer()).toList();
    MultiMap none = MultiMap.caseInsensitiveMultiMap();
    String basic = client == null ? "" : client.basic();
    return Map.of(
        Kind.HEALTH, () -> new LoadDriver.Request(HttpMethod.GET, "127.0.0.1", port, "/health/live", none, null),
        Kind.ME, () -> new LoadDriver.Request(HttpMethod.GET, "127.0.0.1", port, "/api/me",
            MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token.get()), null),
        Kind.DECISIONS, () -> new LoadDriver.Request(HttpMethod.POST, "127.0.0.1", port, "/api/access/decisions",
            MultiMap.caseInsensitiveMultiMap().add("Authorization", basic)
                .add("Content-Type", "application/json"),
            bodies.get(Math.floorMod(next.getAndIncrement(), bodies.size()))),
        Kind.DECISION, () -> new LoadDriver.Request(HttpMethod.POST, "127.0.0.1", port, "/api/access/decisions",
            MultiMap.caseInsensitiveMultiMap().add("Authorization", basic)
                .add("Content-Type", "application/json"),
            single.get(Math.floorMod(next.getAndIncrement(), single.size()))));
  }

  private static void report(List<Map<Kind, LoadDriver.Round>> cycles, int connections, Duration round, int users)
      throws Exception {
    StringBuilder table = new StringBuilder();
    List<Double> meRatios = new ArrayList<>();
    List<Double> decisionRatios = new ArrayList<>();
    int n = 0;
    for (Map<Kind, LoadDriver.Round> cycle : cycles) {
      double health = cycle.get(Kind.HEALTH).perSecond();
      double me = cycle.get(Kind.ME).perSecond();
      double decisions = cycle.containsKey(Kind.DECISIONS) ? cycle.get(Kind.DECISIONS).perSecond() : Double.NaN;
      double decision = cycle.containsKey(Kind.DECISION) ? cycle.get(Kind.DECISION).perSecond() : Double.NaN;
      meRatios.add(me / health);
      if (!Double.isNaN(decisions)) {
        decisionRatios.add(decisions / health);
      }
      long failed = cycle.values().stream().mapToLong(LoadDriver.Round::failed).sum();
      table.append("| %d | %,.0f | %,.0f | %,.0f | %,.0f | %.2f | %.2f | %d |%n".formatted(++n, health, me, decisions,
          decision, me / health, decisions / health, failed));
    }
    double decisionRatio = decisionRatios.isEmpty() ? Double.NaN : BenchReport.median(decisionRatios);
    String summary = "median ratio /api/me ÷ /health/live %.2f (target ≥ 0.7), decisions ÷ /health/live %.2f"
        .formatted(BenchReport.median(meRatios), decisionRatio);
    BenchReport.log(summary);
    BenchReport.append("""
        ## /api/me and the decision API against /health/live (%s)

        Command: `./mvnw -DskipTests test-compile exec:exec@api-benchmark`. One instance in a JVM of its
        own (`ROLECALL_ACCESS_TOKEN_TTL=1h`, pool of 8) over an embedded PostgreSQL; %,d users with
        `seed-users`' role mixes, each logged in once over the API (a real password login). The load
        driver (Vert.x HttpClient, %d connections, HTTP/1.1 keep-alive, pipelining off, closed loop) runs
        in the benchmark's JVM on the same 2 cores: rounds of %d s, one of each kind in turn, after a
        10 s warm-up of each. `/api/me` sends each request with the next user's token, so the %,d tokens
        take turns; the decision API is asked by one service client (HTTP Basic) about the same tokens,
        20 checks each (12 permissions, 8 operationIds), and, to tell the cost of the request from that
        of its checks, with 1 check. Every answer counted is a 200 read whole.

        | cycle | /health/live req/s | /api/me req/s | decisions (20 checks) req/s | decisions (1 check) req/s | me ÷ health | decisions (20) ÷ health | failed |
        |--:|--:|--:|--:|--:|--:|--:|--:|
        %s
        Median ratios: `/api/me` ÷ `/health/live` **%.2f** (target ≥ 0.7); decisions ÷ `/health/live`
        **%.2f**.

        Machine: %s
        """.formatted(BenchReport.now(), users, connections, round.toSeconds(), users, table,
        BenchReport.median(meRatios), decisionRatio, BenchReport.machine()));
  }

  private static int arg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
