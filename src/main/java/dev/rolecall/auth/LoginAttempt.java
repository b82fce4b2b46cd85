package dev.rolecall.auth;

import io.vertx.core.Future;
import java.util.function.Predicate;

/**
 * An attempt the {@link LoginThrottle} has admitted, already counted as a failure. Judging its credential
 * decides whether the count stays: it does for a wrong one, and goes for a right one or for a check that
 * never ran (the hashing pool full, the database away), which say nothing about the credential.
 */
public final class LoginAttempt {
  private final LoginThrottle throttle;
  private final long id;

  LoginAttempt(LoginThrottle throttle, long id) {
    this.throttle = throttle;
    this.id = id;
  }

  /** The attempt of a disabled throttle: nothing counted, nothing to take back. */
  static LoginAttempt uncounted() {
    return new LoginAttempt(null, 0);
  }

  /** The verification's own result, once the count is settled by whether it found the credential {@code right}. */
  public <T> Future<T> judge(Future<T> verification, Predicate<T> right) {
    return verification.transform(done -> done.succeeded() && !right.test(done.result())
        ? Future.succeededFuture(done.result())
        : forget().transform(forgotten -> done.succeeded()
            ? Future.succeededFuture(done.result())
            : Future.failedFuture(done.cause())));
  }

  private Future<Void> forget() {
    return throttle == null ? Future.succeededFuture() : throttle.forget(id);
  }
}
