package dev.rolecall.users;

import static dev.rolecall.db.schema.Tables.AUDIT_EVENT;

import dev.rolecall.auth.Caller;
import dev.rolecall.db.Sql;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Logins are unique across the service, so a 409 tells an admin that a login exists somewhere, in any
 * account: every attempt to claim a login, by adding a user or by changing a user's login, is limited per
 * admin, in one count. The audit log, shared by every instance, is the counter.
 */
final class NewLoginLimit {
  static final int MAX_ATTEMPTS = 30;
  static final Duration WINDOW = Duration.ofMinutes(10);

  private final Pool pool;

  NewLoginLimit(Pool pool) {
    this.pool = pool;
  }

  Future<Void> check(Caller caller) {
    return Sql.first(pool, Sql.dsl().selectCount().from(DSL.selectOne().from(AUDIT_EVENT)
                .where(AUDIT_EVENT.ACCOUNT_ID.eq(caller.accountId())
                    .and(AUDIT_EVENT.ACTOR_ID.eq(caller.userId()))
                    .and(claimsALogin())
                    .and(AUDIT_EVENT.AT.gt(DSL.currentOffsetDateTime().minus(DSL.field(
                        "interval '" + WINDOW.toSeconds() + " seconds'", Object.class)))))
                .limit(MAX_ATTEMPTS)),
            row -> row.getInteger(0))
        .compose(count -> count.orElse(0) < MAX_ATTEMPTS
            ? Future.succeededFuture()
            : Future.failedFuture(new ProblemException(Problem.of(429, "too-many-creations", "Too many new logins",
                "You have tried to add users or change logins " + MAX_ATTEMPTS + " times in " + WINDOW.toMinutes()
                    + " minutes; wait a little.")).withRetryAfter(60)));
  }

  /** A creation, done or refused, or a change (done or refused) whose event names a new login. */
  private static Condition claimsALogin() {
    return AUDIT_EVENT.ACTION.in("user.created", "user.create_refused")
        .or(AUDIT_EVENT.ACTION.eq("user.updated").and(DSL.condition("({0} -> 'login') IS NOT NULL", AUDIT_EVENT.CHANGES)));
  }
}
