package dev.rolecall.auth;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** The authenticated user of a request, as the database says they are now. */
public record Caller(
    UUID userId,
    UUID accountId,
    String login,
    Set<Role> roles,
    Set<Permission> permissions,
    boolean passwordTemporary,
    Credential credential) {

  private static final String KEY = "rolecall.caller";

  /**
   * How the caller authenticated: a login token (JWT, from the header or the session cookie) or an
   * API token; its id and expiry.
   */
  public record Credential(Kind kind, UUID tokenId, Instant expiresAt, boolean fromCookie) {
    public enum Kind { LOGIN, API_TOKEN }
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
