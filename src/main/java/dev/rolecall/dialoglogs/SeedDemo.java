package dev.rolecall.dialoglogs;

import dev.rolecall.StartupException;
import dev.rolecall.Config;
import dev.rolecall.Rolecall;
import dev.rolecall.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code seed-demo [--account UUID] [--rows N] [--projects K] [--days D]}: fills an account (the first
 * one by default) with K projects and N dialog exchanges spread evenly over the last D days, and
 * obfuscation rules if it has none. Rows are made by the database (INSERT … SELECT generate_series),
 * a million per statement, so ten million take a minute or two.
 */
public final class SeedDemo {
  private static final long CHUNK = 1_000_000;
  private static final String INSERT = """
      INSERT INTO dialog_log (account_id, project_id, idempotency_key, dialog_id, at, channel, client_id,
                              request, answer, state, labels)
      SELECT $1, $2, $3 || lpad(g::text, 10, '0'), $3 || (g / 5),
             $4::timestamptz + (g * $5::bigint) * interval '1 microsecond',
             ($6::text[])[1 + (g / 5) % cardinality($6::text[])], 'client-' || ((g / 5) % 997),
             ($7::text[])[1 + g % cardinality($7::text[])], ($8::text[])[1 + (g + g / 7) % cardinality($8::text[])],
             ($9::text[])[1 + g % cardinality($9::text[])],
             string_to_array(($10::text[])[1 + (g / 5) % cardinality($10::text[])], ',')
      FROM generate_series($11::bigint, $12::bigint) AS g""";

  /** What was seeded: rows of each project at from + i × step, for i below rowsPerProject. */
  public record Seeded(UUID accountId, List<UUID> projectIds, Instant from, Duration step, long rowsPerProject) {
  }

  private SeedDemo() {
  }

  public static int run(String[] args, Map<String, String> env, PrintStream out) {
    List<String> given = Arrays.asList(args);
    String account = option(given, "--account", null);
    long rows = Long.parseLong(option(given, "--rows", "10000"));
    int projects = Integer.parseInt(option(given, "--projects", "3"));
    int days = Integer.parseInt(option(given, "--days", "30"));
    if (rows < 0 || projects < 1 || projects > DemoTexts.PROJECTS.length || days < 1) {
      out.println("usage: seed-demo [--account UUID] [--rows N] [--projects 1.." + DemoTexts.PROJECTS.length
          + "] [--days D]");
      return 2;
    }
    Config config = Config.fromEnvironment(env);
    try (Database database = Database.open(config)) {
      Vertx vertx = Vertx.vertx();
      Pool pool = Rolecall.pool(vertx, config, database);
      try {
        long started = System.nanoTime();
        Seeded seeded = seed(pool, account == null ? null : UUID.fromString(account), rows, projects, days,
            Instant.now()).await();
        out.printf("seeded %d dialog log rows in %d projects of account %s in %.1f s%n", rows, projects,
            seeded.accountId(), (System.nanoTime() - started) / 1e9);
        return 0;
      } finally {
        pool.close().await();
        vertx.close().await();
      }
    }
  }

  public static Future<Seeded> seed(Pool pool, UUID account, long rows, int projects, int days, Instant end) {
    Instant to = end.truncatedTo(ChronoUnit.HOURS);
    Instant from = to.minus(Duration.ofDays(days));
    long perProject = rows / projects;
    Duration step = Duration.ofNanos(Duration.between(from, to).toNanos() / Math.max(1, perProject) / 1000 * 1000);
    String run = UUID.randomUUID().toString().substring(0, 8);
    return accountId(pool, account)
        .compose(accountId -> new DialogLogPartitions(pool)
            .ensure(YearMonth.from(from.atZone(ZoneOffset.UTC)), YearMonth.from(to.atZone(ZoneOffset.UTC)))
            .compose(partitions -> rules(pool, accountId))
            .compose(ruled -> projects(pool, accountId, projects))
            .compose(ids -> {
              Future<Void> done = Future.succeededFuture();
              for (int p = 0; p < ids.size(); p++) {
                String prefix = "demo-" + run + "-" + p + "-";
                UUID projectId = ids.get(p);
                for (long lo = 0; lo < perProject; lo += CHUNK) {
                  Tuple chunk = Tuple.of(accountId, projectId, prefix, from.atOffset(ZoneOffset.UTC),
                          step.toNanos() / 1000, DemoTexts.CHANNELS, DemoTexts.REQUESTS, DemoTexts.ANSWERS,
                          DemoTexts.STATES, DemoTexts.LABELS)
                      .addLong(lo).addLong(Math.min(perProject, lo + CHUNK) - 1);
                  done = done.compose(previous -> pool.preparedQuery(INSERT).execute(chunk).mapEmpty());
                }
              }
              return done.map(seeded -> new Seeded(accountId, ids, from, step, perProject));
            }));
  }

  private static Future<UUID> accountId(Pool pool, UUID given) {
    return given != null ? Future.succeededFuture(given)
        : pool.query("SELECT id FROM account ORDER BY created_at, id LIMIT 1").execute()
            .compose(rows -> rows.size() > 0 ? Future.succeededFuture(rows.iterator().next().getUUID(0))
                : Future.failedFuture(new StartupException("there is no account yet: start the service once (its first"
                    + " start creates one) or run create-account, then seed-demo")));
  }

  private static Future<Void> rules(Pool pool, UUID accountId) {
    ObfuscationRule[] rules = DemoTexts.RULES;
    return pool.preparedQuery("""
            INSERT INTO obfuscation_rule (account_id, position, pattern, replacement, description)
            SELECT $1, r.i - 1, r.pattern, r.replacement, r.description
            FROM unnest($2::varchar[], $3::varchar[], $4::varchar[]) WITH ORDINALITY
              AS r(pattern, replacement, description, i)
            WHERE NOT EXISTS (SELECT 1 FROM obfuscation_rule WHERE account_id = $1)""")
        .execute(Tuple.of(accountId, Arrays.stream(rules).map(ObfuscationRule::pattern).toArray(String[]::new),
            Arrays.stream(rules).map(ObfuscationRule::replacement).toArray(String[]::new),
            Arrays.stream(rules).map(ObfuscationRule::description).toArray(String[]::new)))
        .mapEmpty();
  }

  /** The account's demo projects, created unless it has them already. */
  private static Future<List<UUID>> projects(Pool pool, UUID accountId, int count) {
    Tuple named = Tuple.tuple().addUUID(accountId).addArrayOfString(Arrays.copyOf(DemoTexts.PROJECTS, count));
    return pool.preparedQuery("""
            INSERT INTO project (account_id, name, description)
            SELECT $1, name, 'Demo data' FROM unnest($2::varchar[]) AS name
            ON CONFLICT (account_id, lower(name)) DO NOTHING""").execute(named)
        .compose(inserted -> pool.preparedQuery("""
                SELECT p.id FROM unnest($2::varchar[]) WITH ORDINALITY AS n(name, i)
                JOIN project p ON p.account_id = $1 AND lower(p.name) = lower(n.name) ORDER BY n.i""")
            .execute(named))
        .map(rows -> {
          List<UUID> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getUUID(0)));
          return ids;
        });
  }

  private static String option(List<String> args, String name, String fallback) {
    int at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : fallback;
  }
}
