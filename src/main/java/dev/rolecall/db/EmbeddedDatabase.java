package dev.rolecall.db;

import dev.rolecall.StartupException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server of the default run: started from the binaries in the jar, its data kept in a
 * folder across restarts, with the durability settings a real server has. It listens on the loopback
 * interface only and takes passwords (scram-sha-256): its superuser's is generated at the first start
 * and kept beside the data, readable by its owner only. A data folder made before (which trusted every
 * local connection) is switched over at its next start.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration STALE_SERVER_STOP = Duration.ofSeconds(30);

  private static final String PASSWORD_FILE = "postgres.password";
  private static final String HBA = """
      # Written by Rolecall: every connection gives the password (scram-sha-256), local ones too.
      local all all scram-sha-256
      host all all 127.0.0.1/32 scram-sha-256
      host all all ::1/128 scram-sha-256
      """;

  private final EmbeddedPostgres postgres;
  private final String password;

  private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
    this.postgres = postgres;
    this.password = password;
  }

  /** Starts the server on a free local port, its data under {@code dataDir/postgres}. */
  public static EmbeddedDatabase start(Path dataDir) {
    Path pgData = dataDir.resolve("postgres");
    try {
      Files.createDirectories(pgData);
      stopStaleServer(pgData);
      String password = password(dataDir.resolve(PASSWORD_FILE));
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(pgData)
          .setCleanDataDirectory(false)
          .setServerConfig("listen_addresses", "localhost")
          .setServerConfig("password_encryption", "scram-sha-256")
          // Its own readiness check and data source connect with the password too.
          .setConnectConfig("password", password)
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
      requirePasswords(postgres, pgData, password);
      return new EmbeddedDatabase(postgres, password);
    } catch (IOException | SQLException | RuntimeException e) {
      throw new StartupException("cannot start the embedded PostgreSQL in " + pgData + ": " + StartupException.rootReason(e), e);
    }
  }

  public DatabaseUrl url() {
    return new DatabaseUrl("localhost", postgres.getPort(), "postgres", "postgres", password);
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.toString());
    }
  }

  /** The superuser's password: made once (256 random bits), kept owner-readable only. */
  private static String password(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, password);
    return password;
  }

  /**
   * Sets the password and then the rule that asks for it, unless the data folder has them already. Until
   * then the server trusts local connections (as initdb left it), which is how this one gets in.
   */
  private static void requirePasswords(EmbeddedPostgres postgres, Path pgData, String password)
      throws IOException, SQLException {
    Path hba = pgData.resolve("pg_hba.conf");
    if (Files.readString(hba).equals(HBA)) {
      return;
    }
    try (Connection db = postgres.getPostgresDatabase().getConnection(); Statement sql = db.createStatement()) {
      // A password of hex digits only: nothing in it needs quoting.
      sql.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
      Files.writeString(hba, HBA);
      sql.execute("SELECT pg_reload_conf()");
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
