package dev.rolecall.secrets;

import java.util.List;
import java.util.function.Function;

/**
 * Every column sealed with the secrets key, in one place: rotating the key re-encrypts exactly these.
 * A feature that seals a new column adds its entry here (and nowhere else).
 */
public final class SealedColumns {
  /**
   * A sealed column: its table, the column naming the row (read as text), the bytea column, and the
   * SecretBox context of a row given that id.
   */
  public record Column(String table, String idColumn, String sealedColumn, Function<String, String> context) {
  }

  public static final List<Column> ALL = List.of(
      // auth.SigningKey.context
      new Column("signing_key", "kid", "private_key_ciphertext", kid -> "rolecall signing_key " + kid),
      new Column("project_secret", "id", "value_ciphertext", id -> "project-secret:" + id),
      new Column("sip_trunk", "id", "password_ciphertext", id -> "sip-trunk:" + id));

  private SealedColumns() {
  }
}
