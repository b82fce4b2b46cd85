package dev.rolecall.telephony;

import static dev.rolecall.db.schema.Tables.SIP_TRUNK;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jooq.SelectField;

/** A SIP trunk of the account as answers show it: whether a password is set, never the password. */
public record SipTrunk(UUID id, String name, String host, int port, String transport, String login,
    boolean passwordSet, List<String> callerIds, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
  static final List<SelectField<?>> COLUMNS = List.of(SIP_TRUNK.ID, SIP_TRUNK.NAME, SIP_TRUNK.HOST, SIP_TRUNK.PORT,
      SIP_TRUNK.TRANSPORT, SIP_TRUNK.LOGIN, SIP_TRUNK.PASSWORD_CIPHERTEXT.isNotNull().as("password_set"),
      SIP_TRUNK.CALLER_IDS, SIP_TRUNK.CREATED_AT, SIP_TRUNK.UPDATED_AT);

  static SipTrunk from(Row row) {
    return new SipTrunk(row.getUUID("id"), row.getString("name"), row.getString("host"), row.getInteger("port"),
        row.getString("transport"), row.getString("login"), row.getBoolean("password_set"),
        Arrays.asList(row.getArrayOfStrings("caller_ids")), row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"));
  }

  static String context(UUID id) {
    return "sip-trunk:" + id;
  }
}
