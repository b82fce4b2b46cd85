package dev.rolecall;

import dev.rolecall.accounts.AccountRepository;
import dev.rolecall.accounts.Bootstrap;
import dev.rolecall.audit.AuditPartitions;
import dev.rolecall.auth.AuthServices;
import dev.rolecall.db.Database;
import dev.rolecall.db.Sql;
import dev.rolecall.dialoglogs.DialogLogPartitions;
import dev.rolecall.feed.AccessFeed;
import dev.rolecall.http.ApiVerticle;
import dev.rolecall.ops.ManagementVerticle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running service: its database (embedded when none is configured) migrated, the signing keys
 * and first account in place, and the HTTP verticle listening. Start-up blocks the caller's thread
 * (never an event loop) until the server listens; {@link #close()} undoes it in reverse.
 */
public final class Rolecall implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Rolecall.class);
  private static final Duration PURGE_EVERY = Duration.ofMinutes(10);
  private static final Duration PARTITIONS_EVERY = Duration.ofDays(1);

  private final Database database;
  private final Vertx vertx;
  private final Pool pool;
  private final AuthServices auth;
  private final AccessFeed feed;
  private final ApiVerticle api;
  private final String apiDeployment;
  private final ManagementVerticle management;
  private final Optional<Bootstrap.FirstAdmin> firstAdmin;

  private Rolecall(Database database, Vertx vertx, Pool pool, AuthServices auth, AccessFeed feed, ApiVerticle api,
      String apiDeployment, ManagementVerticle management, Optional<Bootstrap.FirstAdmin> firstAdmin) {
    this.database = database;
    this.vertx = vertx;
    this.pool = pool;
    this.auth = auth;
    this.feed = feed;
    this.api = api;
    this.apiDeployment = apiDeployment;
    this.management = management;
    this.firstAdmin = firstAdmin;
  }

  public static Rolecall start(Config config) {
    Sql.warmUp();
    Database database = Database.open(config);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
            .setEnabled(true)
            .setJvmMetricsEnabled(true)
            .addLabels(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE)))
        .withMetrics(new MicrometerMetricsFactory(metrics))
        .build();
    try {
      Pool pool = pool(vertx, config, database);
      AuthServices auth = await("cannot prepare authentication",
          AuthServices.start(vertx, pool, database.url().connectOptions(), config.auth(), database.isEmbedded(),
              config.dataDir()));
      Optional<Bootstrap.FirstAdmin> firstAdmin = await("cannot create the first account",
          Bootstrap.run(new AccountRepository(pool), auth.hasher(), config.auth()));
      AuditPartitions auditPartitions = new AuditPartitions(pool, config.audit());
      await("cannot prepare the audit log's partitions", auditPartitions.maintain(Instant.now()));
      DialogLogPartitions dialogLogPartitions = new DialogLogPartitions(pool);
      await("cannot create the dialog log partitions", dialogLogPartitions.maintain(Instant.now()));
      AccessFeed feed = await("cannot subscribe to the change feed's announcements",
          AccessFeed.start(vertx, pool, database.url().connectOptions(), config.feed(), Clock.systemUTC()));
      auth.changes().onChange(feed::onIdentityChange);
      // Changes unheard while the subscription was down may include a client's revocation.
      auth.changes().onReset(feed::endStreams);
      ApiVerticle api = new ApiVerticle(config, pool, auth, feed);
      String apiDeployment;
      ManagementVerticle management = new ManagementVerticle(config.management(), metrics);
      try {
        vertx.deployVerticle(management).await();
      } catch (Exception e) {
        throw new StartupException("cannot listen on " + config.management().host() + ":" + config.management().port()
            + " for the management server (" + e.getMessage() + "); set ROLECALL_MANAGEMENT_PORT to a free port", e);
      }
      try {
        apiDeployment = vertx.deployVerticle(api).await();
      } catch (Exception e) { // await() rethrows checked failures too, such as a BindException
        throw listenFailure(config, e);
      }
      vertx.setPeriodic(PURGE_EVERY.toMillis(), timer -> auth.purge()
          .onFailure(e -> LOG.warn("purging expired login failures and revocations failed: {}", e.toString())));
      vertx.setPeriodic(PARTITIONS_EVERY.toMillis(), timer -> auditPartitions.maintain(Instant.now())
          .onFailure(e -> LOG.warn("maintaining the audit log's partitions failed: {}", e.toString())));
      vertx.setPeriodic(PARTITIONS_EVERY.toMillis(), timer -> dialogLogPartitions.maintain(Instant.now())
          .onFailure(e -> LOG.warn("creating the dialog log partitions ahead failed: {}", e.toString())));
      return new Rolecall(database, vertx, pool, auth, feed, api, apiDeployment, management, firstAdmin);
    } catch (RuntimeException e) {
      vertx.close().await();
      database.close();
      throw e;
    }
  }

  public static Pool pool(Vertx vertx, Config config, Database database) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(config.databasePoolSize()).setConnectionTimeout(5))
        .with(new NetClientOptions().setConnectTimeout(5_000))
        .connectingTo(database.url().connectOptions())
        .using(vertx)
        .build();
  }

  public int port() {
    return api.port();
  }

  /** The management server's port: metrics. */
  public int managementPort() {
    return management.port();
  }

  public Vertx vertx() {
    return vertx;
  }

  public Pool pool() {
    return pool;
  }

  public AuthServices auth() {
    return auth;
  }

  public AccessFeed feed() {
    return feed;
  }

  /** The administrator created by this start (the very first one), with a generated password if any. */
  public Optional<Bootstrap.FirstAdmin> firstAdmin() {
    return firstAdmin;
  }

  /** Stops taking requests, lets those in flight finish, closes the pool, then stops the database. */
  @Override
  public void close() {
    try {
      // The API first, so that its requests in flight and its event streams end while the rest still works.
      vertx.undeploy(apiDeployment).await();
      for (String deployment : vertx.deploymentIDs()) {
        vertx.undeploy(deployment).await();
      }
      feed.close();
      auth.close();
      pool.close().await();
      vertx.close().await();
    } catch (RuntimeException e) {
      LOG.warn("shutdown was not clean: {}", e.toString());
    } finally {
      database.close();
    }
  }

  private static <T> T await(String what, Future<T> future) {
    try {
      return future.await();
    } catch (StartupException e) {
      throw e;
    } catch (Exception e) {
      throw new StartupException(what + ": " + e.getMessage(), e);
    }
  }

  private static StartupException listenFailure(Config config, Exception e) {
    Throwable root = StartupException.rootCause(e);
    if (root instanceof BindException) {
      return new StartupException("cannot listen on " + config.httpHost() + ":" + config.httpPort()
          + " (" + root.getMessage() + "); set ROLECALL_HTTP_PORT to a free port", e);
    }
    return new StartupException("cannot start the HTTP server: " + StartupException.rootReason(e), e);
  }
}
