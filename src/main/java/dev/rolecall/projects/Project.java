package dev.rolecall.projects;

import static dev.rolecall.db.schema.Tables.PROJECT;

import io.vertx.sqlclient.Row;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.SelectField;

/** A project of the account, as the API shows it. */
public record Project(UUID id, String name, String description, OffsetDateTime createdAt) {
  static final List<SelectField<?>> COLUMNS = List.of(PROJECT.ID, PROJECT.NAME, PROJECT.DESCRIPTION,
      PROJECT.CREATED_AT);

  static Project from(Row row) {
    return new Project(row.getUUID("id"), row.getString("name"), row.getString("description"),
        row.getOffsetDateTime("created_at"));
  }

  /** The name as a file name's part: lower-case letters and digits of any script, runs of others as one dash. */
  public String slug() {
    return slug(name.toLowerCase(Locale.ROOT), "[^\\p{L}\\p{N}]+");
  }

  /** {@link #slug()} in ASCII (accents dropped, other scripts gone), for clients that know no better. */
  public String asciiSlug() {
    String plain = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    return slug(plain.toLowerCase(Locale.ROOT), "[^a-z0-9]+");
  }

  private static String slug(String text, String separators) {
    String slug = text.replaceAll(separators, "-").replaceAll("^-+|-+$", "");
    return slug.isEmpty() ? "project" : slug;
  }
}
