package dev.rolecall.ops;

import dev.rolecall.Env;
import java.util.Map;

/**
 * Where the operators' endpoints (metrics) listen: apart from the API, on the loopback interface unless
 * said otherwise, since they tell an outsider the JVM, the routes' traffic and the pool's load.
 */
public record ManagementConfig(String host, int port) {
  public static ManagementConfig fromEnvironment(Map<String, String> env) {
    return new ManagementConfig(
        Env.value(env, "ROLECALL_MANAGEMENT_HOST").orElse("127.0.0.1"),
        Env.integer(env, "ROLECALL_MANAGEMENT_PORT", 9090, 0, 65535));
  }
}
