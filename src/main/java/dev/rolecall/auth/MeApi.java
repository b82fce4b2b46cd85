package dev.rolecall.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.http.ClientAddress;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import dev.rolecall.http.Responses;
import dev.rolecall.tokens.ApiTokens;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The logged-in user: who they are, and their own password. */
public final class MeApi {
  private static final long PREPARED_ANSWERS = 100_000;

  private final IdentityRepository identities;
  private final Requirements requirements;
  private final PasswordHasher hasher;
  private final Grants grants;
  private final AuditLog audit;
  private final LoginThrottle throttle;

  /**
   * The answer of {@code GET /api/me}, prepared once per version of the identity and kind of credential: it
   * is asked on every screen of the web app, and by scripts checking their token.
   */
  private final Cache<Prepared, Buffer> prepared = Caffeine.newBuilder()
      .maximumSize(PREPARED_ANSWERS)
      .expireAfterAccess(Duration.ofMinutes(10))
      .build();

  private record Prepared(Identity identity, Credential.Kind kind, Optional<Set<Permission>> scope) {
  }

  public MeApi(IdentityRepository identities, Requirements requirements, PasswordHasher hasher, Grants grants,
      AuditLog audit, LoginThrottle throttle) {
    this.identities = identities;
    this.requirements = requirements;
    this.hasher = hasher;
    this.grants = grants;
    this.audit = audit;
    this.throttle = throttle;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("getMe", this::getMe, "changeMyPassword", this::changePassword);
  }

  public record Account(UUID id, String name) {
  }

  /**
   * {@code permissions}: those the caller acts with now (an API token's, narrowed to its scope);
   * {@code operations}: the operationIds they may call now, which the web app's screens and buttons ask.
   */
  public record Me(UUID id, String login, String firstName, String lastName, Account account, List<String> roles,
      List<String> permissions, List<String> operations, boolean passwordChangeRequired) {
  }

  private void getMe(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    Credential credential = caller.credential();
    Responses.encoded(ctx, 200, prepared.get(new Prepared(caller.identity(), credential.kind(), credential.scope()),
        key -> Json.encodeToBuffer(me(caller))));
  }

  private Me me(Caller caller) {
    Identity identity = caller.identity();
    return new Me(identity.userId(), identity.login(), identity.firstName(), identity.lastName(),
        new Account(identity.accountId(), identity.accountName()),
        identity.roles().stream().sorted().map(Enum::name).toList(),
        caller.permissions().stream().sorted().map(Enum::name).toList(),
        requirements.allowed(identity.principal(), caller.credential()),
        identity.passwordTemporary());
  }

  /**
   * Always allowed to a user who can log in; ends their login and refresh tokens (their API tokens too
   * when asked) and answers fresh ones for this session.
   */
  private void changePassword(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    JsonObject body = ctx.body().asJsonObject();
    String current = body.getString("currentPassword");
    String next = body.getString("newPassword");
    boolean revokeApiTokens = body.getBoolean("revokeApiTokens", false);
    if (next.equals(current)) {
      ctx.fail(invalid("/newPassword", "The new password must differ from the current one."));
      return;
    }
    // Never a password's value, nor its hash: the event says that it changed, not to what.
    AuditEvent event = AuditEvent.by(caller, ctx, "me.password_changed")
        .withTarget("user", caller.userId(), caller.login());
    ClientAddress clientIp = ClientAddress.of(ctx);
    // A wrong current password counts as a failed login: a stolen session cannot guess it faster.
    throttle.attempt(caller.login(), clientIp)
        .compose(counted -> counted.judge(identities.passwordHash(caller.userId(), caller.accountId())
            .compose(hash -> hash.isEmpty() ? Future.succeededFuture(false) : hasher.verify(current, hash.get())),
            matches -> matches))
        .compose(matches -> matches
            ? ctx.vertx().executeBlocking(() -> {
                PasswordPolicy.require(next, next, List.of(caller.login()));
                return next;
              }, false).compose(hasher::hash)
            : audit.appendAlone(event.withOutcome(AuditEvent.REFUSED, "wrong current password"))
                .compose(written -> Future.<String>failedFuture(
                    invalid("/currentPassword", "The current password is wrong."))))
        .compose(hash -> {
          Instant now = Instant.now();
          AuditEvent changed = event.withChange("passwordTemporary", caller.passwordTemporary(), false);
          // The fresh tokens descend from just after the change, which ends every token from before it.
          return identities.inTransaction(tx -> identities.changePassword(tx, caller.userId(), caller.accountId(), hash, now)
              .compose(done -> revokeApiTokens
                  ? ApiTokens.revokeAllOf(tx, caller.accountId(), caller.userId())
                      .map(count -> changed.withChange("apiTokensRevoked", null, count))
                  : Future.succeededFuture(changed))
              .compose(audited -> audit.append(tx, audited))
              .compose(done -> grants.start(tx, ctx, caller.userId(), caller.accountId(), now.plusMillis(1))))
              .compose(granted -> throttle.clear(caller.login(), clientIp).map(granted));
        })
        .onSuccess(granted -> grants.answer(ctx, granted, caller.credential().fromCookie(), false))
        .onFailure(ctx::fail);
  }

  private static ProblemException invalid(String pointer, String detail) {
    return new ProblemException(Problem.of(400, "invalid-password-change", "Password not changed", detail)
        .withErrors(List.of(new Problem.FieldError(pointer, null, null, detail))));
  }
}
