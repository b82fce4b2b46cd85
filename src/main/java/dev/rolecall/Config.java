package dev.rolecall;

import dev.rolecall.db.DatabaseUrl;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the service reads from its environment, parsed once at start-up. A value that cannot be
 * parsed ends start-up with a {@link StartupException} naming the variable.
 */
public record Config(
    String httpHost,
    int httpPort,
    Optional<DatabaseUrl> databaseUrl,
    Path dataDir,
    int databasePoolSize) {

  public static Config fromEnvironment(Map<String, String> env) {
    return new Config(
        env.getOrDefault("ROLECALL_HTTP_HOST", "0.0.0.0"),
        port(env, "ROLECALL_HTTP_PORT", 8080),
        Optional.ofNullable(blankToNull(env.get("ROLECALL_DATABASE_URL")))
            .map(url -> DatabaseUrl.parse("ROLECALL_DATABASE_URL", url)),
        Path.of(env.getOrDefault("ROLECALL_DATA_DIR", "data")).toAbsolutePath(),
        intInRange(env, "ROLECALL_DATABASE_POOL_SIZE", 10, 1, 200));
  }

  public Config withHttpPort(int port) {
    return new Config(httpHost, port, databaseUrl, dataDir, databasePoolSize);
  }

  public Config withDatabase(DatabaseUrl url) {
    return new Config(httpHost, httpPort, Optional.of(url), dataDir, databasePoolSize);
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    return intInRange(env, name, fallback, 0, 65535);
  }

  private static int intInRange(Map<String, String> env, String name, int fallback, int min, int max) {
    String raw = blankToNull(env.get(name));
    if (raw == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value < min || value > max) {
        throw new StartupException(name + " must be between " + min + " and " + max + ", got " + raw);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new StartupException(name + " must be a whole number, got '" + raw + "'");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
