package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolecall.StartupException;
import dev.rolecall.db.DatabaseUrl;
import dev.rolecall.db.Migrations;
import dev.rolecall.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each scenario gets a database of its own: the keys here are sealed with a throwaway secrets key,
 * which other tests sharing the JVM's database could not open.
 */
class SigningKeysTest {
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final JsonObject CLAIMS = new JsonObject().put("sub", "user-1").put("acc", "account-1");
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final List<String> DATABASES = new ArrayList<>();
  private static final List<Pool> POOLS = new ArrayList<>();

  private static Vertx vertx;
  private static SecretBox box;
  private static SigningKeys keys;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    box = new SecretBox(randomBytes(32));
    keys = SigningKeys.load(vertx, pool(freshDatabase()), box).await();
  }

  @AfterAll
  static void stop() {
    keys.close();
    POOLS.forEach(pool -> pool.close().await());
    Pool admin = pool(TestDatabase.url());
    DATABASES.forEach(name -> admin.query("DROP DATABASE " + name + " WITH (FORCE)").execute().await());
    admin.close().await();
    vertx.close().await();
  }

  @Test
  void aSignedTokenVerifiesToItsClaims() {
    String token = keys.sign(CLAIMS, TTL);

    JsonObject claims = keys.verify(token).await();

    assertThat(claims.getString("sub")).isEqualTo("user-1");
    assertThat(claims.getString("acc")).isEqualTo("account-1");
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(TTL.toSeconds());
    assertThat(header(token).getString("kid")).isEqualTo(keys.currentKid());
    assertThat(header(token).getString("alg")).isEqualTo("ES256");
  }

  @Test
  void anExpiredTokenIsRefused() throws InterruptedException {
    String token = keys.sign(CLAIMS, Duration.ofSeconds(1));
    Thread.sleep(2_100);

    assertRefused(token);
  }

  @Test
  void forgedAndMalformedTokensAreRefused() {
    String[] parts = keys.sign(CLAIMS, TTL).split("\\.");
    String payload = encode(CLAIMS.copy().put("sub", "admin").put("exp", epochSeconds() + 300));

    assertRefused(parts[0] + "." + payload + "." + parts[2]);
    assertRefused(parts[0] + "." + parts[1] + ".");
    assertRefused(encode(new JsonObject().put("alg", "none").put("typ", "JWT")) + "." + payload + ".");
    assertRefused(encode(new JsonObject().put("alg", "none").put("kid", keys.currentKid())) + "." + payload + ".");
    assertRefused(encode(new JsonObject().put("alg", "none")) + "." + payload + "." + parts[2]);
    assertRefused("not-a-token");
    assertRefused("a.b.c");
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefusedWhateverItsKid() {
    assertRefused(foreignToken(keys.currentKid()));
    assertRefused(foreignToken("unknown-kid"));
    assertRefused(foreignToken(null));
  }

  @Test
  void aRotationSignsWithTheNewKeyAndKeepsOlderTokensValid() {
    Pool pool = pool(freshDatabase());
    SigningKeys first = SigningKeys.load(vertx, pool, box).await();
    SigningKeys second = SigningKeys.load(vertx, pool, box).await();
    String oldKid = first.currentKid();
    String oldToken = first.sign(CLAIMS, TTL);

    String newKid = SigningKeys.rotate(pool, box).await();
    first.reload().await();
    String newToken = first.sign(CLAIMS, TTL);

    assertThat(newKid).isNotEqualTo(oldKid);
    assertThat(header(newToken).getString("kid")).isEqualTo(newKid);
    assertThat(first.verify(oldToken).await().getString("sub")).isEqualTo("user-1");
    assertThat(first.verify(newToken).await().getString("sub")).isEqualTo("user-1");
    // Loaded before the rotation: meeting the new kid makes it reload.
    assertThat(second.verify(newToken).await().getString("sub")).isEqualTo("user-1");
    assertThat(second.currentKid()).isEqualTo(newKid);
    assertThat(second.verify(oldToken).await().getString("sub")).isEqualTo("user-1");
    SigningKeys third = SigningKeys.load(vertx, pool, box).await();
    assertThat(third.currentKid()).isEqualTo(newKid);
    assertThat(third.verify(oldToken).await().getString("sub")).isEqualTo("user-1");
    List.of(first, second, third).forEach(SigningKeys::close);
  }

  @Test
  void aCriticalHeaderExtensionOrAnotherAlgorithmIsRefused() throws Exception {
    Pool pool = pool(freshDatabase());
    SigningKeys loaded = SigningKeys.load(vertx, pool, box).await();
    SigningKey key = storedKeys(pool).getFirst();
    JsonObject payload = CLAIMS.copy().put("iat", epochSeconds()).put("exp", epochSeconds() + 300);
    JsonObject header = new JsonObject().put("alg", "ES256").put("typ", "JWT").put("kid", key.kid());

    assertThat(loaded.verify(signed(key, header, payload)).await().getString("sub")).as("the control").isEqualTo("user-1");
    assertThatThrownBy(() -> loaded.verify(signed(key, header.copy().put("crit", new JsonArray().add("urn:x"))
        .put("urn:x", true), payload)).await()).hasMessageContaining("critical");
    assertThatThrownBy(() -> loaded.verify(signed(key, header.copy().put("alg", "ES384"), payload)).await())
        .hasMessageContaining("ES256");
    loaded.close();
  }

  @Test
  void aRetiredKeyVerifiesNothingAndTheCurrentOneCannotBeRetired() {
    Pool pool = pool(freshDatabase());
    SigningKeys loaded = SigningKeys.load(vertx, pool, box).await();
    String oldKid = loaded.currentKid();
    String oldToken = loaded.sign(CLAIMS, TTL);
    String newKid = SigningKeys.rotate(pool, box).await();

    assertThat(SigningKeys.retire(pool, newKid).await()).isEqualTo(SigningKeys.Retirement.CURRENT_KEY);
    assertThat(SigningKeys.retire(pool, "no-such-kid").await()).isEqualTo(SigningKeys.Retirement.UNKNOWN);
    assertThat(SigningKeys.retire(pool, oldKid).await()).isEqualTo(SigningKeys.Retirement.RETIRED);
    assertThat(SigningKeys.retire(pool, oldKid).await()).isEqualTo(SigningKeys.Retirement.UNKNOWN);
    loaded.reload().await();

    assertThatThrownBy(() -> loaded.verify(oldToken).await()).isNotNull();
    assertThat(loaded.currentKid()).isEqualTo(newKid);
    assertThat(loaded.published(TTL, Instant.now())).extracting(jwk -> jwk.getString("kid")).containsExactly(newKid);
    loaded.close();
  }

  @Test
  void theKeySetKeepsAnEarlierKeyUntilTheLastTokenItSignedHasExpired() {
    Pool pool = pool(freshDatabase());
    SigningKeys loaded = SigningKeys.load(vertx, pool, box).await();
    String oldKid = loaded.currentKid();
    String newKid = SigningKeys.rotate(pool, box).await();
    loaded.reload().await();

    assertThat(loaded.published(TTL, Instant.now())).extracting(jwk -> jwk.getString("kid"))
        .containsExactly(newKid, oldKid);
    assertThat(loaded.published(TTL, Instant.now().plus(TTL).plusSeconds(5))).extracting(jwk -> jwk.getString("kid"))
        .containsExactly(newKid);
    assertThat(loaded.published(TTL, Instant.now()).getFirst().fieldNames())
        .containsExactlyInAnyOrder("kty", "crv", "kid", "use", "alg", "x", "y");
    loaded.close();
  }

  @Test
  void instancesStartingTogetherCreateExactlyOneKey() {
    DatabaseUrl database = freshDatabase();
    List<Future<SigningKeys>> loads = IntStream.range(0, 4)
        .mapToObj(i -> SigningKeys.load(vertx, pool(database), box)).toList();
    List<SigningKeys> loaded = Future.all(loads).await().list();

    long stored = pool(database).query("SELECT count(*) FROM signing_key").execute().await()
        .iterator().next().getLong(0);
    assertThat(stored).isEqualTo(1);
    assertThat(loaded).extracting(SigningKeys::currentKid).containsOnly(loaded.getFirst().currentKid());
    assertThat(loaded.getLast().verify(loaded.getFirst().sign(CLAIMS, TTL)).await()).isNotNull();
    loaded.forEach(SigningKeys::close);
  }

  @Test
  void anotherSecretsKeyCannotOpenTheStoredKeys() {
    Pool pool = pool(freshDatabase());
    SigningKeys.load(vertx, pool, box).await().close();

    assertThatThrownBy(() -> SigningKeys.load(vertx, pool, new SecretBox(randomBytes(32))).await())
        .isInstanceOf(StartupException.class)
        .hasMessage("cannot decrypt the signing keys: ROLECALL_SECRETS_KEY is not the key they were stored with");
  }

  @Test
  void aSecretBoxOpensOnlyWithItsKeyAndContext() {
    byte[] secret = "a small secret".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = box.seal(secret, "kid-1");

    assertThat(box.open(sealed, "kid-1")).isEqualTo(secret);
    assertThat(box.seal(secret, "kid-1")).isNotEqualTo(sealed);
    assertThatThrownBy(() -> new SecretBox(randomBytes(32)).open(sealed, "kid-1"))
        .isInstanceOf(SecretBox.CannotOpen.class);
    assertThatThrownBy(() -> box.open(sealed, "kid-2")).isInstanceOf(SecretBox.CannotOpen.class);
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> box.open(sealed, "kid-1")).isInstanceOf(SecretBox.CannotOpen.class);
  }

  @Test
  void theEmbeddedRunKeepsAGeneratedSecretsKeyReadableByItsOwnerOnly(@TempDir Path dataDir) throws Exception {
    byte[] generated = SecretsKey.resolve(Optional.empty(), true, dataDir);
    Path file = dataDir.resolve("secrets.key");

    assertThat(generated).hasSize(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(SecretsKey.resolve(Optional.empty(), true, dataDir)).isEqualTo(generated);
    try (var files = Files.list(dataDir)) {
      assertThat(files.toList()).containsExactly(file);
    }
  }

  @Test
  void aConfiguredSecretsKeyWinsAndAnExternalDatabaseNeedsOne(@TempDir Path dataDir) {
    byte[] configured = randomBytes(32);

    assertThat(SecretsKey.resolve(Optional.of(configured), true, dataDir)).isEqualTo(configured);
    assertThat(dataDir.resolve("secrets.key")).doesNotExist();
    assertThatThrownBy(() -> SecretsKey.resolve(Optional.empty(), false, dataDir))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith("set ROLECALL_SECRETS_KEY (32 bytes, base64: openssl rand -base64 32)");
  }

  private static void assertRefused(String token) {
    assertThatThrownBy(() -> keys.verify(token).await()).as("verifying %s", token).isNotNull();
  }

  private static List<SigningKey> storedKeys(Pool pool) {
    List<SigningKey> keys = new ArrayList<>();
    pool.query("SELECT kid, private_key_ciphertext, public_key, created_at FROM signing_key ORDER BY created_at DESC")
        .execute().await().forEach(row -> keys.add(SigningKey.open(box, row.getString(0), row.getBuffer(1).getBytes(),
            row.getBuffer(2).getBytes(), row.getOffsetDateTime(3).toInstant())));
    return keys;
  }

  /** A token signed by hand with the key, whatever its header says: what a holder of the key could make. */
  private static String signed(SigningKey key, JsonObject header, JsonObject payload) throws Exception {
    String input = encode(header) + "." + encode(payload);
    Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
    signature.initSign(key.privateKey());
    signature.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + B64URL.encodeToString(signature.sign());
  }

  private static String foreignToken(String kid) {
    JWTAuth foreign = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm("HS256").setId(kid).setBuffer(Buffer.buffer(randomBytes(32)))));
    return foreign.generateToken(CLAIMS, new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(300));
  }

  private static JsonObject header(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
  }

  private static String encode(JsonObject json) {
    return B64URL.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static long epochSeconds() {
    return System.currentTimeMillis() / 1000;
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static DatabaseUrl freshDatabase() {
    DatabaseUrl shared = TestDatabase.url();
    String name = "keys_" + UUID.randomUUID().toString().replace("-", "");
    Pool admin = pool(shared);
    admin.query("CREATE DATABASE " + name).execute().await();
    DATABASES.add(name);
    DatabaseUrl fresh = new DatabaseUrl(shared.host(), shared.port(), name, shared.user(), shared.password());
    Migrations.apply(fresh);
    return fresh;
  }

  private static Pool pool(DatabaseUrl url) {
    Pool pool = PgBuilder.pool().connectingTo(url.connectOptions()).using(vertx).build();
    POOLS.add(pool);
    return pool;
  }
}
