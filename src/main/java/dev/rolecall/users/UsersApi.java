package dev.rolecall.users;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.auth.Caller;
import dev.rolecall.auth.PasswordHasher;
import dev.rolecall.auth.PasswordPolicy;
import dev.rolecall.auth.Role;
import dev.rolecall.http.Requests;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Adding, reading, changing and deleting the account's users. */
public final class UsersApi {
  private final Pool pool;
  private final PasswordHasher hasher;
  private final AuditLog audit;
  private final NewLoginLimit newLoginLimit;

  public UsersApi(Pool pool, PasswordHasher hasher, AuditLog audit) {
    this.pool = pool;
    this.hasher = hasher;
    this.audit = audit;
    this.newLoginLimit = new NewLoginLimit(pool);
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("createUser", this::create, "getUser", this::get, "updateUser", this::update,
        "deleteUser", this::delete);
  }

  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    JsonObject body = ctx.body().asJsonObject();
    String login = body.getString("login").trim();
    String firstName = body.getString("firstName").trim();
    String lastName = body.getString("lastName").trim();
    Set<Role> roles = roles(body.getJsonArray("roles"));
    boolean active = body.getBoolean("active", true);
    boolean temporary = body.getBoolean("passwordTemporary", false);
    String password = body.getString("password");
    AuditEvent event = AuditEvent.by(caller, ctx, "user.created")
        .withChange("login", null, login).withChange("firstName", null, firstName)
        .withChange("lastName", null, lastName).withChange("roles", null, names(roles))
        .withChange("active", null, active).withChange("passwordTemporary", null, temporary);

    newLoginLimit.check(caller)
        .compose(allowed -> ctx.vertx().executeBlocking(() -> {
          PasswordPolicy.require(password, body.getString("passwordConfirmation"), List.of(login, firstName, lastName));
          return password;
        }, false))
        .compose(hasher::hash)
        .compose(hash -> pool.withTransaction(tx -> UserRepository.insert(tx, caller.accountId(),
                new UserRepository.NewUser(login, firstName, lastName, roles, active, hash, temporary))
            .compose(id -> UserRepository.find(tx, caller.accountId(), id, false))
            .map(found -> found.orElseThrow())
            .compose(user -> audit.append(tx, event.withTarget("user", user.id(), user.label())).map(user))))
        .recover(e -> Future.failedFuture(Versions.isUniqueViolation(e) ? Versions.loginTaken() : e))
        .onSuccess(user -> {
          ctx.response().putHeader("Location", "/api/users/" + user.id());
          Versions.answer(ctx, 201, user);
        })
        .onFailure(e -> Refusals.fail(audit, ctx, event.withAction("user.create_refused").withTarget("user", null, login), e));
  }

  private void get(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UserRepository.find(pool, caller.accountId(), Requests.uuidParam(ctx, "userId"), false)
        .map(found -> found.orElseThrow(Versions::notFound))
        .onSuccess(user -> Versions.answer(ctx, 200, user))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Requests.uuidParam(ctx, "userId");
    String ifMatch = Versions.required(ctx);
    JsonObject body = ctx.body().asJsonObject();
    UserRepository.Changes changes = new UserRepository.Changes(trim(body.getString("firstName")),
        trim(body.getString("lastName")), trim(body.getString("login")), body.getBoolean("active"));
    AuditEvent base = AuditEvent.by(caller, ctx, "user.updated").withTarget("user", id, null);
    // A refused change names the login it asked for, so that it counts in the limit of new logins.
    AuditEvent refused = changes.login() == null ? base : base.withChange("login", null, changes.login());

    (changes.login() == null ? Future.<Void>succeededFuture() : newLoginLimit.check(caller))
        .compose(allowed -> pool.withTransaction(tx -> AdminGuard.lockAccount(tx, caller.accountId())
            .compose(locked -> UserRepository.find(tx, caller.accountId(), id, true))
            .map(found -> found.orElseThrow(Versions::notFound))
            .compose(before -> {
              Versions.check(before, ifMatch);
              return UserRepository.update(tx, caller.accountId(), id, changes)
                  .compose(updated -> AdminGuard.requireAnAdmin(tx, caller.accountId()))
                  .compose(ok -> UserRepository.find(tx, caller.accountId(), id, false))
                  .map(found -> found.orElseThrow())
                  .compose(after -> audit.append(tx, changed(base, before, after)).map(after));
            })))
        .recover(e -> Future.failedFuture(Versions.isUniqueViolation(e) ? Versions.loginTaken() : e))
        .onSuccess(user -> Versions.answer(ctx, 200, user))
        .onFailure(e -> Refusals.fail(audit, ctx, refused, e));
  }

  private void delete(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Requests.uuidParam(ctx, "userId");
    AuditEvent base = AuditEvent.by(caller, ctx, "user.deleted").withTarget("user", id, null);
    pool.withTransaction(tx -> AdminGuard.lockAccount(tx, caller.accountId())
            .compose(locked -> UserRepository.find(tx, caller.accountId(), id, true))
            .map(found -> found.orElseThrow(Versions::notFound))
            .compose(user -> UserRepository.delete(tx, caller.accountId(), id)
                .compose(deleted -> AdminGuard.requireAnAdmin(tx, caller.accountId()))
                .compose(ok -> audit.append(tx, base.withTarget("user", id, user.label())
                    .withChange("login", user.login(), null).withChange("roles", user.roles(), null)))))
        .onSuccess(done -> ctx.response().setStatusCode(204).end())
        .onFailure(e -> Refusals.fail(audit, ctx, base, e));
  }

  /** The event of a change: each field that changed, before and after. */
  static AuditEvent changed(AuditEvent base, User before, User after) {
    return base.withTarget("user", after.id(), after.label())
        .withChange("firstName", before.firstName(), after.firstName())
        .withChange("lastName", before.lastName(), after.lastName())
        .withChange("login", before.login(), after.login())
        .withChange("active", before.active(), after.active())
        .withChange("roles", before.roles(), after.roles());
  }



  static Set<Role> roles(JsonArray names) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    names.forEach(name -> roles.add(Role.valueOf(name.toString())));
    return roles;
  }

  static List<String> names(Set<Role> roles) {
    return roles.stream().map(Enum::name).toList();
  }

  private static String trim(String value) {
    return value == null ? null : value.trim();
  }
}
