package dev.rolecall.services;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.auth.Authenticator;
import dev.rolecall.auth.Credential;
import dev.rolecall.auth.Decision;
import dev.rolecall.auth.Decisions;
import dev.rolecall.auth.Identity;
import dev.rolecall.auth.IdentityCache;
import dev.rolecall.auth.InvalidCredential;
import dev.rolecall.auth.Permission;
import dev.rolecall.auth.Requirement;
import dev.rolecall.auth.Requirements;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import dev.rolecall.http.Requests;
import dev.rolecall.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code POST /api/access/decisions}: the platform's services ask whether a user may do things, and get
 * the very decisions this service makes on its own operations, from the same table and the same function.
 */
public final class DecisionApi {
  private static final String INVALID_CREDENTIAL = "invalid-credential";

  private final Authenticator authenticator;
  private final IdentityCache identities;
  private final Requirements requirements;
  private final AuditLog audit;

  public DecisionApi(Authenticator authenticator, IdentityCache identities, Requirements requirements, AuditLog audit) {
    this.authenticator = authenticator;
    this.identities = identities;
    this.requirements = requirements;
    this.audit = audit;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("decideAccess", this::decide);
  }

  private void decide(RoutingContext ctx) {
    ServiceClient client = ServiceClient.of(ctx);
    JsonObject body = Requests.body(ctx);
    String token = body.getString("token");
    String userId = body.getString("userId");
    if ((token == null) == (userId == null)) {
      ctx.fail(new ProblemException(Problem.of(400, "validation", "Name one subject",
          "Send exactly one of token and userId.")));
      return;
    }
    List<String> checks = body.getJsonArray("checks").stream().map(String::valueOf).toList();
    List<Requirement> asked = new ArrayList<>(checks.size());
    List<String> unknown = new ArrayList<>();
    for (String check : checks) {
      requirement(check).ifPresentOrElse(asked::add, () -> unknown.add(check));
    }
    if (!unknown.isEmpty()) {
      ctx.fail(new ProblemException(Problem.of(400, "unknown-check", "Unknown checks",
              "Neither a permission nor an operationId: " + String.join(", ", unknown) + ".")
          .withErrors(unknown.stream().map(check -> new Problem.FieldError(
              "/checks/" + checks.indexOf(check), null, "unknown-check", check + " is unknown")).toList())));
      return;
    }
    Future<JsonObject> answer = token != null
        ? byToken(client, token, checks, asked)
        : byUserId(ctx, client, UUID.fromString(userId), checks, asked);
    answer.onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  /** A permission's name, or an operationId of the contract. */
  private Optional<Requirement> requirement(String check) {
    return Permission.named(check).map(Requirement::ofPermission)
        .or(() -> requirements.get(check));
  }

  private Future<JsonObject> byToken(ServiceClient client, String token, List<String> checks, List<Requirement> asked) {
    return authenticator.authenticate(token, false)
        .map(authenticated -> client.serves(authenticated.identity().accountId())
            ? answer(authenticated.identity(), authenticated.credential(), checks, asked)
            : invalid(checks))
        .recover(e -> e instanceof InvalidCredential ? Future.succeededFuture(invalid(checks)) : Future.failedFuture(e));
  }

  /**
   * Decided as for the user's login (all their roles, no token scope). Asking about someone is itself
   * recorded in their account: which service asked, about whom, and what.
   */
  private Future<JsonObject> byUserId(RoutingContext ctx, ServiceClient client, UUID userId, List<String> checks,
      List<Requirement> asked) {
    return identities.identity(userId).compose(found -> {
      Optional<Identity> identity = found.filter(user -> client.serves(user.accountId()));
      if (identity.isEmpty()) {
        return Future.failedFuture(new ProblemException(Problem.of(404, "not-found", "Not found", "No such user.")));
      }
      JsonObject answer = answer(identity.get(), Credential.login(null, null, false), checks, asked);
      AuditEvent event = AuditEvent.anonymous(identity.get().accountId(), ctx, "access.decisions_asked")
          .withActor(null, "service:" + client.name())
          .withCredential("service_client:" + client.id())
          .withTarget("user", userId, identity.get().login())
          .withChange("checks", null, new JsonArray(checks));
      return audit.appendAlone(event).map(answer);
    });
  }

  private static JsonObject answer(Identity identity, Credential credential, List<String> checks,
      List<Requirement> asked) {
    JsonArray results = new JsonArray();
    for (int i = 0; i < checks.size(); i++) {
      Decision decision = Decisions.decide(identity.principal(), credential, asked.get(i));
      JsonObject grantedBy = new JsonObject();
      decision.grantedBy().forEach((permission, roles) -> grantedBy.put(permission.name(),
          new JsonArray(roles.stream().map(Enum::name).sorted().toList())));
      results.add(new JsonObject()
          .put("check", checks.get(i))
          .put("allowed", decision.allowed())
          .put("missingPermissions", new JsonArray(decision.missingPermissions().stream().map(Enum::name).sorted().toList()))
          .put("grantedBy", grantedBy)
          .put("reason", decision.reason().code()));
    }
    return new JsonObject()
        .put("credentialValid", true)
        .put("subject", new JsonObject()
            .put("userId", identity.userId().toString())
            .put("accountId", identity.accountId().toString())
            .put("login", identity.login())
            .put("active", identity.active())
            .put("roles", new JsonArray(identity.roles().stream().map(Enum::name).sorted().toList())))
        .put("results", results);
  }

  private static JsonObject invalid(List<String> checks) {
    return new JsonObject()
        .put("credentialValid", false)
        .putNull("subject")
        .put("results", new JsonArray(checks.stream().map(check -> new JsonObject()
            .put("check", check)
            .put("allowed", false)
            .put("missingPermissions", new JsonArray())
            .put("grantedBy", new JsonObject())
            .put("reason", INVALID_CREDENTIAL)).collect(Collectors.toList())));
  }
}
