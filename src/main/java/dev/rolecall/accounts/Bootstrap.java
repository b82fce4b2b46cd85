package dev.rolecall.accounts;

import dev.rolecall.StartupException;
import dev.rolecall.auth.AuthConfig;
import dev.rolecall.auth.PasswordHasher;
import dev.rolecall.auth.PasswordPolicy;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * The first start creates the first account and its ADMIN. Without a configured password a strong one
 * is generated, shown once, and marked temporary: it must be changed at the first login.
 */
public final class Bootstrap {
  public static final String DEFAULT_ADMIN_LOGIN = "admin@rolecall.local";

  private Bootstrap() {
  }

  /** The first administrator, when this start created them; the password only when it was generated. */
  public record FirstAdmin(String login, Optional<String> generatedPassword) {
  }

  public static Future<Optional<FirstAdmin>> run(AccountRepository accounts, PasswordHasher hasher, AuthConfig config) {
    String login = config.adminLogin().orElse(DEFAULT_ADMIN_LOGIN);
    Optional<String> generated = config.adminPassword().isPresent()
        ? Optional.empty()
        : Optional.of(GeneratedPassword.next());
    String password = config.adminPassword().orElseGet(generated::orElseThrow);
    return accounts.anyExists().compose(exists -> exists
        ? Future.succeededFuture(Optional.empty())
        : requireStrong(config.adminPassword(), login).compose(strong -> hasher.hash(password))
            .compose(hash -> accounts.createFirst("Default account",
                new AccountRepository.NewAdmin(login, "Account", "Administrator", hash, generated.isPresent())))
            .map(created -> created.map(ignored -> new FirstAdmin(login, generated))));
  }

  /** A configured password meets the policy that every other password meets. */
  private static Future<Void> requireStrong(Optional<String> configured, String login) {
    if (configured.isEmpty() || PasswordPolicy.estimate(configured.get(), List.of(login)).strong()) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(new StartupException("ROLECALL_ADMIN_PASSWORD is too easy to guess: use at least "
        + PasswordPolicy.MIN_LENGTH + " characters that are not a common phrase (a passphrase of four or more"
        + " unrelated words will do), or leave it unset to get a generated temporary one"));
  }
}
