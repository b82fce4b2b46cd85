package dev.rolecall;

/** A start-up failure whose message alone tells the operator what is wrong: printed as one line. */
public class StartupException extends RuntimeException {
  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The first line of what the deepest cause says: what an operator can act on, without the chain. */
  public static String rootReason(Throwable e) {
    Throwable root = rootCause(e);
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  public static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
