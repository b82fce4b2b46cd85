package dev.rolecall.telephony;

import static dev.rolecall.db.schema.Tables.SIP_TRUNK;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.auth.Caller;
import dev.rolecall.auth.SecretBox;
import dev.rolecall.http.ProblemException;
import dev.rolecall.http.Requests;
import dev.rolecall.http.Responses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Field;

/** The account's SIP trunks. The password is write-only: answers and audit changes say only whether it is set. */
public final class SipTrunksApi {
  private final Pool pool;
  private final AuditLog audit;
  private final SecretBox box;

  public SipTrunksApi(Pool pool, AuditLog audit, SecretBox box) {
    this.pool = pool;
    this.audit = audit;
    this.box = box;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("listSipTrunks", this::list, "getSipTrunk", this::get, "createSipTrunk", this::create,
        "updateSipTrunk", this::update, "deleteSipTrunk", this::delete);
  }

  private void list(RoutingContext ctx) {
    SipTrunkRepository.page(pool, Caller.of(ctx).accountId(), ctx.queryParams().get("cursor"),
            Requests.queryInt(ctx, "limit", 50))
        .onSuccess(page -> Responses.json(ctx, 200, page))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    SipTrunkRepository.require(pool, Caller.of(ctx).accountId(), Requests.uuidParam(ctx, "trunkId"))
        .onSuccess(trunk -> Responses.json(ctx, 200, trunk))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = UUID.randomUUID();
    JsonObject body = Requests.body(ctx);
    Map<Field<?>, Object> values = values(body, id);
    AuditEvent event = AuditEvent.by(caller, ctx, "sip_trunk.created");
    pool.withTransaction(tx -> SipTrunkRepository.insert(tx, caller.accountId(), id, values)
            .compose(trunk -> audit.append(tx, changes(event.withTarget("sip-trunk", id, trunk.name()), null, trunk))
                .map(trunk)))
        .onSuccess(trunk -> {
          ctx.response().putHeader("Location", "/api/telephony/trunks/" + id);
          Responses.json(ctx, 201, trunk);
        })
        .onFailure(e -> refused(ctx, event.withAction("sip_trunk.create_refused")
            .withTarget("sip-trunk", null, body.getString("name")), e));
  }

  private void update(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Requests.uuidParam(ctx, "trunkId");
    JsonObject body = Requests.body(ctx);
    Map<Field<?>, Object> values = values(body, id);
    AuditEvent event = AuditEvent.by(caller, ctx, "sip_trunk.updated").withTarget("sip-trunk", id, null);
    pool.withTransaction(tx -> SipTrunkRepository.require(tx, caller.accountId(), id)
            .compose(before -> SipTrunkRepository.update(tx, caller.accountId(), id, values)
                .compose(after -> {
                  AuditEvent changed = changes(event.withTarget("sip-trunk", id, after.name()), before, after);
                  if (body.containsKey("password") && before.passwordSet() && after.passwordSet()) {
                    changed = changed.withChange("password", "(set)", "(replaced)");
                  }
                  return audit.append(tx, changed).map(after);
                })))
        .onSuccess(trunk -> Responses.json(ctx, 200, trunk))
        .onFailure(e -> refused(ctx, event, e));
  }

  private void delete(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Requests.uuidParam(ctx, "trunkId");
    pool.withTransaction(tx -> SipTrunkRepository.require(tx, caller.accountId(), id)
            .compose(before -> SipTrunkRepository.delete(tx, caller.accountId(), id)
                .compose(deleted -> audit.append(tx, changes(AuditEvent.by(caller, ctx, "sip_trunk.deleted")
                    .withTarget("sip-trunk", id, before.name()), before, null)))))
        .onSuccess(done -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** The columns the body sets; the password sealed, null clearing it, absent leaving it as it is. */
  private Map<Field<?>, Object> values(JsonObject body, UUID id) {
    Map<Field<?>, Object> values = new LinkedHashMap<>();
    if (body.containsKey("callerIds")) {
      values.put(SIP_TRUNK.CALLER_IDS, CallerIds.parse(body.getJsonArray("callerIds")).toArray(String[]::new));
    }
    if (body.containsKey("name")) {
      values.put(SIP_TRUNK.NAME, body.getString("name").trim());
    }
    if (body.containsKey("host")) {
      values.put(SIP_TRUNK.HOST, body.getString("host"));
    }
    if (body.containsKey("port")) {
      values.put(SIP_TRUNK.PORT, body.getInteger("port"));
    }
    if (body.containsKey("transport")) {
      values.put(SIP_TRUNK.TRANSPORT, body.getString("transport"));
    }
    if (body.containsKey("login")) {
      values.put(SIP_TRUNK.LOGIN, body.getString("login"));
    }
    if (body.containsKey("password")) {
      String password = body.getString("password");
      values.put(SIP_TRUNK.PASSWORD_CIPHERTEXT, password == null ? null
          : box.seal(password.getBytes(StandardCharsets.UTF_8), SipTrunk.context(id)));
    }
    return values;
  }

  private static AuditEvent changes(AuditEvent event, SipTrunk before, SipTrunk after) {
    return event
        .withChange("name", before == null ? null : before.name(), after == null ? null : after.name())
        .withChange("host", before == null ? null : before.host(), after == null ? null : after.host())
        .withChange("port", before == null ? null : before.port(), after == null ? null : after.port())
        .withChange("transport", before == null ? null : before.transport(), after == null ? null : after.transport())
        .withChange("login", before == null ? null : before.login(), after == null ? null : after.login())
        .withChange("password", marker(before), marker(after))
        .withChange("callerIds", before == null ? null : new JsonArray(List.copyOf(before.callerIds())),
            after == null ? null : new JsonArray(List.copyOf(after.callerIds())));
  }

  private static String marker(SipTrunk trunk) {
    return trunk == null || !trunk.passwordSet() ? null : "(set)";
  }

  private void refused(RoutingContext ctx, AuditEvent event, Throwable e) {
    if (e instanceof ProblemException problem && problem.problem().status() == 409) {
      audit.appendAlone(event.withOutcome(AuditEvent.REFUSED, problem.problem().detail()))
          .onComplete(logged -> ctx.fail(e));
    } else {
      ctx.fail(e);
    }
  }
}
