package dev.rolecall.auth;

import dev.rolecall.http.Responses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The role x permission matrix as data, read from {@link Role} and {@link Permission}. */
public final class MatrixApi {

  public record RoleInfo(String name, String description, boolean canLogin, List<String> permissions) {
  }

  public record PermissionInfo(String name, String area, String description, List<String> roles) {
  }

  private static final List<RoleInfo> ROLES = Arrays.stream(Role.values())
      .map(role -> new RoleInfo(role.name(), role.description(), role.canLogin(),
          role.permissions().stream().map(Enum::name).toList()))
      .toList();

  private static final List<PermissionInfo> PERMISSIONS = Arrays.stream(Permission.values())
      .map(permission -> new PermissionInfo(permission.name(), permission.area(), permission.description(),
          permission.roles().stream().map(Enum::name).toList()))
      .toList();

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of(
        "listRoles", ctx -> Responses.json(ctx, 200, ROLES),
        "listPermissions", ctx -> Responses.json(ctx, 200, PERMISSIONS));
  }
}
