package dev.rolecall.secrets;

import dev.rolecall.StartupException;
import dev.rolecall.auth.SecretBox;
import dev.rolecall.auth.SecretsKey;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code rotate-secrets-key} command. The new key comes from a file ({@code --new-key-file}, base64, as
 * {@code openssl rand -base64 32} writes it) or from {@code ROLECALL_NEW_SECRETS_KEY}, never from the
 * command line, where other users of the machine could read it. The embedded run's data/secrets.key is
 * replaced only after the transaction committed.
 */
public final class RotateSecretsKey {
  public static final String USAGE = """
        rotate-secrets-key [--new-key-file FILE]     re-encrypt every stored secret under a new ROLECALL_SECRETS_KEY
                                                     (from FILE or ROLECALL_NEW_SECRETS_KEY; base64 of 32 bytes)
      """;

  private RotateSecretsKey() {
  }

  /** Reads the new key before anything connects: a bad key is the usage's business. */
  public static byte[] newKey(String keyFile, Map<String, String> env) {
    String text;
    if (keyFile != null) {
      try {
        text = Files.readString(Path.of(keyFile), StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new StartupException("cannot read the new secrets key from " + keyFile + ": " + e.getMessage(), e);
      }
    } else {
      text = env.get("ROLECALL_NEW_SECRETS_KEY");
      if (text == null || text.isBlank()) {
        throw new StartupException("give the new secrets key with --new-key-file FILE or ROLECALL_NEW_SECRETS_KEY"
            + " (32 bytes, base64: openssl rand -base64 32)");
      }
    }
    try {
      byte[] key = Base64.getDecoder().decode(text.trim());
      if (key.length == 32) {
        return key;
      }
    } catch (IllegalArgumentException e) {
      // reported below, with the same message as a wrong length
    }
    throw new StartupException("the new secrets key must be 32 bytes in base64 (openssl rand -base64 32)");
  }

  public static int run(Pool pool, byte[] newKey, Optional<byte[]> configured, boolean embedded, Path dataDir,
      PrintStream out) {
    byte[] oldKey = SecretsKey.resolve(configured, embedded, dataDir);
    if (java.util.Arrays.equals(oldKey, newKey)) {
      out.println("rolecall: the new secrets key is the current one");
      return 1;
    }
    Map<String, Integer> counts;
    try {
      counts = SecretsKeyRotation.rotate(pool, new SecretBox(oldKey), new SecretBox(newKey)).await();
    } catch (SecretBox.CannotOpen e) {
      out.println("rolecall: a stored secret does not open with the current ROLECALL_SECRETS_KEY; nothing changed");
      return 1;
    }
    counts.forEach((table, n) -> out.println("re-encrypted " + n + " value(s) of " + table));
    if (configured.isEmpty() && embedded) {
      writeKeyFile(dataDir.resolve("secrets.key"), newKey);
      out.println("the new key is in " + dataDir.resolve("secrets.key") + "; start the service as usual");
    } else {
      out.println("done: set ROLECALL_SECRETS_KEY to the new key before starting the service again");
    }
    return 0;
  }

  /** Written aside then moved over the old file, so that a crash leaves one whole key, old or new. */
  private static void writeKeyFile(Path file, byte[] key) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Path partial = dir.getFileSystem().supportedFileAttributeViews().contains("posix")
          ? Files.createTempFile(dir, "secrets.key", ".partial",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
          : Files.createTempFile(dir, "secrets.key", ".partial");
      try {
        Files.writeString(partial, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new StartupException("the database is re-encrypted under the new key, but " + file
          + " could not be replaced (" + e.getMessage() + "): write the new key there by hand before starting", e);
    }
  }
}
