package dev.rolecall;

import dev.rolecall.audit.AuditConfig;
import dev.rolecall.auth.AuthConfig;
import dev.rolecall.db.DatabaseUrl;
import dev.rolecall.feed.FeedConfig;
import dev.rolecall.http.HttpLimits;
import dev.rolecall.http.Tls;
import dev.rolecall.http.TrustedProxies;
import dev.rolecall.ops.ManagementConfig;
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
    int databasePoolSize,
    TrustedProxies trustedProxies,
    AuthConfig auth,
    AuditConfig audit,
    FeedConfig feed,
    HttpLimits httpLimits,
    ManagementConfig management,
    Optional<Path> webDir,
    Optional<Tls> tls) {

  public static Config fromEnvironment(Map<String, String> env) {
    return new Config(
        Env.value(env, "ROLECALL_HTTP_HOST").orElse("0.0.0.0"),
        Env.integer(env, "ROLECALL_HTTP_PORT", 8080, 0, 65535),
        Env.value(env, "ROLECALL_DATABASE_URL").map(url -> DatabaseUrl.parse("ROLECALL_DATABASE_URL", url)),
        Path.of(Env.value(env, "ROLECALL_DATA_DIR").orElse("data")).toAbsolutePath(),
        Env.integer(env, "ROLECALL_DATABASE_POOL_SIZE", 10, 1, 200),
        TrustedProxies.fromEnvironment(env),
        AuthConfig.fromEnvironment(env),
        AuditConfig.fromEnvironment(env),
        FeedConfig.fromEnvironment(env),
        HttpLimits.fromEnvironment(env),
        ManagementConfig.fromEnvironment(env),
        Env.value(env, "ROLECALL_WEB_DIR").map(Path::of),
        Tls.fromEnvironment(env));
  }

  public Config withHttpPort(int port) {
    return new Config(httpHost, port, databaseUrl, dataDir, databasePoolSize, trustedProxies, auth, audit, feed,
        httpLimits, management, webDir, tls);
  }

  public Config withDatabase(DatabaseUrl url) {
    return new Config(httpHost, httpPort, Optional.of(url), dataDir, databasePoolSize, trustedProxies, auth, audit,
        feed, httpLimits, management, webDir, tls);
  }
}
