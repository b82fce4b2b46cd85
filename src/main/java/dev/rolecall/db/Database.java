package dev.rolecall.db;

import dev.rolecall.Config;
import dev.rolecall.StartupException;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;

/** The service's database, migrated: the configured one, or the embedded one in the data folder. */
public final class Database implements AutoCloseable {
  private final DatabaseUrl url;
  private final Optional<EmbeddedDatabase> embedded;

  private Database(DatabaseUrl url, Optional<EmbeddedDatabase> embedded) {
    this.url = url;
    this.embedded = embedded;
  }

  /** Blocking (JDBC for Flyway): called at start-up, before anything listens. */
  public static Database open(Config config) {
    Optional<EmbeddedDatabase> embedded = config.databaseUrl().isPresent()
        ? Optional.empty()
        : Optional.of(EmbeddedDatabase.start(config.dataDir()));
    DatabaseUrl url = config.databaseUrl().orElseGet(() -> embedded.orElseThrow().url());
    try {
      Migrations.apply(url);
    } catch (FlywayException e) {
      embedded.ifPresent(EmbeddedDatabase::close);
      throw new StartupException("cannot prepare the database at " + url + ": " + StartupException.rootReason(e), e);
    }
    return new Database(url, embedded);
  }

  public DatabaseUrl url() {
    return url;
  }

  public boolean isEmbedded() {
    return embedded.isPresent();
  }

  @Override
  public void close() {
    embedded.ifPresent(EmbeddedDatabase::close);
  }
}
