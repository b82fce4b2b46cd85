package dev.rolecall.audit;

import dev.rolecall.auth.Caller;
import dev.rolecall.http.ClientAddress;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * One user action: who, what, on what, which fields changed from what to what, from where, and how
 * it ended. Built with {@link #by} and the {@code with...} steps; secrets never go into {@code changes}.
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
    String detail) {

  public static final String OK = "ok";
  public static final String REFUSED = "refused";
  public static final String FAILED = "failed";

  /** An action of the request's caller, from the request's address and user agent. */
  public static AuditEvent by(Caller caller, RoutingContext ctx, String action) {
    return new AuditEvent(caller.accountId(), caller.userId(), caller.login(), action, null, null, null, null,
        ClientAddress.of(ctx).host(), ctx.request().getHeader("User-Agent"), OK, null);
  }

  /** An action with no logged-in caller (a login attempt), in an account or, when null, in none. */
  public static AuditEvent anonymous(UUID accountId, RoutingContext ctx, String action) {
    return new AuditEvent(accountId, null, null, action, null, null, null, null,
        ClientAddress.of(ctx).host(), ctx.request().getHeader("User-Agent"), OK, null);
  }

  public AuditEvent withAction(String name) {
    return new AuditEvent(accountId, actorId, actorLogin, name, targetType, targetId, targetLabel, changes, sourceIp,
        userAgent, outcome, detail);
  }

  public AuditEvent withActor(UUID id, String login) {
    return new AuditEvent(accountId, id, login, action, targetType, targetId, targetLabel, changes, sourceIp,
        userAgent, outcome, detail);
  }

  public AuditEvent withTarget(String type, Object id, String label) {
    return new AuditEvent(accountId, actorId, actorLogin, action, type, id == null ? null : id.toString(), label,
        changes, sourceIp, userAgent, outcome, detail);
  }

  /** Adds one changed field; a field whose value did not change is left out. */
  public AuditEvent withChange(String field, Object before, Object after) {
    if (java.util.Objects.equals(before, after)) {
      return this;
    }
    JsonObject all = changes == null ? new JsonObject() : changes.copy();
    all.put(field, new JsonObject().put("before", before).put("after", after));
    return new AuditEvent(accountId, actorId, actorLogin, action, targetType, targetId, targetLabel, all, sourceIp,
        userAgent, outcome, detail);
  }

  public AuditEvent withOutcome(String result, String why) {
    return new AuditEvent(accountId, actorId, actorLogin, action, targetType, targetId, targetLabel, changes,
        sourceIp, userAgent, result, why);
  }
}
