package dev.rolecall.bench;

import dev.rolecall.Config;
import dev.rolecall.Rolecall;
import dev.rolecall.accounts.AccountRepository;
import dev.rolecall.accounts.GeneratedPassword;
import dev.rolecall.auth.PasswordHasher;
import dev.rolecall.db.Database;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * {@code seed-users --count N [--domain D]}: one account, "Benchmark", with an ADMIN and N users made up
 * in the database itself (INSERT ... SELECT FROM generate_series, 50,000 a statement), all sharing one
 * Argon2id hash: names drawn with a skew from built-in lists, logins first.last.N@D, 30 % inactive,
 * 15 % never logged in, the others within the last year, roles in realistic shares. The statement is
 * plain SQL: set-returning functions and LATERAL read better so than through jOOQ.
 */
public final class SeedUsers {
  static final String[] FIRST_NAMES = ("James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David "
      + "Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Betty Mark "
      + "Margaret Donald Sandra Steven Ashley Paul Kimberly Andrew Emily Joshua Donna Kenneth Michelle Kevin Carol "
      + "Brian Amanda George Dorothy Timothy Melissa Ronald Deborah Edward Stephanie Jason Rebecca Jeffrey Sharon Ryan "
      + "Laura Jacob Cynthia Gary Kathleen Nicholas Amy Eric Angela Jonathan Shirley Stephen Anna Larry Brenda Justin "
      + "Pamela Scott Emma Brandon Nicole Benjamin Helen Samuel Samantha Gregory Katherine Alexander Christine Frank "
      + "Debra Patrick Rachel Raymond Carolyn Jack Janet Dennis Catherine Jerry Maria Tyler Heather Aaron Diane Jose "
      + "Ruth Adam Julie Nathan Olivia Henry Joyce Douglas Virginia Zachary Victoria Peter Kelly Kyle Lauren Ethan "
      + "Christina Walter Joan Noah Evelyn Jeremy Judith Christian Megan Keith Andrea Roger Cheryl Terry Hannah Gerald "
      + "Jacqueline Harold Martha Sean Gloria Austin Teresa Carl Ann Arthur Sara Lawrence Madison Dylan Frances Jesse "
      + "Kathryn Jordan Janice Bryan Jean Billy Abigail Joe Alice Bruce Judy Gabriel Sophia Logan Grace Albert Denise "
      + "Willie Amber Alan Doris Juan Marilyn Wayne Danielle Elijah Beverly Randy Isabella Roy Theresa Vincent Diana "
      + "Ralph Natalie Eugene Brittany Russell Charlotte Bobby Marie Mason Kayla Philip Alexis Louis Lori Ahmed Fatima "
      + "Wei Yuki Ivan Olga Pierre Ingrid Mateo Lucia Kwame Amara Ravi Priya Hiroshi Sven Zoltan Quentin Xavier Yusuf")
      .split(" ");
  static final String[] LAST_NAMES = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez "
      + "Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris "
      + "Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams "
      + "Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards "
      + "Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed "
      + "Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes "
      + "Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell "
      + "Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton "
      + "Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens "
      + "Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen "
      + "Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason "
      + "Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer "
      + "Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer "
      + "Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott Cunningham Duncan Armstrong "
      + "Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman Johnston Matthews Pena Richards "
      + "Contreras Willis Carpenter Lawrence Sandoval Okafor Yamamoto Kowalski Novak Ivanova Dubois Rossi Muller Larsen "
      + "Haddad Singh Zhang Quigley Xiong Zimmerman").split(" ");
  private static final int BATCH = 50_000;
  // u1..u7: independent uniform draws per user, from hashes of its number, so a seed is reproducible.
  private static final String INSERT = """
      WITH users AS (
        INSERT INTO app_user (account_id, login, first_name, last_name, password_hash, active,
                              created_at, updated_at, last_login_at)
        SELECT $1, lower(n.first || '.' || n.last || '.' || g || '@' || $7), n.first, n.last, $4, u.u3 >= 0.3,
               n.seen - interval '730 days' * u.u5, n.seen - interval '730 days' * u.u5 * u.u4,
               CASE WHEN u.u7 < 0.15 THEN NULL ELSE n.seen END
        FROM generate_series($2::int, $3::int) g,
        LATERAL (SELECT (hashint8(g * 8 + 1)::bigint & 2147483647) / 2147483648.0::float8 AS u1,
                        (hashint8(g * 8 + 2)::bigint & 2147483647) / 2147483648.0::float8 AS u2,
                        (hashint8(g * 8 + 3)::bigint & 2147483647) / 2147483648.0::float8 AS u3,
                        (hashint8(g * 8 + 4)::bigint & 2147483647) / 2147483648.0::float8 AS u4,
                        (hashint8(g * 8 + 5)::bigint & 2147483647) / 2147483648.0::float8 AS u5,
                        (hashint8(g * 8 + 6)::bigint & 2147483647) / 2147483648.0::float8 AS u6,
                        (hashint8(g * 8 + 7)::bigint & 2147483647) / 2147483648.0::float8 AS u7) u,
        -- Skewed draws: the first names of each list are the most common, as in life.
        LATERAL (SELECT ($5::text[])[1 + floor(cardinality($5::text[]) * power(u.u1, 1.6))::int] AS first,
                        ($6::text[])[1 + floor(cardinality($6::text[]) * power(u.u2, 1.4))::int] AS last,
                        now() - interval '365 days' * u.u6 AS seen) n
        RETURNING id, login
      )
      INSERT INTO user_role (account_id, user_id, role)
      SELECT $1, users.id, r.role
      FROM users,
      LATERAL (SELECT (hashtext(users.login)::bigint & 2147483647) % 10000 AS x,
                      (hashtext(reverse(users.login))::bigint & 2147483647) % 10000 AS y) h,
      LATERAL (VALUES
        (CASE WHEN h.x < 4000 THEN 'USER' WHEN h.x < 6000 THEN 'ANALYST' WHEN h.x < 7500 THEN 'OPERATOR'
              WHEN h.x < 8300 THEN 'CONTENT_MANAGER' WHEN h.x < 8900 THEN 'ACCESSOR' WHEN h.x < 9300 THEN 'TECH_SUPPORT'
              WHEN h.x < 9600 THEN 'DIALER_USER' WHEN h.x < 9750 THEN 'RAWLOGS_ANALYTIC'
              WHEN h.x < 9850 THEN 'DIALER_ADMIN' WHEN h.x < 9950 THEN 'ADMIN' WHEN h.x < 9980 THEN 'DIALER_VERIFIED'
              ELSE 'INITIAL' END),
        (CASE WHEN h.y < 800 THEN 'ANALYST' WHEN h.y < 1300 THEN 'TECH_SUPPORT' WHEN h.y < 1600 THEN 'DIALER_VERIFIED'
              WHEN h.y < 1800 THEN 'CONTENT_MANAGER' WHEN h.y < 2000 THEN 'DIALER_ADMIN' END)) r(role)
      WHERE r.role IS NOT NULL
      ON CONFLICT DO NOTHING""";

  private SeedUsers() {
  }

  public record Seeded(UUID accountId, String adminLogin, String adminPassword, int users, Duration took) {
  }

  /** The jar's command: prints the account and how its ADMIN logs in; 2 for bad arguments, 1 for a taken domain. */
  public static int run(String[] args, Map<String, String> env, PrintStream out) {
    String count = option(args, "--count", "1000000");
    String domain = option(args, "--domain", "example.com");
    if (!count.matches("\\d{1,8}") || Integer.parseInt(count) < 1 || !domain.matches("[a-z0-9.-]+\\.[a-z]{2,}")) {
      out.println("usage: java -jar rolecall.jar seed-users [--count N (1000000)] [--domain DOMAIN (example.com)]");
      return 2;
    }
    Config config = Config.fromEnvironment(env);
    try (Database database = Database.open(config)) {
      Vertx vertx = Vertx.vertx();
      Pool pool = Rolecall.pool(vertx, config, database);
      PasswordHasher hasher = new PasswordHasher(vertx, 1, 0);
      try {
        Seeded seeded = seed(pool, hasher, Integer.parseInt(count), domain, out);
        out.printf("account %s \"Benchmark\": %d users in %.1f s; its ADMIN logs in as %s with the password %s%n",
            seeded.accountId(), seeded.users(), seeded.took().toMillis() / 1000.0, seeded.adminLogin(),
            seeded.adminPassword());
        return 0;
      } catch (PgException e) {
        if (!"23505".equals(e.getSqlState())) {
          throw e;
        }
        out.println("rolecall: logins @" + domain + " are taken by an earlier seed: pass another --domain");
        return 1;
      } finally {
        hasher.close().await();
        pool.close().await();
        vertx.close().await();
      }
    }
  }

  /** Blocks its (non-event-loop) caller until the users are in and the planner's statistics are fresh. */
  public static Seeded seed(Pool pool, PasswordHasher hasher, int count, String domain, PrintStream progress) {
    long start = System.nanoTime();
    String password = GeneratedPassword.next();
    String hash = hasher.hash(password).await();
    String admin = "admin@" + domain;
    UUID account = new AccountRepository(pool).create("Benchmark",
        new AccountRepository.NewAdmin(admin, "Benchmark", "Administrator", hash, false)).await().accountId();
    for (int low = 1; low <= count; low += BATCH) {
      Tuple batch = Tuple.of(account, low, Math.min(count, low + BATCH - 1), hash)
          .addArrayOfString(FIRST_NAMES).addArrayOfString(LAST_NAMES).addString(domain);
      // A seed lost to a crash is seeded again: no need to wait for each batch to reach the disk.
      pool.withTransaction(conn -> conn.query("SET LOCAL synchronous_commit = off").execute()
          .compose(set -> conn.preparedQuery(INSERT).execute(batch))).await();
      progress.printf("seeded %d of %d users%n", Math.min(count, low + BATCH - 1), count);
    }
    // Fresh statistics for the planner, and a visibility map for index-only scans.
    pool.query("VACUUM (ANALYZE) app_user").execute().await();
    pool.query("VACUUM (ANALYZE) user_role").execute().await();
    return new Seeded(account, admin, password, count, Duration.ofNanos(System.nanoTime() - start));
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1].trim();
      }
    }
    return fallback;
  }
}
