package dev.rolecall.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.openapi.contract.Operation;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may call one operation, as its {@code x-access} in the contract declares: public, any
 * logged-in user, a machine key, or every one of a list of permissions.
 */
public record Access(Kind kind, Set<Permission> permissions, boolean allowedWithTemporaryPassword,
    boolean loginCredentialOnly) {
  public static final String EXTENSION = "x-access";
  public static final String TEMPORARY_PASSWORD_EXTENSION = "x-allow-with-temporary-password";
  public static final String LOGIN_CREDENTIAL_EXTENSION = "x-login-credential-only";

  public enum Kind { PUBLIC, AUTHENTICATED, MACHINE, PERMISSIONS }

  /** Reads an operation's declaration; an operation without one, or naming no such permission, is refused. */
  public static Access of(Operation operation) {
    Object declared = operation.getExtensions().get(EXTENSION);
    boolean temporaryOk = Boolean.TRUE.equals(operation.getExtensions().get(TEMPORARY_PASSWORD_EXTENSION));
    boolean loginOnly = Boolean.TRUE.equals(operation.getExtensions().get(LOGIN_CREDENTIAL_EXTENSION));
    String id = operation.getOperationId();
    if (declared instanceof String word) {
      Kind kind = switch (word) {
        case "public" -> Kind.PUBLIC;
        case "authenticated" -> Kind.AUTHENTICATED;
        case "machine" -> Kind.MACHINE;
        default -> throw new IllegalStateException(id + ": x-access '" + word + "' is none of public, authenticated, machine");
      };
      return new Access(kind, Set.of(), temporaryOk, loginOnly);
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
      return new Access(Kind.PERMISSIONS, Set.copyOf(permissions), temporaryOk, loginOnly);
    }
    throw new IllegalStateException(id + ": declares no x-access (public, authenticated, machine, or permissions)");
  }
}
