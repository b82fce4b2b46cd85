package dev.rolecall.support;

import dev.rolecall.Config;
import dev.rolecall.Rolecall;
import dev.rolecall.db.DatabaseUrl;
import java.util.Map;

/** Starts the real service on a free port against the test database (or another one). */
public final class TestService {
  private TestService() {
  }

  public static Rolecall start() {
    return start(TestDatabase.url());
  }

  public static Rolecall start(DatabaseUrl database) {
    Config config = Config.fromEnvironment(Map.of(
            "ROLECALL_HTTP_HOST", "127.0.0.1",
            "ROLECALL_HTTP_PORT", "0",
            "ROLECALL_DATABASE_POOL_SIZE", "4"))
        .withDatabase(database);
    return Rolecall.start(config);
  }
}
