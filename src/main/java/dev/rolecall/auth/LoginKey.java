package dev.rolecall.auth;

import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What makes two logins the same: PostgreSQL's {@code lower()}, as the unique index
 * {@code app_user_login_key} (migration V2) compares them. Login lookup and the login throttle both compare
 * through here, in the database, so that every spelling that finds a user ({@code VICTIM}, {@code vİctim})
 * counts in that user's bucket, and a spelling that finds no one (fullwidth letters) counts apart. Java's
 * own lower-casing differs ({@code İ} becomes {@code i} and a combining dot there), and so would NFKC.
 */
final class LoginKey {
  private LoginKey() {
  }

  static Field<String> of(Field<String> login) {
    return DSL.lower(login);
  }

  static Field<String> of(String login) {
    return of(DSL.val(login));
  }
}
