package dev.rolecall.accounts;

import java.security.SecureRandom;

/** A strong random password for a first administrator: 20 characters, about 117 bits. */
public final class GeneratedPassword {
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private GeneratedPassword() {
  }

  public static String next() {
    StringBuilder password = new StringBuilder(20);
    for (int i = 0; i < 20; i++) {
      password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }
}
