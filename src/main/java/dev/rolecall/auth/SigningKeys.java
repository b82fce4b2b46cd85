package dev.rolecall.auth;

import static dev.rolecall.db.schema.Tables.SIGNING_KEY;

import dev.rolecall.StartupException;
import dev.rolecall.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HS256 keys that sign login tokens, shared by every instance through the database. The newest key
 * signs; every stored key verifies, so a rotation logs nobody out. vertx-auth-jwt signs with a random
 * one of its keys, hence two JWTAuths: one holding only the current key, one holding them all.
 */
public final class SigningKeys implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
  private static final String ALGORITHM = "HS256";
  private static final int SECRET_BYTES = 32;
  // Another instance may have rotated: reload then, but an unknown kid must not hammer the database.
  private static final long RELOAD_THROTTLE_NANOS = Duration.ofSeconds(5).toNanos();
  // Picks up a rotation made by the jar command, which no running instance signs with yet.
  private static final long REFRESH_MILLIS = Duration.ofMinutes(1).toMillis();
  private static final long CREATION_LOCK = 0x726f6c6563616c6cL; // "rolecall"
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Key(String kid, byte[] secret) {
    @Override
    public String toString() {
      return "Key[" + kid + "]";
    }
  }

  private record Sealed(String kid, byte[] ciphertext) {
  }

  private record Jwt(String currentKid, JWTAuth signer, JWTAuth verifier) {
  }

  private final Vertx vertx;
  private final Pool pool;
  private final SecretBox box;
  private final long refreshTimer;
  private volatile Jwt jwt;
  private volatile Future<Void> lastReload = Future.succeededFuture();
  private volatile long nextReloadAllowed = System.nanoTime();

  private SigningKeys(Vertx vertx, Pool pool, SecretBox box, List<Key> keys) {
    this.vertx = vertx;
    this.pool = pool;
    this.box = box;
    this.jwt = build(vertx, keys);
    this.refreshTimer = vertx.setPeriodic(REFRESH_MILLIS, id -> reload()
        .onFailure(e -> LOG.warn("cannot reload the token signing keys: {}", e.getMessage())));
  }

  /** Creates the first key if there is none (once, however many instances start together), then loads them all. */
  public static Future<SigningKeys> load(Vertx vertx, Pool pool, SecretBox box) {
    Sealed first = generate(box);
    return pool.withTransaction(tx -> lockCreation(tx).compose(locked -> Sql.update(tx, Sql.dsl()
            .insertInto(SIGNING_KEY, SIGNING_KEY.KID, SIGNING_KEY.SECRET_CIPHERTEXT)
            .select(Sql.dsl().select(DSL.val(first.kid()), DSL.val(first.ciphertext()))
                .whereNotExists(Sql.dsl().selectOne().from(SIGNING_KEY))))))
        .compose(inserted -> readAll(pool, box))
        .map(keys -> new SigningKeys(vertx, pool, box, keys));
  }

  /** Adds a key that becomes the current one; the others keep verifying the tokens they signed. */
  public static Future<String> rotate(Pool pool, SecretBox box) {
    Sealed key = generate(box);
    return Sql.update(pool, Sql.dsl()
            .insertInto(SIGNING_KEY, SIGNING_KEY.KID, SIGNING_KEY.SECRET_CIPHERTEXT)
            .values(key.kid(), key.ciphertext()))
        .map(inserted -> key.kid());
  }

  public String currentKid() {
    return jwt.currentKid();
  }

  /** A token carrying the claims, signed with the current key and expiring after the ttl. */
  public String sign(JsonObject claims, Duration ttl) {
    if (ttl.toSeconds() < 1) {
      throw new IllegalArgumentException("a token lives at least one second");
    }
    // vertx-auth-jwt writes iat and exp into the object it is given: never into the caller's.
    JsonObject payload = claims.copy();
    payload.remove("iat");
    return jwt.signer().generateToken(payload, new JWTOptions()
        .setAlgorithm(ALGORITHM)
        .setExpiresInSeconds(Math.toIntExact(ttl.toSeconds())));
  }

  /** The claims of a valid token signed by any stored key; fails for anything else. */
  public Future<JsonObject> verify(String token) {
    return check(token).recover(e -> e instanceof NoSuchKeyIdException
        ? reloadThrottled().compose(reloaded -> check(token))
        : Future.failedFuture(e));
  }

  /** Reads the keys again, so that one added elsewhere signs here and verifies here. */
  public Future<Void> reload() {
    return readAll(pool, box).map(keys -> {
      jwt = build(vertx, keys);
      return null;
    });
  }

  @Override
  public void close() {
    vertx.cancelTimer(refreshTimer);
  }

  private Future<JsonObject> check(String token) {
    return jwt.verifier().authenticate(new TokenCredentials(token)).compose(user -> {
      JsonObject claims = user.attributes().getJsonObject("accessToken");
      // Every token we sign expires: one without exp was not made here.
      return claims != null && claims.getValue("exp") instanceof Number
          ? Future.succeededFuture(claims.copy())
          : Future.failedFuture(new IllegalArgumentException("the token has no expiry"));
    });
  }

  private synchronized Future<Void> reloadThrottled() {
    long now = System.nanoTime();
    if (now - nextReloadAllowed >= 0) {
      nextReloadAllowed = now + RELOAD_THROTTLE_NANOS;
      lastReload = reload();
    }
    return lastReload.recover(e -> Future.succeededFuture());
  }

  private static Future<?> lockCreation(SqlClient tx) {
    return Sql.execute(tx, Sql.dsl().select(DSL.function("pg_advisory_xact_lock", SQLDataType.OTHER,
        DSL.val(CREATION_LOCK))));
  }

  private static Future<List<Key>> readAll(Pool pool, SecretBox box) {
    return Sql.list(pool, Sql.dsl()
        .select(SIGNING_KEY.KID, SIGNING_KEY.SECRET_CIPHERTEXT)
        .from(SIGNING_KEY)
        .orderBy(SIGNING_KEY.CREATED_AT.desc(), SIGNING_KEY.KID.desc()),
        row -> new Key(row.getString(0), open(box, row.getString(0), row.getBuffer(1).getBytes())));
  }

  private static Sealed generate(SecretBox box) {
    byte[] id = new byte[15];
    RANDOM.nextBytes(id);
    String kid = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return new Sealed(kid, box.seal(secret, context(kid)));
  }

  private static byte[] open(SecretBox box, String kid, byte[] ciphertext) {
    try {
      return box.open(ciphertext, context(kid));
    } catch (SecretBox.CannotOpen e) {
      throw new StartupException(
          "cannot decrypt the signing keys: ROLECALL_SECRETS_KEY is not the key they were stored with", e);
    }
  }

  private static String context(String kid) {
    return "rolecall signing_key " + kid;
  }

  /** Never with no key: a JWTAuth without keys accepts unsigned {@code alg: none} tokens. */
  private static Jwt build(Vertx vertx, List<Key> keys) {
    if (keys.isEmpty() || keys.stream().anyMatch(key -> key.secret().length < SECRET_BYTES)) {
      throw new StartupException("the token signing keys are missing or too short");
    }
    JWTAuthOptions all = new JWTAuthOptions();
    keys.forEach(key -> all.addPubSecKey(options(key)));
    Key current = keys.getFirst();
    return new Jwt(current.kid(),
        JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(options(current))),
        JWTAuth.create(vertx, all));
  }

  private static PubSecKeyOptions options(Key key) {
    return new PubSecKeyOptions().setAlgorithm(ALGORITHM).setId(key.kid()).setBuffer(Buffer.buffer(key.secret()));
  }
}
