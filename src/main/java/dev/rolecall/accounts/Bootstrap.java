package dev.rolecall.accounts;

import dev.rolecall.auth.AuthConfig;
import dev.rolecall.auth.PasswordHasher;
import io.vertx.core.Future;
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
        : hasher.hash(password)
            .compose(hash -> accounts.createFirst("Default account",
                new AccountRepository.NewAdmin(login, "Account", "Administrator", hash, generated.isPresent())))
            .map(created -> created.map(ignored -> new FirstAdmin(login, generated))));
  }
}
