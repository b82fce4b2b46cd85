package dev.rolecall.accounts;

import dev.rolecall.db.AdvisoryLock;
import static dev.rolecall.db.schema.Tables.ACCOUNT;
import static dev.rolecall.db.schema.Tables.APP_USER;
import static dev.rolecall.db.schema.Tables.USER_ROLE;

import dev.rolecall.auth.Role;
import dev.rolecall.db.Sql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.UUID;

/** Creating accounts with their first administrator, in one transaction. */
public final class AccountRepository {

  private final Pool pool;

  public AccountRepository(Pool pool) {
    this.pool = pool;
  }

  public record NewAdmin(String login, String firstName, String lastName, String passwordHash, boolean temporary) {
  }

  public record Created(UUID accountId, UUID adminId) {
  }

  public Future<Created> create(String accountName, NewAdmin admin) {
    return pool.withTransaction(conn -> insert(conn, accountName, admin));
  }

  public Future<Boolean> anyExists() {
    return Sql.first(pool, Sql.dsl().selectOne().from(ACCOUNT).limit(1), row -> true).map(Optional::isPresent);
  }

  /** The first account, unless one exists; instances starting together serialise on a lock. */
  public Future<Optional<Created>> createFirst(String accountName, NewAdmin admin) {
    return pool.withTransaction(conn -> AdvisoryLock.BOOTSTRAP.take(conn)
        .compose(locked -> Sql.first(conn, Sql.dsl().selectOne().from(ACCOUNT).limit(1), row -> true))
        .compose(existing -> existing.isPresent()
            ? Future.succeededFuture(Optional.<Created>empty())
            : insert(conn, accountName, admin).map(Optional::of)));
  }

  private static Future<Created> insert(SqlConnection conn, String accountName, NewAdmin admin) {
    return Sql.first(conn, Sql.dsl().insertInto(ACCOUNT).set(ACCOUNT.NAME, accountName).returning(ACCOUNT.ID),
            row -> row.getUUID("id"))
        .map(Optional::orElseThrow)
        .compose(accountId -> Sql.first(conn, Sql.dsl().insertInto(APP_USER)
                    .set(APP_USER.ACCOUNT_ID, accountId)
                    .set(APP_USER.LOGIN, admin.login())
                    .set(APP_USER.FIRST_NAME, admin.firstName())
                    .set(APP_USER.LAST_NAME, admin.lastName())
                    .set(APP_USER.PASSWORD_HASH, admin.passwordHash())
                    .set(APP_USER.PASSWORD_TEMPORARY, admin.temporary())
                    .returning(APP_USER.ID),
                row -> row.getUUID("id"))
            .map(Optional::orElseThrow)
            .compose(adminId -> Sql.update(conn, Sql.dsl().insertInto(USER_ROLE)
                    .set(USER_ROLE.ACCOUNT_ID, accountId)
                    .set(USER_ROLE.USER_ID, adminId)
                    .set(USER_ROLE.ROLE, Role.ADMIN.name()))
                .map(inserted -> new Created(accountId, adminId))));
  }
}
