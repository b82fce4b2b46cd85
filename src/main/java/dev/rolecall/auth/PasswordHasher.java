package dev.rolecall.auth;

import com.password4j.Argon2Function;
import com.password4j.BadParametersException;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Argon2id password hashes (OWASP's m=19456 KiB, t=2, p=1) as PHC strings. Each hash costs about
 * 100 ms of CPU and 19 MiB, so it runs on a pool of its own and admits only {@code workers + queue}
 * jobs at once: a flood of logins is refused with 503 instead of queueing without end.
 */
public final class PasswordHasher {
  /** How long a client refused with 503 busy should wait: the refusal carries it as Retry-After. */
  public static final int RETRY_AFTER_SECONDS = 1;

  private static final int MEMORY_KIB = 19456;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Argon2Function ARGON2ID =
      Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID);

  private final WorkerExecutor executor;
  private final int capacity;
  private final AtomicInteger admitted = new AtomicInteger();
  private final String dummyHash = dummyHash();

  public PasswordHasher(Vertx vertx, int workers, int queue) {
    this.executor = vertx.createSharedWorkerExecutor("rolecall-password-hashing", workers);
    this.capacity = workers + queue;
  }

  public Future<String> hash(String password) {
    return submit(() -> Password.hash(password).addRandomSalt(SALT_BYTES).with(ARGON2ID).getResult());
  }

  /** False for a wrong password, and for a stored hash that is not Argon2id, after the same work. */
  public Future<Boolean> verify(String password, String phcHash) {
    return submit(() -> check(password, phcHash));
  }

  /** Spends what a real check does, so a login for an unknown user takes as long as a wrong password. */
  public Future<Boolean> verifyAgainstNothing(String password) {
    return submit(() -> checkAgainstNothing(password));
  }

  public Future<Void> close() {
    return executor.close();
  }

  private <T> Future<T> submit(Callable<T> job) {
    if (admitted.incrementAndGet() > capacity) {
      admitted.decrementAndGet();
      return Future.failedFuture(new ProblemException(Problem.of(503, "busy", "Too busy",
          "The service is busy checking passwords; try again shortly.")).withRetryAfter(RETRY_AFTER_SECONDS));
    }
    return executor.executeBlocking(job, false).onComplete(done -> admitted.decrementAndGet());
  }

  private boolean check(String password, String phcHash) {
    // The stored hash's own parameters, so hashes made before a change of parameters still verify.
    Argon2Function function = argon2idOf(phcHash);
    return function == null ? checkAgainstNothing(password) : Password.check(password, phcHash).with(function);
  }

  private boolean checkAgainstNothing(String password) {
    Password.check(password, dummyHash).with(ARGON2ID);
    return false;
  }

  private static Argon2Function argon2idOf(String phcHash) {
    if (phcHash == null || !phcHash.startsWith("$argon2id$")) {
      return null;
    }
    try {
      return Argon2Function.getInstanceFromHash(phcHash);
    } catch (BadParametersException e) {
      return null;
    }
  }

  /**
   * A well-formed hash no password matches: a random salt and random output. Checking against it costs a
   * full Argon2id run, yet building it costs nothing, so constructing the hasher never blocks.
   */
  private static String dummyHash() {
    SecureRandom random = new SecureRandom();
    byte[] salt = new byte[SALT_BYTES];
    byte[] output = new byte[HASH_BYTES];
    random.nextBytes(salt);
    random.nextBytes(output);
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
        + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(output);
  }
}
