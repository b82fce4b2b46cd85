package dev.rolecall.dialoglogs;

import static dev.rolecall.db.schema.Tables.ACCOUNT;
import static dev.rolecall.db.schema.Tables.OBFUSCATION_RULE;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.auth.Caller;
import dev.rolecall.db.Sql;
import dev.rolecall.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The account's ordered obfuscation rules: read, replaced as a whole, and loaded for exports. */
public final class ObfuscationRules {
  private final Pool pool;
  private final AuditLog audit;

  public ObfuscationRules(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("listObfuscationRules", this::list, "replaceObfuscationRules", this::replace);
  }

  public static Future<List<ObfuscationRule>> load(SqlClient db, UUID accountId) {
    return Sql.list(db, Sql.dsl()
        .select(OBFUSCATION_RULE.PATTERN, OBFUSCATION_RULE.REPLACEMENT, OBFUSCATION_RULE.DESCRIPTION)
        .from(OBFUSCATION_RULE).where(OBFUSCATION_RULE.ACCOUNT_ID.eq(accountId))
        .orderBy(OBFUSCATION_RULE.POSITION),
        row -> new ObfuscationRule(row.getString("pattern"), row.getString("replacement"),
            row.getString("description")));
  }

  private void list(RoutingContext ctx) {
    load(pool, Caller.of(ctx).accountId())
        .onSuccess(rules -> Responses.json(ctx, 200, rules))
        .onFailure(ctx::fail);
  }

  private void replace(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    List<ObfuscationRule> rules = new ArrayList<>();
    JsonArray given = ctx.body().asJsonObject().getJsonArray("rules");
    for (int i = 0; i < given.size(); i++) {
      JsonObject rule = given.getJsonObject(i);
      rules.add(new ObfuscationRule(rule.getString("pattern"), rule.getString("replacement"),
          rule.getString("description")));
    }
    Obfuscation.compile(rules); // refuses, with a 400 naming each rule, any pattern that does not compile
    AuditEvent event = AuditEvent.by(caller, ctx, "obfuscation_rules.replaced")
        .withTarget("obfuscation_rules", caller.accountId(), rules.size() + " rules");
    pool.withTransaction(tx -> lockAccount(tx, caller.accountId())
            .compose(locked -> load(tx, caller.accountId()))
            .compose(before -> Sql.update(tx, Sql.dsl().deleteFrom(OBFUSCATION_RULE)
                    .where(OBFUSCATION_RULE.ACCOUNT_ID.eq(caller.accountId())))
                .compose(deleted -> insert(tx, caller.accountId(), rules))
                .compose(inserted -> audit.append(tx, event.withChange("rules", before, rules)))))
        .onSuccess(done -> Responses.json(ctx, 200, rules))
        .onFailure(ctx::fail);
  }

  /** Concurrent replacements of one account's list run one after the other. */
  private static Future<Void> lockAccount(SqlClient tx, UUID accountId) {
    return Sql.execute(tx, Sql.dsl().select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.ID.eq(accountId)).forUpdate())
        .mapEmpty();
  }

  private static Future<Void> insert(SqlClient tx, UUID accountId, List<ObfuscationRule> rules) {
    if (rules.isEmpty()) {
      return Future.succeededFuture();
    }
    var insert = Sql.dsl().insertInto(OBFUSCATION_RULE, OBFUSCATION_RULE.ACCOUNT_ID, OBFUSCATION_RULE.POSITION,
        OBFUSCATION_RULE.PATTERN, OBFUSCATION_RULE.REPLACEMENT, OBFUSCATION_RULE.DESCRIPTION);
    for (int i = 0; i < rules.size(); i++) {
      ObfuscationRule rule = rules.get(i);
      insert = insert.values(accountId, i, rule.pattern(), rule.replacement(), rule.description());
    }
    return Sql.update(tx, insert).mapEmpty();
  }
}
