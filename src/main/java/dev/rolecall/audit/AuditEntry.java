package dev.rolecall.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One event as it is read back: the AuditEvent schema of the contract. {@link AuditEvent} is the
 * writer's side; this one groups actor and target, and types the changes.
 */
public record AuditEntry(
    UUID id,
    Instant at,
    Actor actor,
    String action,
    Target target,
    Map<String, Change> changes,
    String sourceIp,
    String userAgent,
    String outcome,
    String detail) {

  /** Its members are strings, never null, in the contract: an unknown one is left out. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Actor(UUID id, String login, String credential) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Target(String type, String id, String label) {
  }

  public record Change(Object before, Object after) {
  }
}
