package dev.rolecall.auth;

import dev.rolecall.db.AdvisoryLock;
import static dev.rolecall.db.schema.Tables.SIGNING_KEY;

import dev.rolecall.StartupException;
import dev.rolecall.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ES256 keys that sign login tokens, shared by every instance through the database. The newest
 * key that is not retired signs; every other key not retired verifies, so a rotation logs nobody out,
 * and retiring a key ends the tokens it signed. vertx-auth-jwt signs with a random one of its keys,
 * hence two JWTAuths: one holding only the current private key, one holding every public key.
 */
public final class SigningKeys implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
  // Another instance may have rotated: reload then, but an unknown kid must not hammer the database.
  private static final long RELOAD_THROTTLE_NANOS = Duration.ofSeconds(5).toNanos();
  // Picks up a rotation or a retirement made by a jar command, which running instances learn no other way.
  private static final long REFRESH_MILLIS = Duration.ofMinutes(1).toMillis();

  /** What {@link #retire} did. */
  public enum Retirement { RETIRED, CURRENT_KEY, UNKNOWN }

  private record Jwt(List<SigningKey> keys, JWTAuth signer, JWTAuth verifier) {
  }

  private final Vertx vertx;
  private final Pool pool;
  private final SecretBox box;
  private final long refreshTimer;
  private volatile Jwt jwt;
  private final AtomicLong generation = new AtomicLong();
  private volatile Future<Void> lastReload = Future.succeededFuture();
  private volatile long nextReloadAllowed = System.nanoTime();

  private SigningKeys(Vertx vertx, Pool pool, SecretBox box, List<SigningKey> keys) {
    this.vertx = vertx;
    this.pool = pool;
    this.box = box;
    this.jwt = build(vertx, keys);
    this.refreshTimer = vertx.setPeriodic(REFRESH_MILLIS, id -> reload()
        .onFailure(e -> LOG.warn("cannot reload the token signing keys: {}", e.getMessage())));
  }

  /** Creates the first key if none verifies (once, however many instances start together), then loads them. */
  public static Future<SigningKeys> load(Vertx vertx, Pool pool, SecretBox box) {
    SigningKey first = SigningKey.generate();
    return pool.withTransaction(tx -> lockCreation(tx).compose(locked -> Sql.update(tx, Sql.dsl()
            .insertInto(SIGNING_KEY, SIGNING_KEY.KID, SIGNING_KEY.PRIVATE_KEY_CIPHERTEXT, SIGNING_KEY.PUBLIC_KEY)
            .select(Sql.dsl().select(DSL.val(first.kid()), DSL.val(first.sealedPrivateKey(box)),
                    DSL.val(first.publicKey().getEncoded()))
                .whereNotExists(Sql.dsl().selectOne().from(SIGNING_KEY).where(SIGNING_KEY.RETIRED_AT.isNull()))))))
        .compose(inserted -> readAll(pool, box))
        .map(keys -> new SigningKeys(vertx, pool, box, keys));
  }

  /** Adds a key that becomes the current one; the others keep verifying the tokens they signed. */
  public static Future<String> rotate(Pool pool, SecretBox box) {
    SigningKey key = SigningKey.generate();
    return Sql.update(pool, Sql.dsl()
            .insertInto(SIGNING_KEY, SIGNING_KEY.KID, SIGNING_KEY.PRIVATE_KEY_CIPHERTEXT, SIGNING_KEY.PUBLIC_KEY)
            .values(key.kid(), key.sealedPrivateKey(box), key.publicKey().getEncoded()))
        .map(inserted -> key.kid());
  }

  /** Ends a key: the tokens it signed are refused, and it leaves the JWKS. The current key cannot be retired. */
  public static Future<Retirement> retire(Pool pool, String kid) {
    return pool.withTransaction(tx -> lockCreation(tx)
        .compose(locked -> Sql.list(tx, Sql.dsl().select(SIGNING_KEY.KID).from(SIGNING_KEY)
            .where(SIGNING_KEY.RETIRED_AT.isNull())
            .orderBy(SIGNING_KEY.CREATED_AT.desc(), SIGNING_KEY.KID.desc()), row -> row.getString(0)))
        .compose(kids -> {
          if (!kids.contains(kid)) {
            return Future.succeededFuture(Retirement.UNKNOWN);
          }
          if (kids.getFirst().equals(kid)) {
            return Future.succeededFuture(Retirement.CURRENT_KEY);
          }
          return Sql.update(tx, Sql.dsl().update(SIGNING_KEY).set(SIGNING_KEY.RETIRED_AT, DSL.currentOffsetDateTime())
              .where(SIGNING_KEY.KID.eq(kid))).map(Retirement.RETIRED);
        }));
  }

  public String currentKid() {
    return jwt.keys().getFirst().kid();
  }

  /**
   * The public keys as JWKs, newest first: the current one, and each earlier one until the last token
   * it can have signed has expired (a key stops signing when the next one is created).
   */
  public List<JsonObject> published(Duration maxTokenLifetime, Instant now) {
    List<SigningKey> keys = jwt.keys();
    List<JsonObject> published = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (i == 0 || keys.get(i - 1).createdAt().plus(maxTokenLifetime).isAfter(now)) {
        published.add(keys.get(i).jwk());
      }
    }
    return published;
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
        .setAlgorithm(SigningKey.ALGORITHM)
        .setExpiresInSeconds(Math.toIntExact(ttl.toSeconds())));
  }

  /** The claims of a valid token signed by a key not retired; fails for anything else. */
  public Future<JsonObject> verify(String token) {
    return check(token).recover(e -> e instanceof NoSuchKeyIdException
        ? reloadThrottled().compose(reloaded -> check(token))
        : Future.failedFuture(e));
  }

  /** Reads the keys again, so that one added or retired elsewhere takes effect here. */
  public Future<Void> reload() {
    return readAll(pool, box).map(keys -> {
      boolean changed = !kids(keys).equals(kids(jwt.keys()));
      jwt = build(vertx, keys);
      if (changed) {
        generation.incrementAndGet();
      }
      return null;
    });
  }

  /**
   * Counts the changes of the key set (a rotation, a retirement): a signature checked under an earlier
   * generation must be checked again, since its key may be gone.
   */
  public long generation() {
    return generation.get();
  }

  private static List<String> kids(List<SigningKey> keys) {
    return keys.stream().map(SigningKey::kid).toList();
  }

  @Override
  public void close() {
    vertx.cancelTimer(refreshTimer);
  }

  private Future<JsonObject> check(String token) {
    Optional<String> refusal = refusedHeader(token);
    if (refusal.isPresent()) {
      return Future.failedFuture(new IllegalArgumentException(refusal.get()));
    }
    return jwt.verifier().authenticate(new TokenCredentials(token)).compose(user -> {
      JsonObject claims = user.attributes().getJsonObject("accessToken");
      // Every token we sign has both: one without them was not made here.
      return claims != null && claims.getValue("exp") instanceof Number && claims.getValue("iat") instanceof Number
          ? Future.succeededFuture(claims.copy())
          : Future.failedFuture(new IllegalArgumentException("the token has no expiry or issue time"));
    });
  }

  /**
   * RFC 7515 §4.1.11: a recipient must refuse a token whose {@code crit} names an extension it does not
   * understand, and we understand none. vertx-auth-jwt does not look; neither does it pin the algorithm.
   */
  private static Optional<String> refusedHeader(String token) {
    int dot = token.indexOf('.');
    JsonObject header;
    try {
      header = new JsonObject(new String(Base64.getUrlDecoder().decode(dot < 0 ? token : token.substring(0, dot)),
          StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException e) {
      return Optional.of("the token's header is not base64url JSON");
    }
    if (header.containsKey("crit")) {
      return Optional.of("the token names critical header extensions");
    }
    return SigningKey.ALGORITHM.equals(header.getValue("alg"))
        ? Optional.empty()
        : Optional.of("the token is not signed with " + SigningKey.ALGORITHM);
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
    return AdvisoryLock.SIGNING_KEY_CREATION.take(tx);
  }

  private static Future<List<SigningKey>> readAll(Pool pool, SecretBox box) {
    return Sql.list(pool, Sql.dsl()
            .select(SIGNING_KEY.KID, SIGNING_KEY.PRIVATE_KEY_CIPHERTEXT, SIGNING_KEY.PUBLIC_KEY, SIGNING_KEY.CREATED_AT)
            .from(SIGNING_KEY)
            .where(SIGNING_KEY.RETIRED_AT.isNull())
            .orderBy(SIGNING_KEY.CREATED_AT.desc(), SIGNING_KEY.KID.desc()),
        row -> SigningKey.open(box, row.getString(0), row.getBuffer(1).getBytes(), row.getBuffer(2).getBytes(),
            row.getOffsetDateTime(3).withOffsetSameInstant(ZoneOffset.UTC).toInstant()));
  }

  /** Never with no key: a JWTAuth without keys accepts unsigned {@code alg: none} tokens. */
  private static Jwt build(Vertx vertx, List<SigningKey> keys) {
    if (keys.isEmpty()) {
      throw new StartupException("no token signing key is left: run rotate-signing-key");
    }
    JWTAuthOptions all = new JWTAuthOptions();
    keys.forEach(key -> all.addPubSecKey(options(key, key.publicPem())));
    SigningKey current = keys.getFirst();
    return new Jwt(List.copyOf(keys),
        JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(options(current, current.privatePem()))),
        JWTAuth.create(vertx, all));
  }

  private static PubSecKeyOptions options(SigningKey key, String pem) {
    return new PubSecKeyOptions().setAlgorithm(SigningKey.ALGORITHM).setId(key.kid()).setBuffer(Buffer.buffer(pem));
  }
}
