package dev.rolecall.http;

import dev.rolecall.Env;
import dev.rolecall.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The server's certificate and private key, as PEM files ({@code ROLECALL_TLS_CERT}, {@code ROLECALL_TLS_KEY}):
 * with them the service answers HTTPS only. Without them it answers plain HTTP, meant for a trusted proxy
 * that ends TLS in front of it.
 */
public record Tls(Path certificate, Path key) {
  public static Optional<Tls> fromEnvironment(Map<String, String> env) {
    Optional<String> cert = Env.value(env, "ROLECALL_TLS_CERT");
    Optional<String> key = Env.value(env, "ROLECALL_TLS_KEY");
    if (cert.isEmpty() && key.isEmpty()) {
      return Optional.empty();
    }
    if (cert.isEmpty() || key.isEmpty()) {
      throw new StartupException("set both ROLECALL_TLS_CERT and ROLECALL_TLS_KEY (PEM files), or neither");
    }
    Tls tls = new Tls(Path.of(cert.get()).toAbsolutePath(), Path.of(key.get()).toAbsolutePath());
    for (var file : Map.of("ROLECALL_TLS_CERT", tls.certificate(), "ROLECALL_TLS_KEY", tls.key()).entrySet()) {
      if (!Files.isReadable(file.getValue())) {
        throw new StartupException(file.getKey() + " names no readable file: " + file.getValue());
      }
    }
    return Optional.of(tls);
  }
}
