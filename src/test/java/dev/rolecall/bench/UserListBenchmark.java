package dev.rolecall.bench;

import dev.rolecall.Rolecall;
import dev.rolecall.db.DatabaseUrl;
import dev.rolecall.db.EmbeddedDatabase;
import dev.rolecall.support.Api;
import dev.rolecall.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The user list at a million users, end to end over HTTP: an embedded PostgreSQL in a temporary folder,
 * the service, {@link SeedUsers}, then p50/p99 of each case, one request at a time, written to
 * docs/benchmarks.md. Not a test (no surefire name): run it as the README says.
 */
public final class UserListBenchmark {
  private static final int WARMUP = 5;
  private static final int RUNS = 100;
  private static final double[] SHARES = {0.0001, 0.01, 0.30};
  /** Set before the service starts; shared_buffers needs the restart that follows. */
  private static final String[] SETTINGS = {"shared_buffers = '1GB'", "max_wal_size = '4GB'",
      "checkpoint_timeout = '30min'"};

  private UserListBenchmark() {
  }

  record Case(String label, String query, long matches) {
  }

  record Timing(Case scenario, double p50, double p99, double max) {
  }

  public static void main(String[] args) throws Exception {
    int users = Integer.parseInt(option(args, "--users", "1000000"));
    Path report = Path.of(option(args, "--out", "docs/benchmarks.md"));
    Path dir = Files.createTempDirectory("rolecall-bench");
    EmbeddedDatabase database = EmbeddedDatabase.start(dir);
    configure(database.url());
    database.close();
    database = EmbeddedDatabase.start(dir);
    Rolecall service = TestService.start(database.url());
    Vertx client = Vertx.vertx();
    try (Api api = new Api(client, service.port(), "127.0.0.1")) {
      String load = Files.readString(Path.of("/proc/loadavg")).trim();
      SeedUsers.Seeded seeded = SeedUsers.seed(service.pool(), service.auth().hasher(), users, "example.com", System.out);
      System.out.printf("seeded %d users in %.1f s%n", users, seeded.took().toMillis() / 1000.0);
      String token = api.token(seeded.adminLogin(), seeded.adminPassword());
      Report out = new Report(service.pool(), seeded, load);
      List<Case> cases = cases(service.pool(), seeded, users);
      deepCursors(api, token, users, out).forEach((label, cursor) -> cases.add(new Case(label, "cursor=" + cursor, users)));
      for (Case scenario : cases) { // both JVMs and the database's caches warm, before any case is measured
        for (int i = 0; i < WARMUP; i++) {
          get(api, token, scenario.query());
        }
      }
      List<Timing> timings = cases.stream().map(scenario -> measure(api, token, scenario)).toList();
      out.write(report, users, timings, Files.readString(Path.of("/proc/loadavg")).trim());
      System.out.println("wrote " + report.toAbsolutePath());
    } finally {
      client.close().await();
      service.close();
      database.close();
      try (var files = Files.walk(dir)) { // a million users take some 2 GB
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** The cases: first pages of each order, then filters whose fragments were chosen by counting matches. */
  private static List<Case> cases(Pool pool, SeedUsers.Seeded seeded, int users) {
    List<Case> cases = new ArrayList<>(List.of(
        new Case("first page, by name (the default)", "", users),
        new Case("first page, by login", "sort=login", users),
        new Case("first page, newest first", "sort=createdAt&order=desc", users),
        new Case("first page, last login, latest first", "sort=lastLoginAt&order=desc", users)));
    String nameColumn = "lower(first_name || ' ' || last_name)";
    Map<String, Long> names = counts(pool, seeded, nameColumn, candidates(" ", pool, seeded, nameColumn));
    String loginColumn = "lower(first_name || '.' || last_name) || '.#@example.com'";
    Map<String, Long> logins = counts(pool, seeded, loginColumn, candidates(".", pool, seeded, loginColumn));
    for (String digits : List.of("1", "7", "42", "99", "123", "314", "2718", "4242", "31415", "27182")) {
      logins.put(digits, IntStream.rangeClosed(1, users).filter(n -> Integer.toString(n).contains(digits)).count());
    }
    for (double share : SHARES) {
      cases.addAll(pick("name", names, share, users, pool, seeded, "lower(first_name || ' ' || last_name)"));
      cases.addAll(pick("login", logins, share, users, pool, seeded, "lower(login)"));
    }
    String common = SeedUsers.LAST_NAMES[0].toLowerCase();
    cases.add(new Case("name `" + common + "`, the commonest last name: its matches sit together far down the order",
        "name=" + common, exact(pool, seeded, "lower(first_name || ' ' || last_name)", common)));
    cases.add(new Case("active only", "activeOnly=true", exact(pool, seeded, "active::text", "true")));
    for (String role : List.of("USER", "ADMIN", "INITIAL")) {
      cases.add(new Case("role " + role, "role=" + role, roleCount(pool, seeded, role)));
    }
    cases.add(new Case("role ADMIN or DIALER_ADMIN, active only", "role=ADMIN&role=DIALER_ADMIN&activeOnly=true", -1));
    return cases;
  }

  /** Letters, pairs of letters, whole names and, for the rarest share, "first last" pairs as they occur. */
  private static List<String> candidates(String separator, Pool pool, SeedUsers.Seeded seeded, String column) {
    Set<String> all = new TreeSet<>();
    for (String name : concat(SeedUsers.FIRST_NAMES, SeedUsers.LAST_NAMES)) {
      String lower = name.toLowerCase();
      all.add(lower);
      for (int i = 0; i < lower.length(); i++) {
        all.add(lower.substring(i, i + 1));
        all.add(lower.substring(i, Math.min(lower.length(), i + 2)));
      }
    }
    long rare = Math.round(SHARES[0] * seeded.users());
    pool.preparedQuery("SELECT lower(first_name || '" + separator + "' || last_name), count(*) FROM app_user "
            + "WHERE account_id = $1 GROUP BY 1 HAVING count(*) BETWEEN $2 AND $3 LIMIT 40")
        .execute(Tuple.of(seeded.accountId(), rare / 2, Math.max(2, rare * 2))).await()
        .forEach(row -> all.add(row.getString(0)));
    return List.copyOf(all);
  }

  /** How many users each fragment matches, from the distinct values of {@code column}. */
  private static Map<String, Long> counts(Pool pool, SeedUsers.Seeded seeded, String column, List<String> fragments) {
    Map<String, Long> counts = new LinkedHashMap<>();
    pool.preparedQuery("WITH n AS (SELECT " + column + " AS s, count(*) AS c FROM app_user WHERE account_id = $1 "
            + "GROUP BY 1) SELECT f, sum(c)::bigint FROM n, unnest($2::text[]) f WHERE strpos(n.s, f) > 0 GROUP BY f")
        .execute(Tuple.tuple().addUUID(seeded.accountId()).addArrayOfString(fragments.toArray(String[]::new)))
        .await().forEach(row -> counts.put(row.getString(0), row.getLong(1)));
    return counts;
  }

  /** The fragment closest to the share, and the closest one- and two-letter ones too when within a factor 3. */
  private static List<Case> pick(String filter, Map<String, Long> counts, double share, int users, Pool pool,
      SeedUsers.Seeded seeded, String column) {
    double target = share * users;
    Comparator<Map.Entry<String, Long>> closest = Comparator.comparingDouble(entry -> distance(entry.getValue(), target));
    String best = counts.entrySet().stream().min(closest).orElseThrow().getKey();
    List<String> picked = new ArrayList<>(List.of(best));
    for (int length : new int[] {1, 2}) {
      counts.entrySet().stream().filter(entry -> entry.getKey().length() == length).min(closest)
          .filter(entry -> distance(entry.getValue(), target) <= Math.log(3) && !picked.contains(entry.getKey()))
          .ifPresent(entry -> picked.add(entry.getKey()));
    }
    String percent = java.math.BigDecimal.valueOf(share * 100).stripTrailingZeros().toPlainString();
    return picked.stream().sorted(Comparator.comparingInt(String::length)).map(fragment -> new Case(
        "%s ≈ %s %%: `%s`".formatted(filter, percent, fragment),
        filter + "=" + URLEncoder.encode(fragment, StandardCharsets.UTF_8), exact(pool, seeded, column, fragment)))
        .toList();
  }

  private static double distance(long count, double target) {
    return Math.abs(Math.log(Math.max(count, 1) / target));
  }

  private static long exact(Pool pool, SeedUsers.Seeded seeded, String column, String fragment) {
    return pool.preparedQuery("SELECT count(*) FROM app_user WHERE account_id = $1 AND strpos(" + column + ", $2) > 0")
        .execute(Tuple.of(seeded.accountId(), fragment)).await().iterator().next().getLong(0);
  }

  private static long roleCount(Pool pool, SeedUsers.Seeded seeded, String role) {
    return pool.preparedQuery("SELECT count(*) FROM user_role WHERE account_id = $1 AND role = $2")
        .execute(Tuple.of(seeded.accountId(), role)).await().iterator().next().getLong(0);
  }

  /** Follows nextCursor with pages of 200 to the end; keeps the cursors ~10 % and ~99 % of the way in. */
  private static Map<String, String> deepCursors(Api api, String token, int users, Report out) {
    Map<String, String> cursors = new LinkedHashMap<>();
    int early = users / 10 / 200;
    int late = users * 99 / 100 / 200;
    List<Double> times = new ArrayList<>();
    String cursor = null;
    for (int page = 1; page <= late; page++) {
      long start = System.nanoTime();
      JsonObject body = get(api, token, "limit=200" + (cursor == null ? "" : "&cursor=" + cursor)).bodyAsJsonObject();
      times.add((System.nanoTime() - start) / 1e6);
      cursor = body.getString("nextCursor");
      if (page == early || page == late) {
        cursors.put("by name, %,d users in (page %,d of 200, then pages of 50)".formatted(page * 200, page), cursor);
      }
    }
    out.walk(times);
    return cursors;
  }

  private static Timing measure(Api api, String token, Case scenario) {
    double[] times = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      get(api, token, scenario.query());
      times[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(times);
    Timing timing = new Timing(scenario, percentile(times, 0.50), percentile(times, 0.99), times[RUNS - 1]);
    System.out.printf("%-90s p50 %7.1f ms  p99 %7.1f ms%n", scenario.label(), timing.p50(), timing.p99());
    return timing;
  }

  static double percentile(double[] sorted, double p) {
    return sorted[(int) Math.ceil(p * sorted.length) - 1];
  }

  private static HttpResponse<Buffer> get(Api api, String token, String query) {
    HttpResponse<Buffer> answer = api.get("/api/users?" + query, token);
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(query + " answered " + answer.statusCode() + ": " + answer.bodyAsString());
    }
    return answer;
  }

  private static void configure(DatabaseUrl url) throws Exception {
    try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement statement = connection.createStatement()) {
      for (String setting : SETTINGS) {
        statement.execute("ALTER SYSTEM SET " + setting);
      }
    }
  }

  static List<String> settings() {
    return List.of(SETTINGS);
  }

  private static List<String> concat(String[] a, String[] b) {
    List<String> all = new ArrayList<>(Arrays.asList(a));
    all.addAll(Arrays.asList(b));
    return all;
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  static Row first(Pool pool, String sql) {
    return pool.query(sql).execute().await().iterator().next();
  }

  /** docs/benchmarks.md: the figures, with the machine, the settings and the date. */
  static final class Report {
    private final Pool pool;
    private final SeedUsers.Seeded seeded;
    private final String loadBefore;
    private double[] walk = new double[0];

    Report(Pool pool, SeedUsers.Seeded seeded, String loadBefore) {
      this.pool = pool;
      this.seeded = seeded;
      this.loadBefore = loadBefore;
    }

    void walk(List<Double> times) {
      walk = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    void write(Path file, int users, List<Timing> timings, String loadAfter) throws Exception {
      StringBuilder md = new StringBuilder();
      md.append("## The user list at %,d users in one account\n\n".formatted(users));
      md.append("Written by `UserListBenchmark` (see the README) on %s UTC. Each case: %d requests after %d "
          .formatted(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0), RUNS, WARMUP)
          + "warm-up ones, one at a time, over HTTP on the loopback with a bearer token, pages of 50; the time "
          + "is the client's, from sending to the whole JSON answer. Target: p99 ≤ 50 ms, and a deep page "
          + "within 1.2× of the first.\n\n");
      md.append("| case | query | users matching | p50 ms | p99 ms | max ms | p99 ≤ 50 ms |\n|---|---|--:|--:|--:|--:|:-:|\n");
      for (Timing t : timings) {
        md.append("| %s | `%s` | %s | %.1f | %.1f | %.1f | %s |\n".formatted(t.scenario().label(),
            t.scenario().query().length() > 40 ? t.scenario().query().substring(0, 40) + "…" : t.scenario().query(),
            t.scenario().matches() < 0 ? "" : "%,d (%.3f %%)".formatted(t.scenario().matches(),
                100.0 * t.scenario().matches() / users), t.p50(), t.p99(), t.max(), t.p99() <= 50 ? "yes" : "**no**"));
      }
      Timing first = timings.get(0);
      md.append("\nDeep pages against the first page (by name):\n\n");
      for (Timing t : timings) {
        if (t.scenario().label().startsWith("by name, ")) {
          md.append("- %s: p50 %.2f×, p99 %.2f× the first page's\n".formatted(t.scenario().label(),
              t.p50() / first.p50(), t.p99() / first.p99()));
        }
      }
      if (walk.length > 0) {
        md.append("- following `nextCursor` through %,d pages of 200: p50 %.1f ms, p99 %.1f ms, max %.1f ms a page\n"
            .formatted(walk.length, percentile(walk, 0.5), percentile(walk, 0.99), walk[walk.length - 1]));
      }
      md.append("\nSeeding (`seed-users`, the same code as the jar's command): %,d users in %.1f s, including the "
          .formatted(users, seeded.took().toMillis() / 1000.0) + "final `VACUUM (ANALYZE)`.\n\n");
      md.append("### Machine\n\n");
      md.append("- CPU: %d cores available (`nproc`), %s\n".formatted(Runtime.getRuntime().availableProcessors(),
          line("/proc/cpuinfo", "model name")));
      md.append("- memory: %.1f GiB\n".formatted(
          Long.parseLong(line("/proc/meminfo", "MemTotal").replace(" kB", "")) / 1024.0 / 1024.0));
      md.append("- load average (1, 5, 15 min) before seeding: %s; at the end: %s (the machine is shared)\n"
          .formatted(loadBefore.substring(0, loadBefore.lastIndexOf(' ', loadBefore.lastIndexOf(' ') - 1)),
              loadAfter.substring(0, loadAfter.lastIndexOf(' ', loadAfter.lastIndexOf(' ') - 1))));
      md.append("- OS: %s %s\n".formatted(System.getProperty("os.name"), System.getProperty("os.version")));
      md.append("- JDK: %s %s\n".formatted(System.getProperty("java.vendor"), System.getProperty("java.runtime.version")));
      md.append("- PostgreSQL: %s, embedded (zonky), on the same machine; set for the run: %s; the rest default "
          .formatted(first(pool, "SELECT version()").getString(0).replaceAll(" on .*", ""), String.join(", ", settings()))
          + "(the service's own `fsync`, `synchronous_commit` on)\n");
      md.append("\n").append(NOTES);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, spliced(Files.exists(file) ? Files.readString(file) : "", md.toString()));
    }

    /** The file is shared with other benchmarks: only this section is replaced, or added. */
    static String spliced(String existing, String section) {
      int start = existing.indexOf("## The user list at ");
      if (start < 0) {
        return existing.isBlank() ? "# Benchmarks\n\n" + section : existing.stripTrailing() + "\n\n" + section;
      }
      int end = existing.indexOf("\n## ", start);
      return existing.substring(0, start) + section + (end < 0 ? "" : "\n" + existing.substring(end + 1));
    }

    private static String line(String file, String key) throws Exception {
      return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key)).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    }
  }

  private static final String NOTES = """
      ### How the list answers, and what the figures mean

      - Every page is a keyset range of one B-tree per sort order (`V5__user_search.sql`), ending with the
        tiebreaker `id`; nothing counts the account, and a page deep in the list reads what the first one does.
      - A filter first asks the planner (EXPLAIN, nothing executed) how many users it should match. Up to
        5,000: the filter's own index answers (trigram GIN for name and login fragments of three characters
        or more, `user_role (account_id, role, user_id)` for roles) and the matches are sorted, at about 3 µs
        a match. More: the page walks the order's B-tree, which INCLUDEs what the filters read (an index-only
        scan), for at most 10,000 users; a filter matching a fair share of the users fills the page early.
      - Fragments of one or two letters have no trigram: only the walk finds them, as far as it takes. They
        are tested with `position()`, not `LIKE`, so that no plan can pick the trigram index for them: in an
        earlier run with `LIKE`, a cached generic plan scanned the whole login index, over 1 s a page.
      - The known miss: a filter matching many users who sit together far down the order, "smith" sorted by
        last name (2 % of the users, all under S). The walk passes 10,000 users without a match, then its
        ~20,000 matches are fetched and sorted: 70–90 ms. A trigram index yields matches in no useful order;
        an index ordering each fragment's matches by the sort key (the RUM extension, which the embedded
        PostgreSQL does not ship) would remove it.
      - The machine is shared: other work on its two cores (see the load average) shows in the p99 and max
        columns; p50 is the cost of the query.
      """;
}
