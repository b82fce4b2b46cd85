package dev.rolecall.auth;

import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The requirement table: every operation of the contract, by operationId, and what it requires, read once
 * at start-up. The authorization step, {@code GET /api/me}, the decision API and the SPA all ask it;
 * nothing else states which permissions an operation needs.
 */
public final class Requirements {
  private final Map<String, Requirement> byOperation;

  private Requirements(Map<String, Requirement> byOperation) {
    this.byOperation = Collections.unmodifiableMap(byOperation);
  }

  public static Requirements of(OpenAPIContract contract) {
    return of(contract.operations());
  }

  public static Requirements of(List<Operation> operations) {
    Map<String, Requirement> table = new LinkedHashMap<>();
    for (Operation operation : operations) {
      table.put(operation.getOperationId(), Requirement.of(operation));
    }
    return new Requirements(table);
  }

  public Optional<Requirement> get(String operationId) {
    return Optional.ofNullable(byOperation.get(operationId));
  }

  public Collection<Requirement> all() {
    return byOperation.values();
  }

  /** The operations of users (not public, not machine ones) that this principal may call right now. */
  public List<String> allowed(Principal principal, Credential credential) {
    return byOperation.values().stream()
        .filter(Requirement::concernsUsers)
        .filter(requirement -> Decisions.decide(principal, credential, requirement).allowed())
        .map(Requirement::operationId)
        .toList();
  }
}
