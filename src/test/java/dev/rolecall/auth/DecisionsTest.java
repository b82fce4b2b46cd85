package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link Decisions#decide} against an expectation worked out here, for every requirement of the contract
 * (as the tests read it) and every single permission, over every role, every pair of roles and no role,
 * active or not, temporary password or not, with a login token, an API token of all its owner's
 * permissions, and API tokens narrowed to none and to half of them.
 */
class DecisionsTest {
  private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

  @Test
  void everyRequirementForEveryRoleAndPairOfRoles() {
    List<Requirement> requirements = new ArrayList<>();
    ContractAccessTest.Contract.operations().forEach(op -> requirements.add(op.access()));
    for (Permission permission : Permission.values()) {
      requirements.add(Requirement.ofPermission(permission));
    }
    List<String> mismatches = new ArrayList<>();
    int decisions = 0;
    for (Set<Role> roles : roleSets()) {
      for (boolean active : new boolean[] {true, false}) {
        for (boolean temporary : new boolean[] {false, true}) {
          Principal principal = new Principal(UUID.randomUUID(), UUID.randomUUID(), "someone", active, temporary, roles);
          for (Credential credential : credentials()) {
            for (Requirement requirement : requirements) {
              decisions++;
              Decision decision = Decisions.decide(principal, credential, requirement);
              Expected expected = expected(principal, credential, requirement);
              if (decision.allowed() != expected.allowed() || !decision.reason().code().equals(expected.reason())
                  || !decision.missingPermissions().equals(expected.missing())
                  || !decision.grantedBy().equals(expected.grantedBy())) {
                mismatches.add(requirement.operationId() + " for " + roles + " active=" + active + " temporary="
                    + temporary + " " + credential.kind() + credential.scope() + ": got " + decision + ", expected "
                    + expected);
              }
            }
          }
        }
      }
    }
    assertThat(decisions).isGreaterThan(100_000);
    assertThat(mismatches).as("decisions differing from the matrix").isEmpty();
  }

  @Test
  void effectivePermissionsAreTheRolesNarrowedToTheTokensScope() {
    Principal principal = new Principal(UUID.randomUUID(), UUID.randomUUID(), "someone", true, false,
        Set.of(Role.OPERATOR, Role.DIALER_USER));
    Set<Permission> union = EnumSet.copyOf(Role.OPERATOR.permissions());
    union.addAll(Role.DIALER_USER.permissions());
    assertThat(Decisions.effectivePermissions(principal, Credential.login(UUID.randomUUID(), LATER, false)))
        .isEqualTo(union);
    assertThat(Decisions.effectivePermissions(principal, Credential.apiToken(UUID.randomUUID(), LATER,
        Optional.of(Set.of(Permission.CLIENTS_VIEW, Permission.USERS_EDIT)))))
        .containsExactly(Permission.CLIENTS_VIEW);
  }

  private record Expected(boolean allowed, String reason, Set<Permission> missing,
      Map<Permission, Set<Role>> grantedBy) {
  }

  /** The rules of the matrix, in the order the contract's description gives them. */
  private static Expected expected(Principal principal, Credential credential, Requirement requirement) {
    Map<Permission, Set<Role>> grantedBy = new HashMap<>();
    Set<Permission> granted = new HashSet<>();
    for (Permission permission : requirement.permissions()) {
      Set<Role> by = new HashSet<>();
      for (Role role : principal.roles()) {
        if (role.permissions().contains(permission)) {
          by.add(role);
          granted.add(permission);
        }
      }
      grantedBy.put(permission, by);
    }
    switch (requirement.kind()) {
      case PUBLIC -> {
        return new Expected(true, "allowed", Set.of(), grantedBy);
      }
      case MACHINE, SERVICE -> {
        return new Expected(false, "not-for-users", Set.of(), grantedBy);
      }
      default -> {
      }
    }
    if (!principal.active()) {
      return new Expected(false, "inactive", Set.of(), grantedBy);
    }
    if (principal.roles().stream().noneMatch(Role::canLogin)) {
      return new Expected(false, "no-login-role", Set.of(), grantedBy);
    }
    if (requirement.loginCredentialOnly() && credential.kind() == Credential.Kind.API_TOKEN) {
      return new Expected(false, "login-credential-required", Set.of(), grantedBy);
    }
    if (principal.passwordTemporary() && !requirement.allowedWithTemporaryPassword()) {
      return new Expected(false, "password-change-required", Set.of(), grantedBy);
    }
    Set<Permission> missing = new HashSet<>(requirement.permissions());
    missing.removeAll(granted);
    if (!missing.isEmpty()) {
      return new Expected(false, "missing-permissions", missing, grantedBy);
    }
    Set<Permission> outOfScope = new HashSet<>(requirement.permissions());
    credential.scope().ifPresent(outOfScope::removeAll);
    if (credential.scope().isPresent() && !outOfScope.isEmpty()) {
      return new Expected(false, "token-scope", outOfScope, grantedBy);
    }
    return new Expected(true, "allowed", Set.of(), grantedBy);
  }

  /** No role, every single role, then every pair of distinct roles. */
  static List<Set<Role>> roleSets() {
    List<Set<Role>> sets = new ArrayList<>();
    sets.add(Set.of());
    Role[] roles = Role.values();
    for (Role role : roles) {
      sets.add(EnumSet.of(role));
    }
    for (int i = 0; i < roles.length; i++) {
      for (int j = i + 1; j < roles.length; j++) {
        sets.add(EnumSet.of(roles[i], roles[j]));
      }
    }
    return sets;
  }

  private static List<Credential> credentials() {
    Set<Permission> half = EnumSet.noneOf(Permission.class);
    for (Permission permission : Permission.values()) {
      if (permission.ordinal() % 2 == 0) {
        half.add(permission);
      }
    }
    return List.of(
        Credential.login(UUID.randomUUID(), LATER, false),
        Credential.apiToken(UUID.randomUUID(), LATER, Optional.empty()),
        Credential.apiToken(UUID.randomUUID(), LATER, Optional.of(Set.of())),
        Credential.apiToken(UUID.randomUUID(), LATER, Optional.of(half)));
  }
}
