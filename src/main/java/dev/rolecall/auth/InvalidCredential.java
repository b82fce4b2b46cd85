package dev.rolecall.auth;

/** The credential presented is unknown, expired, revoked or not this service's: nobody is authenticated. */
public final class InvalidCredential extends RuntimeException {
  public InvalidCredential(String message) {
    super(message, null, false, false);
  }
}
