package dev.rolecall.users;

import static dev.rolecall.db.schema.Tables.AUDIT_EVENT;

import dev.rolecall.auth.Caller;
import dev.rolecall.db.Sql;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.jooq.impl.DSL;

/**
 * Logins are unique across the service, so a 409 tells an admin that a login exists somewhere:
 * creation attempts are limited per admin. The audit log, shared by every instance, is the counter.
 */
final class CreationLimit {
  static final int MAX_ATTEMPTS = 30;
  static final Duration WINDOW = Duration.ofMinutes(10);

  private final Pool pool;

  CreationLimit(Pool pool) {
    this.pool = pool;
  }

  Future<Void> check(Caller caller) {
    return Sql.first(pool, Sql.dsl().selectCount().from(DSL.selectOne().from(AUDIT_EVENT)
                .where(AUDIT_EVENT.ACCOUNT_ID.eq(caller.accountId())
                    .and(AUDIT_EVENT.ACTOR_ID.eq(caller.userId()))
                    .and(AUDIT_EVENT.ACTION.in("user.created", "user.create_refused"))
                    .and(AUDIT_EVENT.AT.gt(DSL.currentOffsetDateTime().minus(DSL.field(
                        "interval '" + WINDOW.toSeconds() + " seconds'", Object.class)))))
                .limit(MAX_ATTEMPTS)),
            row -> row.getInteger(0))
        .compose(count -> count.orElse(0) < MAX_ATTEMPTS
            ? Future.succeededFuture()
            : Future.failedFuture(new ProblemException(Problem.of(429, "too-many-creations", "Too many new users",
                "You have tried to add " + MAX_ATTEMPTS + " users in " + WINDOW.toMinutes() + " minutes; wait a little."))
                .withRetryAfter(60)));
  }
}
