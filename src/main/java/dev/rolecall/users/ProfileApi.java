package dev.rolecall.users;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.auth.Caller;
import dev.rolecall.auth.Permission;
import dev.rolecall.auth.Role;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import dev.rolecall.http.Requests;
import dev.rolecall.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** One's own profile, and the "why can she do this" view of a user's permissions. */
public final class ProfileApi {
  private final ProfileRepository profiles;
  private final AuditLog audit;

  public ProfileApi(ProfileRepository profiles, AuditLog audit) {
    this.profiles = profiles;
    this.audit = audit;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of(
        "getMyProfile", this::getMyProfile,
        "updateMyProfile", this::updateMyProfile,
        "getUserPermissions", this::getUserPermissions);
  }

  public record GrantedPermission(String name, List<String> grantedBy) {
  }

  private void getMyProfile(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    profiles.profile(caller.userId(), caller.accountId())
        .map(found -> found.orElseThrow(ProfileApi::userNotFound))
        .onSuccess(profile -> Responses.json(ctx, 200, profile))
        .onFailure(ctx::fail);
  }

  private void updateMyProfile(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    JsonObject body = ctx.body().asJsonObject();
    profiles.inTransaction(tx -> profiles.profile(tx, caller.userId(), caller.accountId(), true)
        .map(found -> found.orElseThrow(ProfileApi::userNotFound))
        .compose(before -> profiles.rename(tx, caller.userId(), caller.accountId(), trimmed(body, "firstName"),
                trimmed(body, "lastName"))
            .map(found -> found.orElseThrow(ProfileApi::userNotFound))
            .compose(after -> renamed(tx, ctx, caller, before, after).map(after))))
        .onSuccess(profile -> Responses.json(ctx, 200, profile))
        .onFailure(ctx::fail);
  }

  /** A rename to the same names changes nothing, so it leaves no event. */
  private Future<Void> renamed(io.vertx.sqlclient.SqlClient tx, RoutingContext ctx, Caller caller,
      ProfileRepository.Profile before,
      ProfileRepository.Profile after) {
    AuditEvent event = AuditEvent.by(caller, ctx, "me.profile_updated")
        .withTarget("user", caller.userId(), after.login())
        .withChange("firstName", before.firstName(), after.firstName())
        .withChange("lastName", before.lastName(), after.lastName());
    return event.changes() == null ? Future.succeededFuture() : audit.append(tx, event);
  }

  private void getUserPermissions(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID userId = Requests.uuidParam(ctx, "userId");
    profiles.roles(userId, caller.accountId())
        .map(found -> found.orElseThrow(ProfileApi::userNotFound))
        .onSuccess(roles -> Responses.json(ctx, 200, granted(roles)))
        .onFailure(ctx::fail);
  }

  private static List<GrantedPermission> granted(Set<Role> roles) {
    return Role.permissionsOf(roles).stream()
        .map(permission -> new GrantedPermission(permission.name(), grantingRoles(permission, roles)))
        .toList();
  }

  private static List<String> grantingRoles(Permission permission, Set<Role> held) {
    return permission.roles().stream().filter(held::contains).map(Enum::name).toList();
  }

  private static String trimmed(JsonObject body, String field) {
    String value = body.getString(field);
    return value == null ? null : value.trim();
  }

  private static ProblemException userNotFound() {
    return new ProblemException(Problem.of(404, "not-found", "Not found", "No such user in this account."));
  }
}
