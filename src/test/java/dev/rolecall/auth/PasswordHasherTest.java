package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.rolecall.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PasswordHasherTest {
  private static final String PHC = "^\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$";

  private PasswordHasher hasher;

  @AfterEach
  void close() {
    if (hasher != null) {
      hasher.close().await();
    }
  }

  @Test
  void aHashVerifiesOnlyItsOwnPassword(Vertx vertx) {
    hasher = new PasswordHasher(vertx, 2, 4);

    String hash = hasher.hash("correct horse battery staple").await();

    assertThat(hash).matches(PHC).doesNotContain("correct horse");
    assertThat(hasher.verify("correct horse battery staple", hash).await()).isTrue();
    assertThat(hasher.verify("Correct horse battery staple", hash).await()).isFalse();
  }

  @Test
  void eachHashHasItsOwnSalt(Vertx vertx) {
    hasher = new PasswordHasher(vertx, 2, 4);

    assertThat(hasher.hash("same password").await()).isNotEqualTo(hasher.hash("same password").await());
  }

  @Test
  void hashesMadeWithOtherParametersStillVerify(Vertx vertx) {
    hasher = new PasswordHasher(vertx, 1, 4);
    String older = Password.hash("older").addRandomSalt(16)
        .with(Argon2Function.getInstance(4096, 1, 1, 32, Argon2.ID)).getResult();

    assertThat(hasher.verify("older", older).await()).isTrue();
    assertThat(hasher.verify("newer", older).await()).isFalse();
  }

  @Test
  void anUnreadableStoredHashMatchesNothing(Vertx vertx) {
    hasher = new PasswordHasher(vertx, 1, 4);

    assertThat(hasher.verify("anything", "").await()).isFalse();
    assertThat(hasher.verify("anything", "$argon2id$garbage").await()).isFalse();
    assertThat(hasher.verify("anything", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy").await()).isFalse();
  }

  @Test
  void anUnknownUserCostsAFullCheckAndNeverMatches(Vertx vertx) {
    hasher = new PasswordHasher(vertx, 1, 4);

    assertThat(hasher.verifyAgainstNothing("").await()).isFalse();
    assertThat(hasher.verifyAgainstNothing("any password").await()).isFalse();
  }

  @Test
  void beyondWorkersAndQueueItRefusesAtOnceWith503(Vertx vertx) {
    hasher = new PasswordHasher(vertx, 1, 0);

    // The first job holds the only slot for a whole Argon2id run, so the others arrive while it is busy.
    List<Future<String>> burst = IntStream.range(0, 6).mapToObj(i -> hasher.hash("password " + i)).toList();
    Future.join(burst).otherwiseEmpty().await();

    assertThat(burst).anyMatch(Future::succeeded);
    assertThat(burst.stream().filter(Future::failed).map(Future::cause).toList()).isNotEmpty().allSatisfy(cause -> {
      assertThat(cause).isInstanceOf(ProblemException.class).hasMessageContaining("try again shortly");
      assertThat(((ProblemException) cause).problem().status()).isEqualTo(503);
      assertThat(((ProblemException) cause).problem().type()).endsWith("/busy");
      assertThat(((ProblemException) cause).headers()).containsEntry("Retry-After", "1");
    });
    assertThat(PasswordHasher.RETRY_AFTER_SECONDS).isEqualTo(1);
    assertThat(hasher.hash("after the burst").await()).as("slots are given back").matches(PHC);
  }
}
