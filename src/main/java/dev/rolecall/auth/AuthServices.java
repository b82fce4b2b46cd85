package dev.rolecall.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Clock;

/** The parts of authentication that live as long as the service: keys, hashing, throttling. */
public record AuthServices(
    SigningKeys keys, Tokens tokens, PasswordHasher hasher, LoginThrottle throttle, IdentityRepository identities,
    RefreshTokens refreshTokens, Grants grants) {

  /** Loads (or creates once) the signing keys; run at start-up, before the server listens. */
  public static Future<AuthServices> start(Vertx vertx, Pool pool, AuthConfig config, boolean embedded, Path dataDir) {
    SecretBox box = new SecretBox(SecretsKey.resolve(config.secretsKey(), embedded, dataDir));
    return SigningKeys.load(vertx, pool, box).map(keys -> {
      Tokens tokens = new Tokens(keys, config.accessTokenTtl(), config.issuer());
      RefreshTokens refreshTokens = new RefreshTokens(pool, config.refreshTokenTtl(), Clock.systemUTC());
      return new AuthServices(keys, tokens,
          new PasswordHasher(vertx, config.hashWorkers(), config.hashQueue()),
          new LoginThrottle(pool, config.throttle()),
          new IdentityRepository(pool),
          refreshTokens,
          new Grants(tokens, refreshTokens, config.issuer()));
    });
  }

  /** Forgets what no longer matters: old login failures, revocations of tokens since expired, old refresh tokens. */
  public Future<Void> purge() {
    return throttle.purgeExpired().compose(n -> identities.purgeExpiredRevocations())
        .compose(n -> refreshTokens.purgeExpired()).mapEmpty();
  }

  public void close() {
    keys.close();
    hasher.close();
  }
}
