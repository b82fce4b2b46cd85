package dev.rolecall.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;

/** The parts of authentication that live as long as the service: keys, hashing, throttling. */
public record AuthServices(
    SigningKeys keys, Tokens tokens, PasswordHasher hasher, LoginThrottle throttle, IdentityRepository identities) {

  /** Loads (or creates once) the signing keys; run at start-up, before the server listens. */
  public static Future<AuthServices> start(Vertx vertx, Pool pool, AuthConfig config, boolean embedded, Path dataDir) {
    SecretBox box = new SecretBox(SecretsKey.resolve(config.secretsKey(), embedded, dataDir));
    return SigningKeys.load(vertx, pool, box).map(keys -> new AuthServices(
        keys,
        new Tokens(keys, config.tokenTtl()),
        new PasswordHasher(vertx, config.hashWorkers(), config.hashQueue()),
        new LoginThrottle(pool, config.throttle()),
        new IdentityRepository(pool)));
  }

  /** Forgets what no longer matters: old login failures and revocations of tokens since expired. */
  public Future<Void> purge() {
    return throttle.purgeExpired().compose(n -> identities.purgeExpiredRevocations()).mapEmpty();
  }

  public void close() {
    keys.close();
    hasher.close();
  }
}
