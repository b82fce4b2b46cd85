package dev.rolecall.auth;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one decision of the service: pure, with no HTTP and no database in it. The authorization step, the
 * decision API, {@code GET /api/me}'s operations and the SPA's {@code can(operationId)} all come from here.
 */
public final class Decisions {
  private Decisions() {
  }

  /**
   * In this order: a public operation is allowed and a machine one is not a user's; then an inactive user,
   * a user with no role that logs in, an API token where only a login will do, a temporary password, the
   * permissions the roles lack, and those the token was not given.
   */
  public static Decision decide(Principal principal, Credential credential, Requirement requirement) {
    Set<Permission> required = requirement.permissions();
    Map<Permission, Set<Role>> grantedBy = grantedBy(principal.roles(), required);
    if (requirement.kind() == Requirement.Kind.PUBLIC) {
      return allowed(grantedBy);
    }
    if (!requirement.concernsUsers()) {
      return refused(Decision.Reason.NOT_FOR_USERS, Set.of(), grantedBy);
    }
    if (!principal.active()) {
      return refused(Decision.Reason.INACTIVE, Set.of(), grantedBy);
    }
    if (!Role.canLogIn(principal.roles())) {
      return refused(Decision.Reason.NO_LOGIN_ROLE, Set.of(), grantedBy);
    }
    if (requirement.loginCredentialOnly() && credential.kind() != Credential.Kind.LOGIN) {
      return refused(Decision.Reason.LOGIN_CREDENTIAL_REQUIRED, Set.of(), grantedBy);
    }
    if (principal.passwordTemporary() && !requirement.allowedWithTemporaryPassword()) {
      return refused(Decision.Reason.PASSWORD_CHANGE_REQUIRED, Set.of(), grantedBy);
    }
    if (required.isEmpty()) {
      return allowed(grantedBy);
    }
    EnumSet<Permission> missing = EnumSet.copyOf(required);
    missing.removeIf(permission -> !grantedBy.get(permission).isEmpty());
    if (!missing.isEmpty()) {
      return refused(Decision.Reason.MISSING_PERMISSIONS, missing, grantedBy);
    }
    if (credential.scope().isPresent()) {
      EnumSet<Permission> outOfScope = EnumSet.copyOf(required);
      outOfScope.removeAll(credential.scope().get());
      if (!outOfScope.isEmpty()) {
        return refused(Decision.Reason.TOKEN_SCOPE, outOfScope, grantedBy);
      }
    }
    return allowed(grantedBy);
  }

  /** What the principal may do with this credential: their roles' permissions, narrowed to the token's scope. */
  public static Set<Permission> effectivePermissions(Principal principal, Credential credential) {
    Set<Permission> permissions = Role.permissionsOf(principal.roles());
    credential.scope().ifPresent(permissions::retainAll);
    return permissions;
  }

  private static Decision allowed(Map<Permission, Set<Role>> grantedBy) {
    return new Decision(true, Decision.Reason.ALLOWED, Set.of(), grantedBy);
  }

  private static Decision refused(Decision.Reason reason, Set<Permission> missing, Map<Permission, Set<Role>> grantedBy) {
    return new Decision(false, reason, Collections.unmodifiableSet(missing), grantedBy);
  }

  private static Map<Permission, Set<Role>> grantedBy(Set<Role> roles, Set<Permission> required) {
    if (required.isEmpty()) {
      return Map.of();
    }
    EnumMap<Permission, Set<Role>> granted = new EnumMap<>(Permission.class);
    for (Permission permission : required) {
      EnumSet<Role> by = EnumSet.noneOf(Role.class);
      for (Role role : permission.roles()) {
        if (roles.contains(role)) {
          by.add(role);
        }
      }
      granted.put(permission, Collections.unmodifiableSet(by));
    }
    return Collections.unmodifiableMap(granted);
  }
}
