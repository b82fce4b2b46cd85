package dev.rolecall.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated user of a request, as the identity cache says they are now, and the credential they
 * presented; {@code permissions} are those they act with (an API token's narrowed to its scope).
 */
public record Caller(Identity identity, Credential credential, Set<Permission> permissions) {
  private static final String KEY = "rolecall.caller";

  public static Caller of(Authenticator.Authenticated authenticated) {
    return new Caller(authenticated.identity(), authenticated.credential(),
        Decisions.effectivePermissions(authenticated.principal(), authenticated.credential()));
  }

  public UUID userId() {
    return identity.userId();
  }

  public UUID accountId() {
    return identity.accountId();
  }

  public String login() {
    return identity.login();
  }

  public Set<Role> roles() {
    return identity.roles();
  }

  public boolean passwordTemporary() {
    return identity.passwordTemporary();
  }

  public void attachTo(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  /** The caller of an operation that needs one; the authorization step has put it there. */
  public static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(KEY);
    if (caller == null) {
      throw new IllegalStateException("no caller: the operation is not declared as needing one");
    }
    return caller;
  }
}
