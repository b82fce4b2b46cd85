package dev.rolecall.auth;

import static dev.rolecall.db.schema.Tables.APP_USER;
import static dev.rolecall.db.schema.Tables.REFRESH_TOKEN;

import dev.rolecall.db.Sql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jooq.impl.DSL;

/**
 * All SQL of refresh tokens: opaque secrets kept as their SHA-256 digest, in families that start at a
 * password login. Each exchange marks the presented token used and adds the next one to its family.
 */
public final class RefreshTokens {
  public static final String PREFIX = "rcr_";

  private final Pool pool;
  private final Duration ttl;
  private final Clock clock;

  public RefreshTokens(Pool pool, Duration ttl, Clock clock) {
    this.pool = pool;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Where a token came from, kept for the owner's and the operator's eyes. */
  public record Client(String ip, String userAgent) {
  }

  /** The family a presented token belongs to, and its owner's state, read under a row lock. */
  public record Presented(UUID id, UUID familyId, UUID userId, UUID accountId, Instant authenticatedAt,
      boolean used, boolean usable, boolean ownerMayLogIn, boolean passwordTemporary) {
  }

  public Duration ttl() {
    return ttl;
  }

  /** Adds a token to a family (a new one at login), issued along with the access token {@code accessJti}. */
  public Future<String> add(SqlClient db, UUID familyId, UUID userId, UUID accountId, Instant authenticatedAt,
      UUID accessJti, Client client) {
    String secret = Secrets.newSecret(PREFIX);
    return Sql.update(db, Sql.dsl().insertInto(REFRESH_TOKEN)
            .set(REFRESH_TOKEN.DIGEST, Secrets.digest(secret))
            .set(REFRESH_TOKEN.FAMILY_ID, familyId)
            .set(REFRESH_TOKEN.ACCOUNT_ID, accountId)
            .set(REFRESH_TOKEN.USER_ID, userId)
            .set(REFRESH_TOKEN.AUTHENTICATED_AT, utc(authenticatedAt))
            .set(REFRESH_TOKEN.ACCESS_JTI, accessJti)
            .set(REFRESH_TOKEN.EXPIRES_AT, utc(clock.instant().plus(ttl)))
            .set(REFRESH_TOKEN.CLIENT_IP, truncate(client.ip(), 45))
            .set(REFRESH_TOKEN.USER_AGENT, truncate(client.userAgent(), 400)))
        .map(secret);
  }

  /**
   * The token with this secret, locked until the transaction ends so that two exchanges of one token
   * cannot both succeed. Usable means neither revoked nor expired, and from a login later than the
   * owner's last "logout everywhere" (which password changes, resets and deactivation also move).
   */
  public Future<Optional<Presented>> find(SqlClient tx, String secret) {
    OffsetDateTime now = utc(clock.instant());
    return Sql.first(tx, Sql.dsl()
            .select(REFRESH_TOKEN.ID, REFRESH_TOKEN.FAMILY_ID, REFRESH_TOKEN.USER_ID, REFRESH_TOKEN.ACCOUNT_ID,
                REFRESH_TOKEN.AUTHENTICATED_AT, REFRESH_TOKEN.USED_AT.isNotNull().as("used"),
                DSL.field(REFRESH_TOKEN.REVOKED_AT.isNull().and(REFRESH_TOKEN.EXPIRES_AT.gt(now))
                    .and(REFRESH_TOKEN.AUTHENTICATED_AT.gt(APP_USER.TOKENS_VALID_AFTER))).as("usable"),
                APP_USER.ACTIVE, APP_USER.PASSWORD_TEMPORARY, IdentityRepository.ROLES)
            .from(REFRESH_TOKEN)
            .join(APP_USER).on(APP_USER.ID.eq(REFRESH_TOKEN.USER_ID).and(APP_USER.ACCOUNT_ID.eq(REFRESH_TOKEN.ACCOUNT_ID)))
            .where(REFRESH_TOKEN.DIGEST.eq(Secrets.digest(secret)))
            .forUpdate().of(REFRESH_TOKEN),
        row -> new Presented(row.getUUID("id"), row.getUUID("family_id"), row.getUUID("user_id"),
            row.getUUID("account_id"), row.getOffsetDateTime("authenticated_at").toInstant(),
            row.getBoolean("used"), row.getBoolean("usable"),
            row.getBoolean("active") && Role.canLogIn(Role.fromNames(row.getArrayOfStrings("roles"))),
            row.getBoolean("password_temporary")));
  }

  public Future<Void> markUsed(SqlClient tx, UUID id) {
    return Sql.update(tx, Sql.dsl().update(REFRESH_TOKEN).set(REFRESH_TOKEN.USED_AT, utc(clock.instant()))
        .where(REFRESH_TOKEN.ID.eq(id))).mapEmpty();
  }

  public Future<Void> revokeFamily(SqlClient db, UUID familyId) {
    return Sql.update(db, Sql.dsl().update(REFRESH_TOKEN).set(REFRESH_TOKEN.REVOKED_AT, utc(clock.instant()))
        .where(REFRESH_TOKEN.FAMILY_ID.eq(familyId).and(REFRESH_TOKEN.REVOKED_AT.isNull()))).mapEmpty();
  }

  /** Logging out with an access token ends the family it was issued with, and the one of the cookie sent along. */
  public Future<Void> revokeFamiliesOf(SqlClient db, UUID userId, UUID accessJti, Optional<String> secret) {
    var presented = REFRESH_TOKEN.ACCESS_JTI.eq(accessJti);
    if (secret.isPresent()) {
      presented = presented.or(REFRESH_TOKEN.DIGEST.eq(Secrets.digest(secret.get())));
    }
    return Sql.update(db, Sql.dsl().update(REFRESH_TOKEN).set(REFRESH_TOKEN.REVOKED_AT, utc(clock.instant()))
        .where(REFRESH_TOKEN.USER_ID.eq(userId).and(REFRESH_TOKEN.REVOKED_AT.isNull())
            .and(REFRESH_TOKEN.FAMILY_ID.in(Sql.dsl().select(REFRESH_TOKEN.FAMILY_ID).from(REFRESH_TOKEN)
                .where(REFRESH_TOKEN.USER_ID.eq(userId).and(presented))))))
        .mapEmpty();
  }

  /** Tokens past their expiry can only be refused; a day's margin keeps recent reuse detectable. */
  public Future<Integer> purgeExpired() {
    return Sql.update(pool, Sql.dsl().deleteFrom(REFRESH_TOKEN)
        .where(REFRESH_TOKEN.EXPIRES_AT.lt(utc(clock.instant().minus(Duration.ofDays(1))))));
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
