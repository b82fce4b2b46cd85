package dev.rolecall.users;

import static dev.rolecall.db.schema.Tables.APP_USER;

import dev.rolecall.auth.IdentityRepository;
import dev.rolecall.auth.Role;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.SelectField;

/** A user of the account as the API shows them. */
public record User(UUID id, String login, String firstName, String lastName, List<String> roles, boolean active,
    OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime lastLoginAt) {

  /** The columns {@link #from(Row)} reads. */
  public static final List<SelectField<?>> COLUMNS = List.of(APP_USER.ID, APP_USER.LOGIN, APP_USER.FIRST_NAME,
      APP_USER.LAST_NAME, APP_USER.ACTIVE, APP_USER.CREATED_AT, APP_USER.UPDATED_AT, APP_USER.LAST_LOGIN_AT,
      IdentityRepository.ROLES);

  public static User from(Row row) {
    return new User(row.getUUID("id"), row.getString("login"), row.getString("first_name"),
        row.getString("last_name"), Role.fromNames(row.getArrayOfStrings("roles")).stream().map(Enum::name).toList(),
        row.getBoolean("active"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"),
        row.getOffsetDateTime("last_login_at"));
  }

  /** A strong validator of this version: it changes with every change of the user or their roles. */
  public String etag() {
    return '"' + Long.toString(updatedAt.toInstant().getEpochSecond(), 36) + "-" + updatedAt.getNano() + '"';
  }

  public String label() {
    return firstName + " " + lastName + " <" + login + ">";
  }
}
