package dev.rolecall.db;

import dev.rolecall.StartupException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server of the default run: started from the binaries in the jar, its data kept in a
 * folder across restarts, with the durability settings a real server has.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration STALE_SERVER_STOP = Duration.ofSeconds(30);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts the server on a free local port, its data under {@code dataDir/postgres}. */
  public static EmbeddedDatabase start(Path dataDir) {
    Path pgData = dataDir.resolve("postgres");
    try {
      Files.createDirectories(pgData);
      stopStaleServer(pgData);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(pgData)
          .setCleanDataDirectory(false)
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
      return new EmbeddedDatabase(postgres);
    } catch (IOException | RuntimeException e) {
      throw new StartupException("cannot start the embedded PostgreSQL in " + pgData + ": " + StartupException.rootReason(e), e);
    }
  }

  public DatabaseUrl url() {
    return new DatabaseUrl("localhost", postgres.getPort(), "postgres", "postgres", null);
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.toString());
    }
  }

  /**
   * A {@code kill -9} of the service leaves its postmaster running and holding the data folder; the
   * next start would then fail. A postmaster.pid naming a live postgres process is such a leftover.
   */
  private static void stopStaleServer(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    Optional<ProcessHandle> stale = Files.readAllLines(pidFile).stream()
        .findFirst()
        .map(String::trim)
        .filter(line -> line.matches("\\d+"))
        .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
        .filter(EmbeddedDatabase::isPostgres);
    if (stale.isEmpty()) {
      return;
    }
    ProcessHandle process = stale.get();
    LOG.warn("stopping a PostgreSQL left running by an earlier run (pid {})", process.pid());
    process.destroy();
    try {
      process.onExit().get(STALE_SERVER_STOP.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(command -> command.endsWith("postgres")).orElse(false);
  }
}
