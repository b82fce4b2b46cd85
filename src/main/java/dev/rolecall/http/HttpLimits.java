package dev.rolecall.http;

import dev.rolecall.Env;
import dev.rolecall.StartupException;
import java.time.Duration;
import java.util.Map;

/**
 * How long a connection may take to send what it owes, and how many may be open: a client that sends half
 * its headers, half its body or nothing must not hold a connection for ever.
 *
 * @param bodyTimeout from a request's headers to the end of its body
 * @param idleTimeout a connection on which nothing is read or written: one that sends nothing, or stops
 *     halfway through its headers
 * @param maxConnections connections open at once; those above are closed as they come
 */
public record HttpLimits(Duration bodyTimeout, Duration idleTimeout, int maxConnections) {
  public static HttpLimits fromEnvironment(Map<String, String> env) {
    HttpLimits limits = new HttpLimits(
        Env.duration(env, "ROLECALL_HTTP_BODY_TIMEOUT", Duration.ofSeconds(20)),
        Env.duration(env, "ROLECALL_HTTP_IDLE_TIMEOUT", Duration.ofSeconds(30)),
        Env.integer(env, "ROLECALL_HTTP_MAX_CONNECTIONS", 4_000, 1, 1_000_000));
    if (limits.bodyTimeout().compareTo(limits.idleTimeout()) >= 0) {
      // The idle timeout would close a stalled upload first, without the 408 that says why.
      throw new StartupException("ROLECALL_HTTP_BODY_TIMEOUT (" + limits.bodyTimeout()
          + ") must be shorter than ROLECALL_HTTP_IDLE_TIMEOUT (" + limits.idleTimeout() + ")");
    }
    return limits;
  }
}
