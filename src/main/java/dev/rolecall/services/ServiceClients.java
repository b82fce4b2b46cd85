package dev.rolecall.services;

import dev.rolecall.auth.Secrets;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Creating, listing and revoking service clients: the operator's commands, and the tests' fixtures. */
public final class ServiceClients {
  private static final String PREFIX = "rcs_";

  private final ServiceClientRepository repository;

  public ServiceClients(Pool pool) {
    this.repository = new ServiceClientRepository(pool);
  }

  /** The secret is shown here once; only its digest is kept. */
  public record Created(UUID clientId, String secret) {
  }

  /** {@code accounts} is ignored, and must be empty, when the client serves all accounts. */
  public Future<Created> create(String name, boolean allAccounts, Set<UUID> accounts) {
    // One or the other, said explicitly: a client that serves every account is never made by omission.
    if (allAccounts && !accounts.isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("a client for all accounts lists no account"));
    }
    if (!allAccounts && accounts.isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("name the accounts the client serves, or all of them"));
    }
    String secret = Secrets.newSecret(PREFIX);
    return repository.create(name, allAccounts, accounts, Secrets.digest(secret))
        .map(id -> new Created(id, secret));
  }

  public Future<List<ServiceClientRepository.Listed>> list() {
    return repository.list();
  }

  /** Whether a client that still worked was revoked: it is refused at once on every instance. */
  public Future<Boolean> revoke(UUID id) {
    return repository.revoke(id);
  }

  ServiceClientRepository repository() {
    return repository;
  }
}
