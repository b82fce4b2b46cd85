package dev.rolecall.auth;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** The parts of authentication that live as long as the service: keys, hashing, throttling. */
public record AuthServices(
    SigningKeys keys, Tokens tokens, PasswordHasher hasher, LoginThrottle throttle, IdentityRepository identities,
    RefreshTokens refreshTokens, Grants grants, IdentityChanges changes, IdentityCache identityCache,
    Duration identityCacheTtl, SecretBox secretBox) {

  /**
   * Loads (or creates once) the signing keys and starts hearing identity changes; run at start-up, before
   * the server listens.
   */
  public static Future<AuthServices> start(Vertx vertx, Pool pool, PgConnectOptions database, AuthConfig config,
      boolean embedded, Path dataDir) {
    SecretBox box = new SecretBox(SecretsKey.resolve(config.secretsKey(), embedded, dataDir));
    Future<IdentityChanges> changes = IdentityChanges.start(vertx, database, pool);
    return Future.all(SigningKeys.load(vertx, pool, box), changes).map(started -> {
      SigningKeys keys = started.resultAt(0);
      Tokens tokens = new Tokens(keys, config.accessTokenTtl(), config.issuer());
      RefreshTokens refreshTokens = new RefreshTokens(pool, config.refreshTokenTtl(), Clock.systemUTC());
      IdentityRepository identities = new IdentityRepository(pool);
      return new AuthServices(keys, tokens,
          new PasswordHasher(vertx, config.hashWorkers(), config.hashQueue()),
          new LoginThrottle(vertx, pool, config.throttle()),
          identities,
          refreshTokens,
          new Grants(tokens, refreshTokens, config.issuer()),
          changes.result(),
          new IdentityCache(identities, changes.result(), config.identityCacheTtl(), Ticker.systemTicker()),
          config.identityCacheTtl(),
          box);
    });
  }

  /** Forgets what no longer matters: old login failures, revocations of tokens since expired, old refresh tokens. */
  public Future<Void> purge() {
    return throttle.purgeExpired().compose(n -> identities.purgeExpiredRevocations())
        .compose(n -> refreshTokens.purgeExpired()).mapEmpty();
  }

  public void close() {
    changes.close();
    keys.close();
    hasher.close();
  }
}
