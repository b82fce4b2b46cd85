package dev.rolecall.support;

import dev.rolecall.Config;
import dev.rolecall.Rolecall;
import dev.rolecall.db.DatabaseUrl;
import java.util.HashMap;
import java.util.Map;

/** Starts the real service on a free port against the test database (or another one). */
public final class TestService {
  /** Every service of the test JVM shares the database, so they share the key of its signing keys. */
  public static final String SECRETS_KEY = "cm9sZWNhbGwtdGVzdC1zZWNyZXRzLWtleS0zMmJ5dGU=";

  private TestService() {
  }

  public static Rolecall start() {
    return start(TestDatabase.url(), Map.of());
  }

  public static Rolecall start(Map<String, String> env) {
    return start(TestDatabase.url(), env);
  }

  public static Rolecall start(DatabaseUrl database) {
    return start(database, Map.of());
  }

  public static Rolecall start(DatabaseUrl database, Map<String, String> env) {
    return Rolecall.start(Config.fromEnvironment(environment(env)).withDatabase(database));
  }

  /** The environment of a test service: loopback, any free port, a small pool, the test secrets key. */
  public static Map<String, String> environment(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(Map.of(
        "ROLECALL_HTTP_HOST", "127.0.0.1",
        "ROLECALL_HTTP_PORT", "0",
        "ROLECALL_MANAGEMENT_PORT", "0",
        "ROLECALL_DATABASE_POOL_SIZE", "4",
        "ROLECALL_SECRETS_KEY", SECRETS_KEY,
        "ROLECALL_ADMIN_PASSWORD", "bootstrap admin password of the tests"));
    env.putAll(overrides);
    return env;
  }
}
