package dev.rolecall.tokens;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.auth.Caller;
import dev.rolecall.auth.Permission;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import dev.rolecall.http.Requests;
import dev.rolecall.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** API tokens: one's own (create, list, revoke), and any user's for an admin (list, revoke). */
public final class TokensApi {
  static final Duration MAX_LIFETIME = Duration.ofDays(366);

  private final Pool pool;
  private final AuditLog audit;

  public TokensApi(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of(
        "createApiToken", this::create,
        "listApiTokens", ctx -> list(ctx, Caller.of(ctx).userId()),
        "revokeApiToken", ctx -> revoke(ctx, Caller.of(ctx).userId()),
        "listUserApiTokens", ctx -> ownerInAccount(ctx).onSuccess(owner -> list(ctx, owner)).onFailure(ctx::fail),
        "revokeUserApiToken", ctx -> ownerInAccount(ctx).onSuccess(owner -> revoke(ctx, owner)).onFailure(ctx::fail));
  }

  public record Created(UUID id, String name, String prefix, List<String> permissions, OffsetDateTime createdAt,
      OffsetDateTime expiresAt, OffsetDateTime lastUsedAt, String secret) {
  }

  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    JsonObject body = ctx.body().asJsonObject();
    String name = body.getString("name").trim();
    Instant expiresAt = OffsetDateTime.parse(body.getString("expiresAt")).toInstant();
    List<String> permissions = requested(caller, body.getJsonArray("permissions"));
    if (!expiresAt.isAfter(Instant.now()) || expiresAt.isAfter(Instant.now().plus(MAX_LIFETIME))) {
      ctx.fail(invalid("/expiresAt", "The expiry must be in the future, at most " + MAX_LIFETIME.toDays() + " days ahead."));
      return;
    }
    String secret = ApiTokens.newSecret();
    AuditEvent event = AuditEvent.by(caller, ctx, "token.created")
        .withChange("name", null, name).withChange("permissions", null, permissions)
        .withChange("expiresAt", null, expiresAt.toString());
    pool.withTransaction(tx -> ApiTokenRepository.insert(tx, caller.accountId(), caller.userId(), name,
            secret.substring(0, ApiTokens.PREFIX_LENGTH), ApiTokens.digest(secret),
            permissions == null ? null : permissions.toArray(String[]::new), expiresAt)
        .compose(token -> audit.append(tx, event.withTarget("api_token", token.id(), name)).map(token)))
        .onSuccess(t -> Responses.json(ctx, 201, new Created(t.id(), t.name(), t.prefix(), t.permissions(),
            t.createdAt(), t.expiresAt(), t.lastUsedAt(), secret)))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx, UUID owner) {
    ApiTokenRepository.list(pool, Caller.of(ctx).accountId(), owner)
        .onSuccess(tokens -> Responses.json(ctx, 200, tokens))
        .onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx, UUID owner) {
    Caller caller = Caller.of(ctx);
    UUID id = Requests.uuidParam(ctx, "tokenId");
    pool.withTransaction(tx -> ApiTokenRepository.revoke(tx, caller.accountId(), owner, id)
            .map(found -> found.orElseThrow(() -> new ProblemException(
                Problem.of(404, "not-found", "Not found", "No such API token."))))
            .compose(token -> audit.append(tx, AuditEvent.by(caller, ctx, "token.revoked")
                .withTarget("api_token", id, token.name()).withChange("owner", null, owner.toString()))))
        .onSuccess(done -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** The user named by the path, if they are in the caller's account. */
  private Future<UUID> ownerInAccount(RoutingContext ctx) {
    UUID owner = Requests.uuidParam(ctx, "userId");
    return pool.preparedQuery("SELECT 1 FROM app_user WHERE id = $1 AND account_id = $2")
        .execute(io.vertx.sqlclient.Tuple.of(owner, Caller.of(ctx).accountId()))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(owner) : Future.failedFuture(
            new ProblemException(Problem.of(404, "not-found", "Not found", "No such user in this account."))));
  }

  /** The permissions asked for: known names the caller holds; null (all of the owner's) when none are named. */
  private static List<String> requested(Caller caller, JsonArray names) {
    if (names == null) {
      return null;
    }
    for (int i = 0; i < names.size(); i++) {
      String name = names.getString(i);
      boolean held = caller.permissions().stream().map(Permission::name).anyMatch(name::equals);
      if (!held) {
        throw invalid("/permissions/" + i, name + " is not a permission you hold.");
      }
    }
    return names.stream().map(String::valueOf).toList();
  }

  private static ProblemException invalid(String pointer, String detail) {
    return new ProblemException(Problem.of(400, "invalid-token-request", "Token not created", detail)
        .withErrors(List.of(new Problem.FieldError(pointer, null, null, detail))));
  }
}
