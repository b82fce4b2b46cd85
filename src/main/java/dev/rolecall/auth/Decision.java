package dev.rolecall.auth;

import java.util.Map;
import java.util.Set;

/**
 * The answer to "may this principal, with this credential, do this?": allowed or not, why, the permissions
 * missing, and for each required permission the principal's roles that grant it (empty when none does).
 */
public record Decision(boolean allowed, Reason reason, Set<Permission> missingPermissions,
    Map<Permission, Set<Role>> grantedBy) {

  public enum Reason {
    ALLOWED("allowed"),
    INACTIVE("inactive"),
    NO_LOGIN_ROLE("no-login-role"),
    LOGIN_CREDENTIAL_REQUIRED("login-credential-required"),
    PASSWORD_CHANGE_REQUIRED("password-change-required"),
    MISSING_PERMISSIONS("missing-permissions"),
    TOKEN_SCOPE("token-scope"),
    /** Public and machine operations are not a user's to be allowed or refused. */
    NOT_FOR_USERS("not-for-users");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
