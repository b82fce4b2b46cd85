package dev.rolecall.bench;

import dev.rolecall.db.DatabaseUrl;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceProcess;
import dev.rolecall.support.TestDatabase;
import dev.rolecall.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rolecall as an operator runs it, for the HTTP benchmarks: instances in JVMs of their own (so that the
 * load driver's JVM is not theirs) over one embedded PostgreSQL that this JVM starts, and a pool of the
 * driver's own to write fixtures straight into the database.
 */
final class BenchInstances implements AutoCloseable {
  static final String ADMIN_LOGIN = "admin@rolecall.local";

  private final DatabaseUrl database = TestDatabase.url();
  private final Vertx vertx = Vertx.vertx();
  private final Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
      .connectingTo(database.connectOptions()).using(vertx).build();
  private final List<ServiceProcess> processes = new ArrayList<>();

  /** Starts one more instance with these settings over the shared database; answers its port. */
  int start(Map<String, String> settings) throws InterruptedException {
    Map<String, String> env = new HashMap<>(TestService.environment(settings));
    env.put("ROLECALL_DATABASE_URL", url(database));
    env.put("ROLECALL_DATABASE_POOL_SIZE", settings.getOrDefault("ROLECALL_DATABASE_POOL_SIZE", "8"));
    ServiceProcess process = ServiceProcess.start(env);
    processes.add(process);
    // A benchmark stopped by a signal leaves no instance behind.
    Runtime.getRuntime().addShutdownHook(new Thread(process::close, "instance-stop"));
    return process.awaitListening(Duration.ofMinutes(2));
  }

  /** A command of the jar ({@code java -jar rolecall.jar ARGS}) against the shared database; answers its output. */
  String command(String... args) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> line = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "dev.rolecall.Main"));
    line.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("ROLECALL_"));
    builder.environment().putAll(TestService.environment(Map.of()));
    builder.environment().put("ROLECALL_DATABASE_URL", url(database));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", args) + " exited with " + process.exitValue() + ": " + output);
    }
    return output;
  }

  record ServiceClient(String clientId, String secret) {
    String basic() {
      return "Basic " + java.util.Base64.getEncoder()
          .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A service client of every account, as {@code create-service-client --all-accounts --json} makes one. */
  ServiceClient serviceClient(String name) throws Exception {
    String output = command("create-service-client", "--name", name, "--all-accounts", "--json");
    String json = output.lines().filter(l -> l.startsWith("{")).reduce((x, y) -> y)
        .orElseThrow(() -> new IllegalStateException("create-service-client printed no JSON: " + output));
    io.vertx.core.json.JsonObject client = new io.vertx.core.json.JsonObject(json);
    return new ServiceClient(client.getString("clientId"), client.getString("secret"));
  }

  Pool pool() {
    return pool;
  }

  Vertx vertx() {
    return vertx;
  }

  Fixtures fixtures() {
    return new Fixtures(pool);
  }

  static String adminPassword() {
    return TestService.environment(Map.of()).get("ROLECALL_ADMIN_PASSWORD");
  }

  /** The account of the first ADMIN, which the first instance created. */
  UUID adminAccount() {
    return pool.preparedQuery("SELECT account_id FROM app_user WHERE login = $1").execute(Tuple.of(ADMIN_LOGIN))
        .await().iterator().next().getUUID(0);
  }

  private static String url(DatabaseUrl url) {
    String password = url.password() == null ? ""
        : ":" + URLEncoder.encode(url.password(), StandardCharsets.UTF_8);
    return "postgresql://" + URLEncoder.encode(url.user(), StandardCharsets.UTF_8) + password + "@" + url.host() + ":"
        + url.port() + "/" + url.database();
  }

  @Override
  public void close() {
    processes.forEach(ServiceProcess::close);
    pool.close().await();
    vertx.close().await();
  }
}
