package dev.rolecall.bench;

import dev.rolecall.Rolecall;
import dev.rolecall.auth.Role;
import dev.rolecall.dialoglogs.SeedDemo;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.TestDatabase;
import dev.rolecall.support.TestService;
import io.vertx.sqlclient.Tuple;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Seeds 10,000,000 dialog log rows, exports 1,000,000 through the service and the same select through
 * PostgreSQL's COPY … TO STDOUT (FORMAT csv) side by side (obfuscation rules on both sides, then on
 * neither), then the whole 10,000,000 through the service while sampling its heap. Run in a JVM with
 * -Xmx256m; appends the figures to docs/benchmarks.md. Arguments: [rows] [exported] (defaults 10M, 1M).
 */
public final class DialogLogExportBenchmark {
  private static final String CARD = "[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}";
  private static final String PHONE = "\\+?[0-9][0-9 ()-]{7,}[0-9]";

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000;
    long exported = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
    try (Rolecall service = TestService.start(Map.of("ROLECALL_DATABASE_POOL_SIZE", "4"))) {
      Fixtures fixtures = new Fixtures(service.pool());
      UUID account = fixtures.account();
      UUID user = fixtures.user(account, Role.values());
      Thread.sleep(5); // tokens carry milliseconds and must be issued after their user's creation

      long started = System.nanoTime();
      SeedDemo.Seeded seeded = SeedDemo.seed(service.pool(), account, rows, 1, 30, Instant.now()).await();
      double seedSeconds = seconds(started);
      service.pool().query("ANALYZE dialog_log").execute().await();
      log("seeded %,d rows in %.1f s", rows, seedSeconds);
      UUID project = seeded.projectIds().get(0);
      Instant from = seeded.from();
      Instant partTo = from.plus(seeded.step().multipliedBy(exported));
      Instant allTo = from.plus(seeded.step().multipliedBy(seeded.rowsPerProject()));
      Exports exports = new Exports(service, user, project, account);

      StringBuilder report = new StringBuilder();
      for (boolean obfuscated : new boolean[] {true, false}) {
        if (!obfuscated) {
          service.pool().preparedQuery("DELETE FROM obfuscation_rule WHERE account_id = $1")
              .execute(Tuple.of(account)).await();
        }
        Exports.Run copy = exports.copy(from, partTo, obfuscated);
        Exports.Run http = exports.service(from, partTo, null);
        String line = String.format("| %s | %,d | %.1f s, %,.0f rows/s, %.0f MB | %.1f s, %,.0f rows/s, %.0f MB | %.2f |",
            obfuscated ? "both sides" : "neither", http.rows(), http.seconds(), http.rows() / http.seconds(),
            http.bytes() / 1e6, copy.seconds(), copy.rows() / copy.seconds(), copy.bytes() / 1e6,
            copy.seconds() / http.seconds());
        log(line);
        report.append(line).append('\n');
      }

      HeapSampler heap = new HeapSampler();
      Exports.Run full = exports.service(from, allTo, heap);
      log("full export: %,d rows in %.1f s; heap %s", full.rows(), full.seconds(), heap.summary());
      append(rows, seedSeconds, exported, report, full, heap, exports.postgresVersion());
    }
    System.exit(0);
  }

  private static void append(long rows, double seedSeconds, long exported, StringBuilder table, Exports.Run full,
      HeapSampler heap, String postgres) throws Exception {
    String section = """

        ## Dialog log export (%s)

        Machine: %s, %d cores, %.0f GB RAM; %s; %s; service in-process with `-Xmx%dm`, pool of 4.
        Command: `./mvnw -DskipTests test-compile exec:exec@dialog-log-benchmark`.

        Seeding %,d rows (`seed-demo`'s INSERT … SELECT generate_series, one project, 30 days): %.1f s.

        Export of %,d rows, the service (HTTP, CSV by commons-csv, cells neutralised, rules by RE2/J) next
        to PostgreSQL's `COPY (SELECT …) TO STDOUT (FORMAT csv)` read through pgjdbc's CopyManager (rules
        by `regexp_replace`). Ratio = service throughput / COPY throughput (target ≥ 0.5).

        | obfuscation | rows | service | COPY | ratio |
        |---|---|---|---|---|
        %s
        Full export of %,d rows through the service (no obfuscation rules, cells neutralised): %.1f s (%,.0f rows/s, %.0f MB). Heap used, sampled
        every 100 ms: %s.
        """.formatted(Instant.now(), cpu(), Runtime.getRuntime().availableProcessors(),
        Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
            .mapToDouble(l -> Double.parseDouble(l.replaceAll("\\D", "")) / 1e6).findFirst().orElse(0),
        "Java " + Runtime.version(), postgres, Runtime.getRuntime().maxMemory() >> 20, rows, seedSeconds, exported,
        table, full.rows(), full.seconds(), full.rows() / full.seconds(), full.bytes() / 1e6, heap.summary());
    Path docs = Path.of("docs", "benchmarks.md");
    Files.createDirectories(docs.getParent());
    Files.writeString(docs, section, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    log("appended to %s", docs.toAbsolutePath());
  }

  private static String cpu() throws Exception {
    return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
  }

  static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  static void log(String format, Object... values) {
    System.out.printf(format + "%n", values);
  }

  /** The two ways out: the service over HTTP, and COPY through pgjdbc. */
  record Exports(Rolecall service, UUID user, UUID project, UUID account) {
    record Run(long rows, long bytes, double seconds) {
    }

    Run service(Instant from, Instant to, HeapSampler heap) throws Exception {
      HttpClient client = HttpClient.newHttpClient();
      // Issued for each run: login tokens are short-lived, and seeding takes minutes.
      String token = service.auth().tokens().issue(user, account, Instant.now()).token();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/api/projects/"
          + project + "/dialog-logs.csv?from=" + from + "&to=" + to)).header("Authorization", "Bearer " + token).build();
      long started = System.nanoTime();
      if (heap != null) {
        heap.start();
      }
      long bytes;
      try (InputStream body = client.send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
        bytes = body.transferTo(OutputStream.nullOutputStream());
      } finally {
        if (heap != null) {
          heap.stop();
        }
      }
      double elapsed = seconds(started);
      String detail = service.pool().preparedQuery("""
              SELECT detail FROM audit_event WHERE account_id = $1 AND action = 'dialog_logs.exported'
              ORDER BY at DESC LIMIT 1""").execute(Tuple.of(account)).await().iterator().next().getString(0);
      return new Run(Long.parseLong(detail.substring(0, detail.indexOf(' '))), bytes, elapsed);
    }

    Run copy(Instant from, Instant to, boolean obfuscated) throws Exception {
      String request = obfuscated ? rules("request") : "request";
      String answer = obfuscated ? rules("answer") : "answer";
      String select = "SELECT l.dialog_id, l.at, p.name, l.channel, l.client_id, " + request + ", " + answer
          + ", l.state, array_to_string(l.labels, ';') FROM dialog_log l JOIN project p ON p.id = l.project_id"
          + " WHERE l.project_id = '" + project + "' AND l.at >= '" + from + "' AND l.at < '" + to + "' ORDER BY l.at";
      var url = TestDatabase.url();
      try (Connection jdbc = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
        jdbc.createStatement().execute("SET TIME ZONE 'UTC'");
        CountingStream out = new CountingStream();
        long started = System.nanoTime();
        long rows = jdbc.unwrap(PGConnection.class).getCopyAPI()
            .copyOut("COPY (" + select + ") TO STDOUT (FORMAT csv, HEADER)", out);
        return new Run(rows, out.bytes, seconds(started));
      }
    }

    private static String rules(String column) {
      return "regexp_replace(regexp_replace(l." + column + ", '" + CARD + "', '[card]', 'g'), '" + PHONE
          + "', '[phone]', 'g')";
    }

    String postgresVersion() {
      String version = service.pool().query("SELECT version()").execute().await().iterator().next().getString(0);
      return version.substring(0, version.indexOf(" on ") > 0 ? version.indexOf(" on ") : version.length());
    }
  }

  /** Counts what COPY sends, and keeps none of it. */
  static final class CountingStream extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }
}
