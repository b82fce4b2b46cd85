package dev.rolecall.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * How a principal authenticated: a login token (from the header or the session cookie) or an API token,
 * its id and expiry, and for an API token the permissions it was narrowed to (empty: all its owner's).
 */
public record Credential(Kind kind, UUID tokenId, Instant expiresAt, boolean fromCookie,
    Optional<Set<Permission>> scope) {
  public enum Kind { LOGIN, API_TOKEN }

  public Credential {
    scope = scope.map(Set::copyOf);
  }

  public static Credential login(UUID tokenId, Instant expiresAt, boolean fromCookie) {
    return new Credential(Kind.LOGIN, tokenId, expiresAt, fromCookie, Optional.empty());
  }

  public static Credential apiToken(UUID tokenId, Instant expiresAt, Optional<Set<Permission>> scope) {
    return new Credential(Kind.API_TOKEN, tokenId, expiresAt, false, scope);
  }
}
