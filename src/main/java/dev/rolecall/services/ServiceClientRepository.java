package dev.rolecall.services;

import static dev.rolecall.db.schema.Tables.SERVICE_CLIENT;
import static dev.rolecall.db.schema.Tables.SERVICE_CLIENT_ACCOUNT;

import dev.rolecall.db.Sql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.impl.DSL;

/** All SQL of service clients. */
final class ServiceClientRepository {
  private final Pool pool;

  ServiceClientRepository(Pool pool) {
    this.pool = pool;
  }

  /** A client that still works, with the digest of its secret. */
  record Active(ServiceClient client, byte[] digest) {
  }

  /** A client as the operator lists it. */
  record Listed(ServiceClient client, OffsetDateTime createdAt, OffsetDateTime revokedAt) {
  }

  /** Creates the client and its accounts in one transaction; an account that does not exist fails it whole. */
  Future<UUID> create(String name, boolean allAccounts, Set<UUID> accounts, byte[] digest) {
    return pool.withTransaction(tx -> Sql.first(tx, Sql.dsl().insertInto(SERVICE_CLIENT)
                .set(SERVICE_CLIENT.NAME, name)
                .set(SERVICE_CLIENT.DIGEST, digest)
                .set(SERVICE_CLIENT.ALL_ACCOUNTS, allAccounts)
                .returning(SERVICE_CLIENT.ID), row -> row.getUUID(SERVICE_CLIENT.ID.getName()))
        .map(Optional::orElseThrow)
        .compose(id -> {
          Future<Void> inserted = Future.succeededFuture();
          for (UUID account : accounts) {
            inserted = inserted.compose(done -> Sql.update(tx, Sql.dsl().insertInto(SERVICE_CLIENT_ACCOUNT)
                .set(SERVICE_CLIENT_ACCOUNT.CLIENT_ID, id)
                .set(SERVICE_CLIENT_ACCOUNT.ACCOUNT_ID, account)).mapEmpty());
          }
          return inserted.map(id);
        }));
  }

  Future<Optional<Active>> findActive(UUID id) {
    return Sql.list(pool, Sql.dsl()
            .select(SERVICE_CLIENT.ID, SERVICE_CLIENT.NAME, SERVICE_CLIENT.DIGEST, SERVICE_CLIENT.ALL_ACCOUNTS,
                SERVICE_CLIENT_ACCOUNT.ACCOUNT_ID)
            .from(SERVICE_CLIENT)
            .leftJoin(SERVICE_CLIENT_ACCOUNT).on(SERVICE_CLIENT_ACCOUNT.CLIENT_ID.eq(SERVICE_CLIENT.ID))
            .where(SERVICE_CLIENT.ID.eq(id).and(SERVICE_CLIENT.REVOKED_AT.isNull())), row -> row)
        .map(rows -> {
          if (rows.isEmpty()) {
            return Optional.empty();
          }
          Row first = rows.get(0);
          Set<UUID> accounts = new HashSet<>();
          rows.forEach(row -> Optional.ofNullable(row.getUUID(SERVICE_CLIENT_ACCOUNT.ACCOUNT_ID.getName()))
              .ifPresent(accounts::add));
          return Optional.of(new Active(new ServiceClient(id, first.getString(SERVICE_CLIENT.NAME.getName()),
              first.getBoolean(SERVICE_CLIENT.ALL_ACCOUNTS.getName()), accounts),
              first.getBuffer(SERVICE_CLIENT.DIGEST.getName()).getBytes()));
        });
  }

  Future<List<Listed>> list() {
    return Sql.list(pool, Sql.dsl()
            .select(SERVICE_CLIENT.ID, SERVICE_CLIENT.NAME, SERVICE_CLIENT.ALL_ACCOUNTS, SERVICE_CLIENT.CREATED_AT,
                SERVICE_CLIENT.REVOKED_AT, SERVICE_CLIENT_ACCOUNT.ACCOUNT_ID)
            .from(SERVICE_CLIENT)
            .leftJoin(SERVICE_CLIENT_ACCOUNT).on(SERVICE_CLIENT_ACCOUNT.CLIENT_ID.eq(SERVICE_CLIENT.ID))
            .orderBy(SERVICE_CLIENT.CREATED_AT, SERVICE_CLIENT.ID), row -> row)
        .map(rows -> {
          Map<UUID, Row> clients = new LinkedHashMap<>();
          Map<UUID, Set<UUID>> accounts = new LinkedHashMap<>();
          for (Row row : rows) {
            UUID id = row.getUUID(SERVICE_CLIENT.ID.getName());
            clients.putIfAbsent(id, row);
            Set<UUID> served = accounts.computeIfAbsent(id, any -> new HashSet<>());
            Optional.ofNullable(row.getUUID(SERVICE_CLIENT_ACCOUNT.ACCOUNT_ID.getName())).ifPresent(served::add);
          }
          return clients.entrySet().stream().map(entry -> new Listed(
              new ServiceClient(entry.getKey(), entry.getValue().getString(SERVICE_CLIENT.NAME.getName()),
                  entry.getValue().getBoolean(SERVICE_CLIENT.ALL_ACCOUNTS.getName()), accounts.get(entry.getKey())),
              entry.getValue().getOffsetDateTime(SERVICE_CLIENT.CREATED_AT.getName()),
              entry.getValue().getOffsetDateTime(SERVICE_CLIENT.REVOKED_AT.getName()))).toList();
        });
  }

  /** Whether a client that still worked was revoked. */
  Future<Boolean> revoke(UUID id) {
    return Sql.update(pool, Sql.dsl().update(SERVICE_CLIENT)
            .set(SERVICE_CLIENT.REVOKED_AT, DSL.currentOffsetDateTime())
            .where(SERVICE_CLIENT.ID.eq(id).and(SERVICE_CLIENT.REVOKED_AT.isNull())))
        .map(count -> count > 0);
  }
}
