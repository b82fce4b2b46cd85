package dev.rolecall.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.openapi.contract.Operation;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one operation requires of its caller, as the contract declares it: its {@code x-access} (public,
 * any logged-in user, a machine key, a service client, or every one of a list of permissions), whether a temporary password
 * may call it, and whether only a login credential (not an API token) may.
 */
public record Requirement(String operationId, Kind kind, Set<Permission> permissions,
    boolean allowedWithTemporaryPassword, boolean loginCredentialOnly) {
  public static final String EXTENSION = "x-access";
  public static final String TEMPORARY_PASSWORD_EXTENSION = "x-allow-with-temporary-password";
  public static final String LOGIN_CREDENTIAL_EXTENSION = "x-login-credential-only";

  public enum Kind { PUBLIC, AUTHENTICATED, MACHINE, SERVICE, PERMISSIONS }

  /** A check of one permission, as another service asks it: never for a temporary password. */
  public static Requirement ofPermission(Permission permission) {
    return new Requirement(permission.name(), Kind.PERMISSIONS, Set.of(permission), false, false);
  }

  /** Whether a user's credential can meet it at all (machine and service operations take other keys). */
  public boolean concernsUsers() {
    return kind == Kind.AUTHENTICATED || kind == Kind.PERMISSIONS;
  }

  /** Reads an operation's declaration; an operation without one, or naming no such permission, is refused. */
  public static Requirement of(Operation operation) {
    Object declared = operation.getExtensions().get(EXTENSION);
    boolean temporaryOk = Boolean.TRUE.equals(operation.getExtensions().get(TEMPORARY_PASSWORD_EXTENSION));
    boolean loginOnly = Boolean.TRUE.equals(operation.getExtensions().get(LOGIN_CREDENTIAL_EXTENSION));
    String id = operation.getOperationId();
    if (declared instanceof String word) {
      Kind kind = switch (word) {
        case "public" -> Kind.PUBLIC;
        case "authenticated" -> Kind.AUTHENTICATED;
        case "machine" -> Kind.MACHINE;
        case "service" -> Kind.SERVICE;
        default -> throw new IllegalStateException(
            id + ": x-access '" + word + "' is none of public, authenticated, machine, service");
      };
      return new Requirement(id, kind, Set.of(), temporaryOk, loginOnly);
    }
    if (declared instanceof JsonArray names && !names.isEmpty()) {
      EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
      for (Object name : names) {
        try {
          permissions.add(Permission.valueOf(String.valueOf(name)));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(id + ": x-access names no such permission: " + name);
        }
      }
      return new Requirement(id, Kind.PERMISSIONS, Set.copyOf(permissions), temporaryOk, loginOnly);
    }
    throw new IllegalStateException(id + ": declares no x-access (public, authenticated, machine, service, or permissions)");
  }
}
