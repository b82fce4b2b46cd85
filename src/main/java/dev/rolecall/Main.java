package dev.rolecall;

import dev.rolecall.accounts.Bootstrap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar rolecall.jar}: runs the service until SIGTERM or Ctrl-C; or one of {@link Commands}. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    if (args.length > 0) {
      System.exit(runCommand(args));
    }
    Rolecall service;
    Config config;
    try {
      config = Config.fromEnvironment(System.getenv());
      service = Rolecall.start(config);
    } catch (StartupException e) {
      exit(e, e.getMessage());
      return;
    } catch (Exception e) { // including checked ones that Vert.x's await() rethrows
      exit(e, "cannot start: " + e);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping: finishing the requests in flight");
      service.close();
      LOG.info("stopped");
    }, "rolecall-shutdown"));
    String url = (config.tls().isPresent() ? "https" : "http") + "://localhost:" + service.port() + "/";
    service.firstAdmin().ifPresent(admin -> printFirstAdmin(admin, url));
    LOG.info("listening on {}", url);
  }

  private static int runCommand(String[] args) {
    try {
      return Commands.run(args, System.getenv(), System.out);
    } catch (StartupException e) {
      LOG.debug("command failed", e);
      System.err.println("rolecall: " + e.getMessage());
      return 1;
    }
  }

  /** Shown once, on the console only: the generated password is never logged. */
  private static void printFirstAdmin(Bootstrap.FirstAdmin admin, String url) {
    System.out.println();
    System.out.println("  First start: log in at " + url + " as " + admin.login());
    admin.generatedPassword().ifPresentOrElse(
        password -> System.out.println("  with the temporary password " + password
            + "  (shown this once; you will choose your own at the first login)"),
        () -> System.out.println("  with the password in ROLECALL_ADMIN_PASSWORD"));
    System.out.println();
  }

  private static void exit(Exception e, String line) {
    LOG.debug("start-up failed", e);
    System.err.println("rolecall: " + line);
    System.exit(1);
  }
}
