package dev.rolecall.bench;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Token introspection (RFC 7662), Keycloak against Rolecall, same machine, alternating rounds: Keycloak
 * in dev mode with a confidential client asking {@code /realms/R/protocol/openid-connect/token/introspect}
 * about its users' access tokens (60 s long, refreshed before each of its rounds), and a Rolecall
 * instance whose service client asks {@code POST /oauth/introspect} about its users' login tokens. Only
 * answers that are 200 and {@code "active":true} count. Appends req/s per round and the ratio to
 * docs/benchmarks.md, then stops Keycloak.
 * Arguments: KEYCLOAK_HOME [connections (64)] [seconds a round (10)] [cycles (5)] [users a side (100)].
 */
public final class IntrospectionBenchmark {
  private IntrospectionBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    int connections = arg(args, 1, 64);
    Duration round = Duration.ofSeconds(arg(args, 2, 10));
    int cycles = arg(args, 3, 5);
    int users = arg(args, 4, 100);
    List<LoadDriver.Round[]> results = new ArrayList<>();
    String version;
    int warmUps;
    try (BenchInstances instances = new BenchInstances(); Keycloak keycloak = Keycloak.start(home)) {
      version = keycloak.version(home);
      keycloak.setUp(users);
      List<String> refreshTokens = new ArrayList<>();
      List<String> keycloakTokens = new ArrayList<>();
      for (int i = 0; i < users; i++) {
        JsonObject tokens = keycloak.login(Keycloak.user(i));
        refreshTokens.add(tokens.getString("refresh_token"));
        keycloakTokens.add(tokens.getString("access_token"));
      }
      BenchReport.log("Keycloak %s on port %d: %d users logged in", version, keycloak.port, users);

      int port = instances.start(Map.of("ROLECALL_ACCESS_TOKEN_TTL", "1h"));
      List<String> rolecallTokens = rolecallTokens(instances, new Http(port), users);
      BenchInstances.ServiceClient client = instances.serviceClient("introspection-benchmark");

      Supplier<LoadDriver.Request> ofKeycloak = introspection(keycloak.port, keycloak.introspectionPath(),
          keycloak.basic(), keycloakTokens);
      Supplier<LoadDriver.Request> ofRolecall = introspection(port, "/oauth/introspect", client.basic(), rolecallTokens);
      try (LoadDriver driver = new LoadDriver(instances.vertx(), connections)) {
        warmUps = warmUp(driver, keycloak, refreshTokens, keycloakTokens, ofKeycloak, ofRolecall);
        for (int cycle = 1; cycle <= cycles; cycle++) {
          refresh(keycloak, refreshTokens, keycloakTokens);
          LoadDriver.Round theirs = driver.run("Keycloak", round, ofKeycloak);
          LoadDriver.Round ours = driver.run("Rolecall", round, ofRolecall);
          log("cycle " + cycle, theirs, ours);
          results.add(new LoadDriver.Round[] {theirs, ours});
        }
      }
    }
    report(results, version, connections, round, users, warmUps);
    System.exit(0);
  }

  /**
   * Alternating 10 s rounds, unmeasured, until Keycloak's throughput stops climbing (a round less than
   * 10 % above the best before it), at least 5 and at most 15: its JIT takes minutes where Rolecall's takes
   * seconds, and a cold Keycloak would flatter the ratio. Answers the rounds it took.
   */
  private static int warmUp(LoadDriver driver, Keycloak keycloak, List<String> refreshTokens, List<String> accessTokens,
      Supplier<LoadDriver.Request> ofKeycloak, Supplier<LoadDriver.Request> ofRolecall) throws Exception {
    double best = 0;
    for (int i = 1; i <= 15; i++) {
      refresh(keycloak, refreshTokens, accessTokens);
      LoadDriver.Round theirs = driver.run("Keycloak", Duration.ofSeconds(10), ofKeycloak);
      LoadDriver.Round ours = driver.run("Rolecall", Duration.ofSeconds(10), ofRolecall);
      log("warm-up " + i, theirs, ours);
      if (i >= 5 && theirs.perSecond() < best * 1.10) {
        return i;
      }
      best = Math.max(best, theirs.perSecond());
    }
    return 15;
  }

  private static void log(String label, LoadDriver.Round theirs, LoadDriver.Round ours) {
    BenchReport.log("%s: Keycloak %,.0f req/s (%d failed %s), Rolecall %,.0f req/s (%d failed %s)", label,
        theirs.perSecond(), theirs.failed(), theirs.firstFailure() == null ? "" : theirs.firstFailure(),
        ours.perSecond(), ours.failed(), ours.firstFailure() == null ? "" : ours.firstFailure());
  }

  /** A new access token for each Keycloak user, so that none expires within the next round. */
  private static void refresh(Keycloak keycloak, List<String> refreshTokens, List<String> accessTokens)
      throws Exception {
    for (int i = 0; i < refreshTokens.size(); i++) {
      JsonObject tokens = keycloak.refresh(refreshTokens.get(i));
      refreshTokens.set(i, tokens.getString("refresh_token"));
      accessTokens.set(i, tokens.getString("access_token"));
    }
  }

  private static List<String> rolecallTokens(BenchInstances instances, Http http, int count) {
    Fixtures fixtures = instances.fixtures();
    UUID account = instances.adminAccount();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String login = "introspected-" + i + "@bench.example";
      fixtures.user(account, login, true, false, Role.USER);
      tokens.add(http.login(login, Fixtures.PASSWORD));
    }
    return tokens;
  }

  /** Form-encoded {@code token=…} with the client's Basic auth, each request the next user's token. */
  private static Supplier<LoadDriver.Request> introspection(int port, String path, String basic, List<String> tokens) {
    AtomicInteger next = new AtomicInteger();
    return () -> new LoadDriver.Request(HttpMethod.POST, "127.0.0.1", port, path,
        MultiMap.caseInsensitiveMultiMap().add("Authorization", basic)
            .add("Content-Type", "application/x-www-form-urlencoded").add("Accept", "application/json"),
        Buffer.buffer(Keycloak.form(Map.of("token", tokens.get(Math.floorMod(next.getAndIncrement(), tokens.size()))))),
        "\"active\":true");
  }

  private static void report(List<LoadDriver.Round[]> cycles, String version, int connections, Duration round,
      int users, int warmUps) throws Exception {
    StringBuilder table = new StringBuilder();
    List<Double> ratios = new ArrayList<>();
    List<Double> keycloak = new ArrayList<>();
    List<Double> rolecall = new ArrayList<>();
    int n = 0;
    for (LoadDriver.Round[] cycle : cycles) {
      double theirs = cycle[0].perSecond();
      double ours = cycle[1].perSecond();
      keycloak.add(theirs);
      rolecall.add(ours);
      ratios.add(ours / theirs);
      table.append("| %d | %,.0f | %,.0f | %.2f | %d |%n".formatted(++n, theirs, ours, ours / theirs,
          cycle[0].failed() + cycle[1].failed()));
    }
    BenchReport.log("median: Keycloak %,.0f req/s, Rolecall %,.0f req/s, ratio %.2f", BenchReport.median(keycloak),
        BenchReport.median(rolecall), BenchReport.median(ratios));
    BenchReport.append("""
        ## Token introspection, Keycloak against Rolecall (%s)

        Command: see the README (`dependency:unpack@keycloak` then `exec:exec@introspection-benchmark`).
        Keycloak %s in dev mode (`kc.sh start-dev`, its defaults: H2 dev database, in a JVM of its own, on
        the benchmark's JDK with `--add-opens java.base/java.lang=ALL-UNNAMED`, without which its worker
        threads die on JDK 24 and later) and
        one Rolecall instance (in a JVM of its own, embedded PostgreSQL) on the same machine, both up
        throughout; %d users on each side, each logged in once. The load driver (Vert.x HttpClient, %d
        connections, keep-alive, pipelining off, closed loop, in the benchmark's JVM) alternates rounds
        of %d s, after %d unmeasured pairs of 10 s rounds that went on until Keycloak's throughput
        stopped climbing (at least 5; the last less than 10 %% above the best before it: its JIT takes
        minutes). Keycloak's
        `POST /realms/R/protocol/openid-connect/token/introspect` with its confidential client's HTTP Basic,
        about its users' access tokens (realm access tokens last 60 s: each is refreshed before every
        Keycloak round), against Rolecall's `POST /oauth/introspect` with a service client's HTTP Basic,
        about its users' login tokens. Both get the form `token=…`, each request the next user's token;
        only a 200 with `"active":true` counts.

        | cycle | Keycloak req/s | Rolecall req/s | Rolecall ÷ Keycloak | failed |
        |--:|--:|--:|--:|--:|
        %s
        Medians: Keycloak **%,.0f** req/s, Rolecall **%,.0f** req/s; ratio Rolecall ÷ Keycloak **%.2f**.

        Machine: %s
        """.formatted(BenchReport.now(), version, users, connections, round.toSeconds(), warmUps, table,
        BenchReport.median(keycloak), BenchReport.median(rolecall), BenchReport.median(ratios),
        BenchReport.machine()));
  }

  private static int arg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
