package dev.rolecall.auth;

import java.util.Set;
import java.util.UUID;

/** Who a credential stands for, as the decision needs them: nothing here depends on how they authenticated. */
public record Principal(UUID userId, UUID accountId, String login, boolean active, boolean passwordTemporary,
    Set<Role> roles) {
  public Principal {
    roles = Set.copyOf(roles);
  }
}
