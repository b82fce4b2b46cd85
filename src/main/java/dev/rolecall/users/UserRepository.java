package dev.rolecall.users;

import static dev.rolecall.db.schema.Tables.APP_USER;
import static dev.rolecall.db.schema.Tables.USER_ROLE;

import dev.rolecall.auth.Role;
import dev.rolecall.db.Sql;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.jooq.impl.DSL;

/** The SQL that changes users; every statement is scoped by the account, and runs in the caller's transaction. */
final class UserRepository {
  private UserRepository() {
  }

  record NewUser(String login, String firstName, String lastName, Collection<Role> roles, boolean active,
      String passwordHash, boolean passwordTemporary) {
  }

  /** Names, login or active switch; a null leaves the field as it is. */
  record Changes(String firstName, String lastName, String login, Boolean active) {
  }

  static Future<Optional<User>> find(SqlClient db, UUID accountId, UUID id, boolean lock) {
    var query = Sql.dsl().select(User.COLUMNS).from(APP_USER)
        .where(APP_USER.ID.eq(id).and(APP_USER.ACCOUNT_ID.eq(accountId)));
    return Sql.first(db, lock ? query.forUpdate().of(APP_USER) : query, User::from);
  }

  static Future<UUID> insert(SqlClient tx, UUID accountId, NewUser user) {
    return Sql.first(tx, Sql.dsl().insertInto(APP_USER)
                .set(APP_USER.ACCOUNT_ID, accountId)
                .set(APP_USER.LOGIN, user.login())
                .set(APP_USER.FIRST_NAME, user.firstName())
                .set(APP_USER.LAST_NAME, user.lastName())
                .set(APP_USER.ACTIVE, user.active())
                .set(APP_USER.PASSWORD_HASH, user.passwordHash())
                .set(APP_USER.PASSWORD_TEMPORARY, user.passwordTemporary())
                .returning(APP_USER.ID),
            row -> row.getUUID("id"))
        .map(Optional::orElseThrow)
        .compose(id -> insertRoles(tx, accountId, id, user.roles()).map(id));
  }

  static Future<Void> update(SqlClient tx, UUID accountId, UUID id, Changes changes) {
    return Sql.update(tx, Sql.dsl().update(APP_USER)
        .set(APP_USER.FIRST_NAME, DSL.coalesce(DSL.val(changes.firstName(), APP_USER.FIRST_NAME), APP_USER.FIRST_NAME))
        .set(APP_USER.LAST_NAME, DSL.coalesce(DSL.val(changes.lastName(), APP_USER.LAST_NAME), APP_USER.LAST_NAME))
        .set(APP_USER.LOGIN, DSL.coalesce(DSL.val(changes.login(), APP_USER.LOGIN), APP_USER.LOGIN))
        .set(APP_USER.ACTIVE, DSL.coalesce(DSL.val(changes.active(), APP_USER.ACTIVE), APP_USER.ACTIVE))
        .set(APP_USER.UPDATED_AT, DSL.field("clock_timestamp()", APP_USER.UPDATED_AT.getDataType()))
        .where(APP_USER.ID.eq(id).and(APP_USER.ACCOUNT_ID.eq(accountId)))).mapEmpty();
  }

  static Future<Void> setRoles(SqlClient tx, UUID accountId, UUID id, Collection<Role> roles) {
    return Sql.update(tx, Sql.dsl().deleteFrom(USER_ROLE)
            .where(USER_ROLE.USER_ID.eq(id).and(USER_ROLE.ACCOUNT_ID.eq(accountId))))
        .compose(deleted -> insertRoles(tx, accountId, id, roles))
        .compose(inserted -> touch(tx, accountId, id));
  }

  static Future<Void> setPassword(SqlClient tx, UUID accountId, UUID id, String hash, boolean temporary, Instant now) {
    return Sql.update(tx, Sql.dsl().update(APP_USER)
        .set(APP_USER.PASSWORD_HASH, hash)
        .set(APP_USER.PASSWORD_TEMPORARY, temporary)
        .set(APP_USER.TOKENS_VALID_AFTER, now.atOffset(ZoneOffset.UTC))
        .set(APP_USER.UPDATED_AT, DSL.field("clock_timestamp()", APP_USER.UPDATED_AT.getDataType()))
        .where(APP_USER.ID.eq(id).and(APP_USER.ACCOUNT_ID.eq(accountId)))).mapEmpty();
  }

  static Future<Boolean> delete(SqlClient tx, UUID accountId, UUID id) {
    return Sql.update(tx, Sql.dsl().deleteFrom(APP_USER)
        .where(APP_USER.ID.eq(id).and(APP_USER.ACCOUNT_ID.eq(accountId)))).map(count -> count > 0);
  }

  private static Future<Void> insertRoles(SqlClient tx, UUID accountId, UUID id, Collection<Role> roles) {
    if (roles.isEmpty()) {
      return Future.succeededFuture();
    }
    var insert = Sql.dsl().insertInto(USER_ROLE, USER_ROLE.ACCOUNT_ID, USER_ROLE.USER_ID, USER_ROLE.ROLE);
    for (Role role : roles) {
      insert = insert.values(accountId, id, role.name());
    }
    return Sql.update(tx, insert).mapEmpty();
  }

  private static Future<Void> touch(SqlClient tx, UUID accountId, UUID id) {
    return Sql.update(tx, Sql.dsl().update(APP_USER)
        .set(APP_USER.UPDATED_AT, DSL.field("clock_timestamp()", APP_USER.UPDATED_AT.getDataType()))
        .where(APP_USER.ID.eq(id).and(APP_USER.ACCOUNT_ID.eq(accountId)))).mapEmpty();
  }
}
