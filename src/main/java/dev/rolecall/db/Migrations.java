package dev.rolecall.db;

import org.flywaydb.core.Flyway;

/** Applies the Flyway migrations, the single source of the schema. Runs at start-up, before listening. */
public final class Migrations {
  private Migrations() {
  }

  public static void apply(DatabaseUrl url) {
    Flyway.configure()
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations("classpath:db/migration")
        .connectRetries(0)
        .load()
        .migrate();
  }
}
