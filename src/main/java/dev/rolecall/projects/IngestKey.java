package dev.rolecall.projects;

import static dev.rolecall.db.schema.Tables.INGEST_KEY;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.SelectField;

/** A project's ingest key as the API shows it; {@code secret} only in the answer that creates it. */
public record IngestKey(UUID id, String prefix, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {
  static final List<SelectField<?>> COLUMNS = List.of(INGEST_KEY.ID, INGEST_KEY.PREFIX, INGEST_KEY.CREATED_AT,
      INGEST_KEY.LAST_USED_AT);

  static IngestKey from(Row row) {
    return new IngestKey(row.getUUID("id"), row.getString("prefix"), row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("last_used_at"), null);
  }

  IngestKey withSecret(String value) {
    return new IngestKey(id, prefix, createdAt, lastUsedAt, value);
  }
}
