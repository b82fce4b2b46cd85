package dev.rolecall.auth;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What authorization reads of a user on every request, cached per user until a change is announced:
 * who they are, their roles and state, and which of their login tokens no longer count.
 */
public record Identity(UUID userId, UUID accountId, String accountName, String login, String firstName,
    String lastName, boolean active, boolean passwordTemporary, Instant tokensValidAfter, Set<Role> roles,
    Set<UUID> revokedTokenIds) {
  public Identity {
    roles = Set.copyOf(roles);
    revokedTokenIds = Set.copyOf(revokedTokenIds);
  }

  public Principal principal() {
    return new Principal(userId, accountId, login, active, passwordTemporary, roles);
  }

  /** A login token counts if issued after the last "log out everywhere" and not revoked on its own. */
  public boolean accepts(UUID tokenId, Instant issuedAt) {
    return issuedAt.isAfter(tokensValidAfter) && !revokedTokenIds.contains(tokenId);
  }
}
