package dev.rolecall.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The opaque secrets of the service (API tokens, ingest keys, refresh tokens, service clients): 256 random
 * bits after a recognisable prefix, so that leaked ones can be found by scanners, and kept only as their
 * SHA-256 digest. A slow hash would cost every request; with 256 random bits a fast digest is safe.
 */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SECRET_BYTES = 32;

  private Secrets() {
  }

  public static String newSecret(String prefix) {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
