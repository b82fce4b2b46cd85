package dev.rolecall.users;

import static dev.rolecall.db.schema.Tables.ACCOUNT;
import static dev.rolecall.db.schema.Tables.APP_USER;
import static dev.rolecall.db.schema.Tables.USER_ROLE;

import dev.rolecall.auth.Permission;
import dev.rolecall.db.Sql;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The last-admin rule: an account always keeps an active user who may administer users (holding
 * USERS_EDIT and USER_ROLES_EDIT, through whichever roles the matrix says). Writes that could break it
 * lock the account's row first, so that two admins racing are judged one after the other.
 */
final class AdminGuard {
  private AdminGuard() {
  }

  static Future<Void> lockAccount(SqlConnection tx, UUID accountId) {
    return Sql.execute(tx, Sql.dsl().select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.ID.eq(accountId)).forUpdate())
        .mapEmpty();
  }

  /** Fails with 409 {@code last-admin} when the account, as the transaction now sees it, has none left. */
  static Future<Void> requireAnAdmin(SqlConnection tx, UUID accountId) {
    return Sql.first(tx, Sql.dsl().selectOne().from(APP_USER)
                .where(APP_USER.ACCOUNT_ID.eq(accountId).and(APP_USER.ACTIVE)
                    .and(holds(Permission.USERS_EDIT)).and(holds(Permission.USER_ROLES_EDIT)))
                .limit(1),
            row -> true)
        .compose(found -> found.isPresent() ? Future.succeededFuture() : Future.failedFuture(lastAdmin()));
  }

  static ProblemException lastAdmin() {
    return new ProblemException(Problem.of(409, "last-admin", "The last administrator must stay",
        "This would leave the account without an active user who can manage users and roles. "
            + "Give that power to another active user first."));
  }

  private static Condition holds(Permission permission) {
    return DSL.exists(DSL.selectOne().from(USER_ROLE).where(USER_ROLE.USER_ID.eq(APP_USER.ID)
        .and(USER_ROLE.ROLE.in(permission.roles().stream().map(Enum::name).toList()))));
  }
}
