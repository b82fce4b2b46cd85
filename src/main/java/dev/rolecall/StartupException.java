package dev.rolecall;

/** A start-up failure whose message alone tells the operator what is wrong: printed as one line. */
public class StartupException extends RuntimeException {
  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
