package dev.rolecall.services;

import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;

/**
 * A platform service (channels, analytics, the dialer…) that asks Rolecall for decisions, authenticated
 * by HTTP Basic with its client id and secret. It serves the accounts it was created for, or every account
 * when created with {@code --all-accounts}; any other account's users are unknown to it.
 */
public record ServiceClient(UUID id, String name, boolean allAccounts, Set<UUID> accounts) {
  private static final String KEY = "rolecall.service-client";

  public ServiceClient {
    accounts = Set.copyOf(accounts);
  }

  public boolean serves(UUID accountId) {
    return allAccounts || accounts.contains(accountId);
  }

  public void attachTo(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  /** The service client of an {@code x-access: service} operation; the authorization step has put it there. */
  public static ServiceClient of(RoutingContext ctx) {
    ServiceClient client = ctx.get(KEY);
    if (client == null) {
      throw new IllegalStateException("no service client: the operation is not declared as x-access: service");
    }
    return client;
  }
}
