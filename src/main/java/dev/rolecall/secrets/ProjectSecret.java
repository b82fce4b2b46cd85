package dev.rolecall.secrets;

import static dev.rolecall.db.schema.Tables.PROJECT_SECRET;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.SelectField;

/** A project secret as lists show it: its name and who set it when, never its value. */
public record ProjectSecret(UUID id, String name, OffsetDateTime createdAt, String createdBy,
    OffsetDateTime updatedAt, String updatedBy) {
  static final List<SelectField<?>> COLUMNS = List.of(PROJECT_SECRET.ID, PROJECT_SECRET.NAME,
      PROJECT_SECRET.CREATED_AT, PROJECT_SECRET.CREATED_BY, PROJECT_SECRET.UPDATED_AT, PROJECT_SECRET.UPDATED_BY);

  static ProjectSecret from(Row row) {
    return new ProjectSecret(row.getUUID("id"), row.getString("name"), row.getOffsetDateTime("created_at"),
        row.getString("created_by"), row.getOffsetDateTime("updated_at"), row.getString("updated_by"));
  }

  /** The sealed value's context: a ciphertext copied to another row does not open there. */
  static String context(UUID id) {
    return "project-secret:" + id;
  }
}
