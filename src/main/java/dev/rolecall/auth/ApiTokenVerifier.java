package dev.rolecall.auth;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Recognises API tokens (opaque secrets with a prefix) and says whose they are and what they may do. */
public interface ApiTokenVerifier {
  String PREFIX = "rcp_";

  /** What a valid API token stands for; {@code permissions} empty means all of its owner's. */
  record Verified(UUID tokenId, UUID userId, UUID accountId, Optional<Set<Permission>> permissions, Instant expiresAt) {
  }

  /** Fails when the secret is unknown, revoked or expired. */
  Future<Verified> verify(String secret);
}
