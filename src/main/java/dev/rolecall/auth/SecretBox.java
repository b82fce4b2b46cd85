package dev.rolecall.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts small secrets at rest with AES-256-GCM: a random 12-byte nonce followed by the ciphertext
 * and its tag. The context (for instance a key id) is authenticated but not stored, so a ciphertext
 * copied onto another row does not open there.
 */
public final class SecretBox {
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public SecretBox(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("the secrets key must be " + KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  public byte[] seal(byte[] plaintext, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, nonce, context).doFinal(plaintext);
      byte[] sealed = Arrays.copyOf(nonce, NONCE_BYTES + ciphertext.length);
      System.arraycopy(ciphertext, 0, sealed, NONCE_BYTES, ciphertext.length);
      return sealed;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
    }
  }

  /** Throws {@link CannotOpen} when the key is not the one it was sealed with, or the data was altered. */
  public byte[] open(byte[] sealed, String context) {
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new CannotOpen(null);
    }
    try {
      return cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, NONCE_BYTES), context)
          .doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new CannotOpen(e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  /** Wrong key or tampered data: GCM cannot tell which, and neither can we. */
  public static final class CannotOpen extends RuntimeException {
    CannotOpen(Throwable cause) {
      super("cannot decrypt: wrong key or altered data", cause);
    }
  }
}
