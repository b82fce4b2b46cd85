package dev.rolecall.bench;

import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Cross-instance revocation: two instances over one database. Each trial deactivates a user through
 * instance A ({@code PATCH /api/users/{id}} with {@code active: false}) while a prober asks instance B
 * {@code GET /api/me} with that user's token, one request after the other, from before the change until
 * the first refusal. Reports the time from A's answer, and from sending the change, to B's first refusal
 * (the moment its answer arrived), p50/p99/max over the trials, into docs/benchmarks.md.
 */
public final class RevocationBenchmark {
  private static final int TRIALS = 100;
  private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

  private RevocationBenchmark() {
  }

  record Trial(double fromAnswerMs, double fromSendMs, int probesAfterAnswer, int refusal, double probeMs) {
  }

  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : TRIALS;
    Map<String, String> settings = Map.of("ROLECALL_ACCESS_TOKEN_TTL", "1h");
    List<Trial> results = new ArrayList<>();
    try (BenchInstances instances = new BenchInstances()) {
      Http a = new Http(instances.start(settings));
      Http b = new Http(instances.start(settings));
      String admin = a.login(BenchInstances.ADMIN_LOGIN, BenchInstances.adminPassword());
      Fixtures fixtures = instances.fixtures();
      UUID account = instances.adminAccount();
      for (int i = 0; i < trials; i++) {
        UUID user = fixtures.user(account, Role.USER);
        String token = b.login(fixtures.login(user), Fixtures.PASSWORD);
        Trial trial = trial(a, b, admin, user, token);
        results.add(trial);
        BenchReport.log("trial %3d: refused by B %.2f ms after A's answer, %.2f ms after the send (%d probes after the answer, status %d)",
            i + 1, trial.fromAnswerMs(), trial.fromSendMs(), trial.probesAfterAnswer(), trial.refusal());
      }
    }
    report(results);
    System.exit(0);
  }

  private static Trial trial(Http a, Http b, String admin, UUID user, String token) throws Exception {
    long[] refusedAt = {0};
    int[] refusal = {0};
    long[] answeredAt = {Long.MAX_VALUE};
    int[] probesAfter = {0};
    long[] probeNanos = {0, 0};
    CountDownLatch warm = new CountDownLatch(3);
    Thread prober = Thread.ofPlatform().start(() -> {
      long started = System.nanoTime();
      while (System.nanoTime() - started < GIVE_UP_NANOS) {
        long probeSent = System.nanoTime();
        HttpResponse<String> answer = b.send("GET", "/api/me", token, null);
        long at = System.nanoTime();
        probeNanos[0] += at - probeSent;
        probeNanos[1]++;
        if (at > answeredAt[0]) {
          probesAfter[0]++;
        }
        if (answer.statusCode() != 200) {
          refusedAt[0] = at;
          refusal[0] = answer.statusCode();
          return;
        }
        warm.countDown();
      }
    });
    if (!warm.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("instance B did not accept the user's token");
    }
    long sent = System.nanoTime();
    HttpResponse<String> changed = a.send("PATCH", "/api/users/" + user, admin, new JsonObject().put("active", false),
        "If-Match", "*");
    long answered = System.nanoTime();
    answeredAt[0] = answered;
    if (changed.statusCode() != 200) {
      throw new IllegalStateException("deactivation through A: " + changed.statusCode() + " " + changed.body());
    }
    prober.join();
    if (refusedAt[0] == 0) {
      throw new IllegalStateException("instance B still accepted the token " + GIVE_UP_NANOS / 1e9 + " s later");
    }
    return new Trial((refusedAt[0] - answered) / 1e6, (refusedAt[0] - sent) / 1e6, probesAfter[0], refusal[0],
        probeNanos[0] / 1e6 / probeNanos[1]);
  }

  private static void report(List<Trial> trials) throws Exception {
    double[] fromAnswer = trials.stream().mapToDouble(Trial::fromAnswerMs).toArray();
    double[] fromSend = trials.stream().mapToDouble(Trial::fromSendMs).toArray();
    long before = trials.stream().filter(t -> t.fromAnswerMs() <= 0).count();
    double probe = BenchReport.median(trials.stream().map(Trial::probeMs).toList());
    String row = "| %s | %.2f | %.2f | %.2f |";
    String table = String.join("\n",
        row.formatted("from A's answer to B's first refusal", BenchReport.percentile(fromAnswer, 50),
            BenchReport.percentile(fromAnswer, 99), BenchReport.percentile(fromAnswer, 100)),
        row.formatted("from sending the change to A to B's first refusal", BenchReport.percentile(fromSend, 50),
            BenchReport.percentile(fromSend, 99), BenchReport.percentile(fromSend, 100)));
    BenchReport.log(table);
    BenchReport.append("""
        ## Cross-instance revocation (%s)

        Command: `./mvnw -DskipTests test-compile exec:exec@revocation-benchmark`. Two instances, each in
        a JVM of its own, over one embedded PostgreSQL; %d trials. In each, a new user (role USER) logs in
        on instance B; a prober asks B `GET /api/me` with that token, one request after the other, until
        refused; once B has answered it a few times (so B holds the user in its identity cache), the
        ADMIN deactivates the user through instance A (`PATCH /api/users/{id}`, `active: false`). The
        time of a refusal is when B's answer (%s) reached the prober. Target: refused within 1 s.

        | interval | p50 ms | p99 ms | max ms |
        |---|--:|--:|--:|
        %s

        A probe of B took %.2f ms (median over the trials' mean round trips): the resolution of the
        figures. In %d of the %d trials B refused before A's own answer reached the client (the interval
        from A's answer is then negative).

        Machine: %s
        """.formatted(BenchReport.now(), trials.size(),
        trials.stream().map(t -> String.valueOf(t.refusal())).distinct().sorted().reduce((x, y) -> x + ", " + y)
            .orElse(""),
        table, probe, before, trials.size(), BenchReport.machine()));
  }
}
