package dev.rolecall;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar rolecall.jar}: runs the service until SIGTERM or Ctrl-C. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    Rolecall service;
    try {
      service = Rolecall.start(Config.fromEnvironment(System.getenv()));
    } catch (StartupException e) {
      LOG.debug("start-up failed", e);
      System.err.println("rolecall: " + e.getMessage());
      System.exit(1);
      return;
    } catch (Exception e) { // including checked ones that Vert.x's await() rethrows
      LOG.debug("start-up failed", e);
      System.err.println("rolecall: cannot start: " + e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping: finishing the requests in flight");
      service.close();
      LOG.info("stopped");
    }, "rolecall-shutdown"));
    LOG.info("listening on http://localhost:{}/", service.port());
  }
}
