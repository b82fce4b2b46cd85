package dev.rolecall.auth;

import dev.rolecall.StartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The key that encrypts the token signing keys at rest. An operator sets it; the embedded default run
 * keeps one in its data folder instead, so that trying the service needs no configuration.
 */
public final class SecretsKey {
  static final String FILE_NAME = "secrets.key";
  private static final int KEY_BYTES = 32;
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private SecretsKey() {
  }

  /** Blocking file IO: call at start-up, before the server listens. */
  public static byte[] resolve(Optional<byte[]> configured, boolean embedded, Path dataDir) {
    if (configured.isPresent()) {
      return configured.get().clone();
    }
    if (!embedded) {
      throw new StartupException(
          "set ROLECALL_SECRETS_KEY (32 bytes, base64: openssl rand -base64 32): it encrypts the token signing keys at rest");
    }
    Path file = dataDir.resolve(FILE_NAME);
    try {
      return Files.exists(file) ? read(file) : create(file);
    } catch (IOException e) {
      throw new StartupException("cannot keep the secrets key in " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    try {
      byte[] key = Base64.getDecoder().decode(text);
      if (key.length == KEY_BYTES) {
        return key;
      }
    } catch (IllegalArgumentException e) {
      // reported below, with the same message as a wrong length
    }
    throw new StartupException(file + " must hold 32 bytes in base64; restore it from a backup: "
        + "the signing keys stored in the database were encrypted with it");
  }

  private static byte[] create(Path file) throws IOException {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Written aside then moved, so a crash never leaves a half-written key that would lock the keys away.
    Path partial = Files.createTempFile(dir, FILE_NAME, ".partial", ownerOnly(dir));
    try {
      Files.writeString(partial, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    return key;
  }

  private static FileAttribute<?>[] ownerOnly(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }
}
