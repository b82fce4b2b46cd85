package dev.rolecall.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Every PostgreSQL advisory lock of the service, each with its own key, named here once so that no two
 * share one by accident (the signing keys' creation and the first account's once did). All are
 * transaction-scoped: they end with the transaction that takes them.
 */
public enum AdvisoryLock {
  /** Instances starting together create the first account once. */
  BOOTSTRAP(0x726f6c6563616c6cL), // "rolecall"
  /** Instances starting together create one signing key. */
  SIGNING_KEY_CREATION(0x7369676e5f6b6579L), // "sign_key"
  AUDIT_PARTITIONS(0x61756469745f7076L), // "audit_pv"
  DIALOG_LOG_PARTITIONS(0x646c6f675f707274L), // "dlog_prt"
  /** Per client address, in PostgreSQL's two-key space: the first key is this one, the second the address's. */
  LOGIN_ADDRESS(0x6c74686cL); // "lthl"

  private final long key;

  AdvisoryLock(long key) {
    this.key = key;
  }

  public long key() {
    return key;
  }

  /** Waits for the lock, in the transaction {@code tx}. */
  public Future<Void> take(SqlClient tx) {
    return Sql.execute(tx, Sql.dsl().select(DSL.function("pg_advisory_xact_lock", SQLDataType.OTHER, DSL.inline(key))))
        .mapEmpty();
  }

  /** Waits for the lock of one item ({@code item}, an integer such as a hash), in the transaction {@code tx}. */
  public Future<Void> take(SqlClient tx, Field<Integer> item) {
    if (key != (int) key) {
      throw new IllegalStateException(this + " is not a key of the two-key space");
    }
    return Sql.execute(tx, Sql.dsl().select(DSL.function("pg_advisory_xact_lock", SQLDataType.OTHER,
        DSL.inline((int) key), item))).mapEmpty();
  }
}
