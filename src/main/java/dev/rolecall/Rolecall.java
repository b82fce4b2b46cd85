package dev.rolecall;

import dev.rolecall.db.DatabaseUrl;
import dev.rolecall.db.EmbeddedDatabase;
import dev.rolecall.db.Migrations;
import dev.rolecall.http.ApiVerticle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running service: its database (embedded when none is configured), the migrations applied, and
 * the HTTP verticle listening. Start-up is blocking and runs on the caller's thread, before any
 * request is taken; {@link #close()} undoes it in reverse.
 */
public final class Rolecall implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Rolecall.class);

  private final Optional<EmbeddedDatabase> embedded;
  private final Vertx vertx;
  private final Pool pool;
  private final ApiVerticle api;

  private Rolecall(Optional<EmbeddedDatabase> embedded, Vertx vertx, Pool pool, ApiVerticle api) {
    this.embedded = embedded;
    this.vertx = vertx;
    this.pool = pool;
    this.api = api;
  }

  public static Rolecall start(Config config) {
    Optional<EmbeddedDatabase> embedded = config.databaseUrl().isPresent()
        ? Optional.empty()
        : Optional.of(EmbeddedDatabase.start(config.dataDir()));
    try {
      DatabaseUrl url = config.databaseUrl().orElseGet(() -> embedded.orElseThrow().url());
      migrate(url);
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      Vertx vertx = Vertx.builder()
          .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
              .setEnabled(true)
              .setJvmMetricsEnabled(true)
              .addLabels(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE)))
          .withMetrics(new MicrometerMetricsFactory(metrics))
          .build();
      Pool pool = PgBuilder.pool()
          .with(new PoolOptions().setMaxSize(config.databasePoolSize()).setConnectionTimeout(5))
          .with(new NetClientOptions().setConnectTimeout(5_000))
          .connectingTo(url.connectOptions())
          .using(vertx)
          .build();
      ApiVerticle api = new ApiVerticle(config, pool, metrics);
      try {
        vertx.deployVerticle(api).await();
      } catch (Exception e) { // await() rethrows checked failures too, such as a BindException
        vertx.close().await();
        throw listenFailure(config, e);
      }
      return new Rolecall(embedded, vertx, pool, api);
    } catch (RuntimeException e) {
      embedded.ifPresent(EmbeddedDatabase::close);
      throw e;
    }
  }

  public int port() {
    return api.port();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Stops taking requests, lets those in flight finish, closes the pool, then stops the database. */
  @Override
  public void close() {
    try {
      vertx.undeploy(vertx.deploymentIDs().iterator().next()).await();
      pool.close().await();
      vertx.close().await();
    } catch (RuntimeException e) {
      LOG.warn("shutdown was not clean: {}", e.toString());
    } finally {
      embedded.ifPresent(EmbeddedDatabase::close);
    }
  }

  private static void migrate(DatabaseUrl url) {
    try {
      Migrations.apply(url);
    } catch (FlywayException e) {
      throw new StartupException("cannot prepare the database at " + url + ": " + firstLine(rootCause(e)), e);
    }
  }

  private static StartupException listenFailure(Config config, Exception e) {
    Throwable root = rootCause(e);
    if (root instanceof BindException) {
      return new StartupException("cannot listen on " + config.httpHost() + ":" + config.httpPort()
          + " (" + root.getMessage() + "); set ROLECALL_HTTP_PORT to a free port", e);
    }
    return new StartupException("cannot start the HTTP server: " + firstLine(root), e);
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
