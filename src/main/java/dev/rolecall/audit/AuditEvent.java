package dev.rolecall.audit;

import dev.rolecall.auth.Caller;
import dev.rolecall.auth.Credential;
import dev.rolecall.http.ClientAddress;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * One user action: who, with which credential, what, on what, which fields changed from what to what,
 * from where, and how it ended. Built with {@link #by} and the {@code with...} steps; secrets never go into {@code changes}.
 */
public record AuditEvent(
    UUID accountId,
    UUID actorId,
    String actorLogin,
    String action,
    String targetType,
    String targetId,
    String targetLabel,
    JsonObject changes,
    String sourceIp,
    String userAgent,
    String outcome,
    String detail,
    String credential) {

  public static final String OK = "ok";
  public static final String REFUSED = "refused";
  public static final String FAILED = "failed";

  /** An action of the request's caller, from the request's address and user agent. */
  public static AuditEvent by(Caller caller, RoutingContext ctx, String action) {
    return new AuditEvent(caller.accountId(), caller.userId(), caller.login(), action, null, null, null, null,
        ClientAddress.of(ctx).host(), ctx.request().getHeader("User-Agent"), OK, null, credential(caller.credential()));
  }

  /** An action with no logged-in caller (a login attempt), in an account or, when null, in none. */
  public static AuditEvent anonymous(UUID accountId, RoutingContext ctx, String action) {
    return new AuditEvent(accountId, null, null, action, null, null, null, null,
        ClientAddress.of(ctx).host(), ctx.request().getHeader("User-Agent"), OK, null, null);
  }

  public AuditEvent withAction(String name) {
    return new AuditEvent(accountId, actorId, actorLogin, name, targetType, targetId, targetLabel, changes, sourceIp,
        userAgent, outcome, detail, credential);
  }

  public AuditEvent withActor(UUID id, String login) {
    return new AuditEvent(accountId, id, login, action, targetType, targetId, targetLabel, changes, sourceIp,
        userAgent, outcome, detail, credential);
  }

  public AuditEvent withTarget(String type, Object id, String label) {
    return new AuditEvent(accountId, actorId, actorLogin, action, type, id == null ? null : id.toString(), label,
        changes, sourceIp, userAgent, outcome, detail, credential);
  }

  /** Adds one changed field; a field whose value did not change is left out. */
  public AuditEvent withChange(String field, Object before, Object after) {
    if (java.util.Objects.equals(before, after)) {
      return this;
    }
    JsonObject all = changes == null ? new JsonObject() : changes.copy();
    all.put(field, new JsonObject().put("before", before).put("after", after));
    return new AuditEvent(accountId, actorId, actorLogin, action, targetType, targetId, targetLabel, all, sourceIp,
        userAgent, outcome, detail, credential);
  }

  /** Which credential acted, when it is not the caller's (a service client's, say). */
  public AuditEvent withCredential(String kindAndId) {
    return new AuditEvent(accountId, actorId, actorLogin, action, targetType, targetId, targetLabel, changes,
        sourceIp, userAgent, outcome, detail, kindAndId);
  }

  /** {@code session:<token id>}, {@code login:<token id>} or {@code api_token:<token id>}. */
  private static String credential(Credential credential) {
    String kind = credential.kind() == Credential.Kind.API_TOKEN ? "api_token"
        : credential.fromCookie() ? "session" : "login";
    return credential.tokenId() == null ? kind : kind + ":" + credential.tokenId();
  }

  public AuditEvent withOutcome(String result, String why) {
    return new AuditEvent(accountId, actorId, actorLogin, action, targetType, targetId, targetLabel, changes,
        sourceIp, userAgent, result, why, credential);
  }
}
