package dev.rolecall.auth;

import dev.rolecall.Env;
import dev.rolecall.StartupException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Authentication settings from the environment. */
public record AuthConfig(
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    Duration identityCacheTtl,
    Optional<String> issuer,
    Optional<String> adminLogin,
    Optional<String> adminPassword,
    Optional<byte[]> secretsKey,
    int hashWorkers,
    int hashQueue,
    ThrottleLimits throttle) {
  private static final Duration MAX_OVERALL_DELAY = Duration.ofSeconds(30);

  /**
   * Failed logins allowed per window before 429, per login and client address and per address; past the
   * overall limit, every login waits {@code overallDelay} instead.
   */
  public record ThrottleLimits(boolean enabled, Duration window, int perLoginAndIp, int perIp, int overall,
      Duration overallDelay) {
  }

  public static AuthConfig fromEnvironment(Map<String, String> env) {
    return new AuthConfig(
        // ROLECALL_TOKEN_TTL is the name of before refresh tokens: still read, so a deployment keeps working.
        Env.duration(env, "ROLECALL_ACCESS_TOKEN_TTL",
            Env.duration(env, "ROLECALL_TOKEN_TTL", Duration.ofMinutes(5))),
        Env.duration(env, "ROLECALL_REFRESH_TOKEN_TTL", Duration.ofDays(30)),
        Env.duration(env, "ROLECALL_IDENTITY_CACHE_TTL", Duration.ofSeconds(30)),
        Env.value(env, "ROLECALL_ISSUER").map(AuthConfig::issuer),
        Env.value(env, "ROLECALL_ADMIN_LOGIN"),
        Env.value(env, "ROLECALL_ADMIN_PASSWORD"),
        Env.value(env, "ROLECALL_SECRETS_KEY").map(AuthConfig::secretsKey),
        Env.integer(env, "ROLECALL_HASH_WORKERS", 2, 1, 64),
        Env.integer(env, "ROLECALL_HASH_QUEUE", 16, 0, 10_000),
        new ThrottleLimits(
            !"off".equalsIgnoreCase(env.getOrDefault("ROLECALL_LOGIN_THROTTLE", "on")),
            Env.duration(env, "ROLECALL_LOGIN_THROTTLE_WINDOW", Duration.ofMinutes(15)),
            Env.integer(env, "ROLECALL_LOGIN_MAX_FAILURES_PER_LOGIN_IP", 10, 1, 1_000_000),
            Env.integer(env, "ROLECALL_LOGIN_MAX_FAILURES_PER_IP", 100, 1, 1_000_000),
            Env.integer(env, "ROLECALL_LOGIN_MAX_FAILURES_OVERALL", 10_000, 1, 100_000_000),
            overallDelay(Env.duration(env, "ROLECALL_LOGIN_OVERALL_DELAY", Duration.ofSeconds(2)))));
  }

  /** An https (or http) URL without query or fragment, as RFC 8414 wants; compared exactly, so no trailing slash. */
  private static String issuer(String url) {
    if (!url.matches("https?://[^/?#\\s]+(/[^?#\\s]*[^/?#\\s])?")) {
      throw new StartupException("ROLECALL_ISSUER must be an http(s) URL without query, fragment or trailing slash,"
          + " such as https://rolecall.example.com, got '" + url + "'");
    }
    return url;
  }

  /** Bounded: the delay slows an attack down, it must not hold a real user's login for long. */
  private static Duration overallDelay(Duration delay) {
    if (delay.compareTo(MAX_OVERALL_DELAY) > 0) {
      throw new StartupException("ROLECALL_LOGIN_OVERALL_DELAY must be at most " + MAX_OVERALL_DELAY.toSeconds()
          + "s, got " + delay.toMillis() + "ms");
    }
    return delay;
  }

  private static byte[] secretsKey(String base64) {
    try {
      byte[] key = Base64.getDecoder().decode(base64.trim());
      if (key.length != 32) {
        throw new StartupException("ROLECALL_SECRETS_KEY must be 32 bytes in base64 (openssl rand -base64 32)");
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new StartupException("ROLECALL_SECRETS_KEY is not base64 (openssl rand -base64 32)");
    }
  }
}
