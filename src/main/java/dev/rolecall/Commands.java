package dev.rolecall;

import dev.rolecall.accounts.AccountRepository;
import dev.rolecall.accounts.GeneratedPassword;
import dev.rolecall.auth.PasswordHasher;
import dev.rolecall.auth.SecretBox;
import dev.rolecall.auth.SecretsKey;
import dev.rolecall.auth.SigningKeys;
import dev.rolecall.bench.SeedUsers;
import dev.rolecall.db.Database;
import dev.rolecall.dialoglogs.SeedDemo;
import dev.rolecall.secrets.RotateSecretsKey;
import dev.rolecall.services.ServiceClientCommands;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The operator's commands of the jar: {@code java -jar rolecall.jar COMMAND ...}. */
final class Commands {
  private static final String USAGE = """
      usage: java -jar rolecall.jar [COMMAND]
        (no command)                                 run the service
        create-account --name NAME --admin-login EMAIL
                                                     a new account and its ADMIN, with a temporary password
        rotate-signing-key                           a new token signing key; tokens signed before stay valid
        retire-signing-key --kid KID                 end a key that no longer signs: its tokens stop working
        seed-users [--count N] [--domain D]          one "Benchmark" account with N users (default 1000000) and an ADMIN
        seed-demo [--account UUID] [--rows N] [--projects K] [--days D]
                                                     demo projects and dialog logs
      """ + ServiceClientCommands.USAGE + RotateSecretsKey.USAGE + """
      With the embedded database, stop the service before running a command.""";

  private Commands() {
  }

  static int run(String[] args, Map<String, String> env, PrintStream out) {
    return switch (args[0]) {
      case "seed-users" -> SeedUsers.run(Arrays.copyOfRange(args, 1, args.length), env, out);
      case "seed-demo" -> SeedDemo.run(Arrays.copyOfRange(args, 1, args.length), env, out);
      case "create-account" -> createAccount(Arrays.copyOfRange(args, 1, args.length), env, out);
      case "rotate-signing-key" -> withDatabase(env, (vertx, pool, config, database) -> {
        SecretBox box = new SecretBox(SecretsKey.resolve(config.auth().secretsKey(), database.isEmbedded(), config.dataDir()));
        out.println("new signing key: " + SigningKeys.rotate(pool, box).await());
        return 0;
      });
      case "rotate-secrets-key" -> {
        byte[] newKey = RotateSecretsKey.newKey(option(args, "--new-key-file"), env);
        yield withDatabase(env, (vertx, pool, config, database) -> RotateSecretsKey.run(pool, newKey,
            config.auth().secretsKey(), database.isEmbedded(), config.dataDir(), out));
      }
      case "retire-signing-key" -> retireSigningKey(Arrays.copyOfRange(args, 1, args.length), env, out);
      case "create-service-client" -> serviceClientCommand(args, env, out,
          ServiceClientCommands.validCreate(rest(args)), pool -> ServiceClientCommands.create(rest(args), pool, out));
      case "list-service-clients" -> serviceClientCommand(args, env, out, true,
          pool -> ServiceClientCommands.list(rest(args), pool, out));
      case "revoke-service-client" -> serviceClientCommand(args, env, out,
          ServiceClientCommands.isUuid(option(args, "--id")), pool -> ServiceClientCommands.revoke(option(args, "--id"), pool, out));
      default -> {
        out.println(USAGE);
        yield "help".equals(args[0]) || "--help".equals(args[0]) ? 0 : 2;
      }
    };
  }

  /** Running instances stop accepting the key's tokens within a minute, when they reload their keys. */
  private static int retireSigningKey(String[] args, Map<String, String> env, PrintStream out) {
    String kid = option(args, "--kid");
    if (kid == null || kid.isEmpty()) {
      out.println(USAGE);
      return 2;
    }
    return withDatabase(env, (vertx, pool, config, database) -> switch (SigningKeys.retire(pool, kid).await()) {
      case RETIRED -> {
        out.println("signing key " + kid + " retired: the tokens it signed are refused");
        yield 0;
      }
      case CURRENT_KEY -> {
        out.println("rolecall: " + kid + " is the current signing key: run rotate-signing-key first, then retire it");
        yield 1;
      }
      case UNKNOWN -> {
        out.println("rolecall: no signing key " + kid + " (or it is retired already)");
        yield 1;
      }
    });
  }

  private static int createAccount(String[] args, Map<String, String> env, PrintStream out) {
    String name = option(args, "--name");
    String login = option(args, "--admin-login");
    if (name == null || name.isEmpty() || login == null || !login.matches("[^@\\s]+@[^@\\s]+")) {
      out.println(USAGE);
      return 2;
    }
    String password = GeneratedPassword.next();
    return withDatabase(env, (vertx, pool, config, database) -> {
      PasswordHasher hasher = new PasswordHasher(vertx, 1, 0);
      try {
        var created = new AccountRepository(pool).create(name, new AccountRepository.NewAdmin(
            login, "Account", "Administrator", hasher.hash(password).await(), true)).await();
        out.println("account " + created.accountId() + " created; its ADMIN logs in as " + login
            + " with the temporary password " + password + " (to be changed at the first login)");
        return 0;
      } catch (PgException e) {
        if ("23505".equals(e.getSqlState())) {
          out.println("rolecall: the login " + login + " is taken");
          return 1;
        }
        throw e;
      }
    });
  }

  private static int serviceClientCommand(String[] args, Map<String, String> env, PrintStream out, boolean valid,
      java.util.function.ToIntFunction<Pool> command) {
    if (!valid) {
      out.println(USAGE);
      return 2;
    }
    return withDatabase(env, (vertx, pool, config, database) -> command.applyAsInt(pool));
  }

  private static List<String> rest(String[] args) {
    return List.of(args).subList(1, args.length);
  }

  private interface WithDatabase {
    int run(Vertx vertx, Pool pool, Config config, Database database) throws Exception;
  }

  private static int withDatabase(Map<String, String> env, WithDatabase command) {
    Config config = Config.fromEnvironment(env);
    try (Database database = Database.open(config)) {
      Vertx vertx = Vertx.vertx();
      Pool pool = Rolecall.pool(vertx, config, database);
      try {
        return command.run(vertx, pool, config, database);
      } catch (StartupException e) {
        throw e;
      } catch (Exception e) {
        throw new StartupException(e.getMessage(), e);
      } finally {
        pool.close().await();
        vertx.close().await();
      }
    }
  }

  private static String option(String[] args, String name) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1].trim();
      }
    }
    return null;
  }
}
