package dev.rolecall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.Rolecall;
import dev.rolecall.auth.AuthConfig;
import dev.rolecall.auth.PasswordHasher;
import dev.rolecall.db.DatabaseUrl;
import dev.rolecall.db.Migrations;
import dev.rolecall.support.Api;
import dev.rolecall.support.TestDatabase;
import dev.rolecall.support.TestService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The first start on an empty database creates the first account and its ADMIN; later starts create nothing. */
@ExtendWith(VertxExtension.class)
class BootstrapTest {
  private static final String CONFIGURED_PASSWORD = "the configured admin password";
  private static final List<String> DATABASES = new ArrayList<>();

  private static Vertx vertx;
  private static Pool admin;

  @BeforeAll
  static void connect(Vertx v) {
    vertx = v;
    admin = PgBuilder.pool().connectingTo(TestDatabase.url().connectOptions()).using(vertx).build();
  }

  @AfterAll
  static void dropDatabases() {
    DATABASES.forEach(name -> admin.query("DROP DATABASE " + name + " WITH (FORCE)").execute().await());
    admin.close().await();
  }

  @Test
  void withoutAConfiguredPasswordTheFirstAdminGetsAGeneratedTemporaryOne() {
    DatabaseUrl database = freshDatabase();
    Map<String, String> env = Map.of("ROLECALL_ADMIN_LOGIN", "root@boot.example", "ROLECALL_ADMIN_PASSWORD", "");
    String generated;

    try (Rolecall first = TestService.start(database, env); Api api = new Api(vertx, first)) {
      Bootstrap.FirstAdmin created = first.firstAdmin().orElseThrow();
      assertThat(created.login()).isEqualTo("root@boot.example");
      generated = created.generatedPassword().orElseThrow();
      assertThat(generated).hasSize(20);
      assertThat(count(first, "account")).isEqualTo(1);
      assertThat(count(first, "app_user")).isEqualTo(1);
      HttpResponse<Buffer> login = api.login("root@boot.example", generated);
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(login.bodyAsJsonObject().getBoolean("passwordChangeRequired")).isTrue();
      JsonObject me = api.get("/api/me", login.bodyAsJsonObject().getString("accessToken")).bodyAsJsonObject();
      assertThat(me.getJsonArray("roles")).containsExactly("ADMIN");
    }

    try (Rolecall second = TestService.start(database, Map.of("ROLECALL_ADMIN_LOGIN", "other@boot.example",
        "ROLECALL_ADMIN_PASSWORD", "")); Api api = new Api(vertx, second)) {
      assertThat(second.firstAdmin()).isEmpty();
      assertThat(count(second, "account")).isEqualTo(1);
      assertThat(count(second, "app_user")).isEqualTo(1);
      assertThat(api.login("root@boot.example", generated).bodyAsJsonObject().getBoolean("passwordChangeRequired"))
          .isTrue();
    }
  }

  @Test
  void aConfiguredPasswordIsNotTemporaryAndTheLoginDefaults() {
    DatabaseUrl database = freshDatabase();

    try (Rolecall service = TestService.start(database, Map.of("ROLECALL_ADMIN_PASSWORD", CONFIGURED_PASSWORD));
        Api api = new Api(vertx, service)) {
      assertThat(service.firstAdmin()).contains(new Bootstrap.FirstAdmin(Bootstrap.DEFAULT_ADMIN_LOGIN, Optional.empty()));
      HttpResponse<Buffer> login = api.login(Bootstrap.DEFAULT_ADMIN_LOGIN, CONFIGURED_PASSWORD);
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(login.bodyAsJsonObject().getBoolean("passwordChangeRequired")).isFalse();
    }
  }

  @Test
  void aWeakConfiguredPasswordStopsTheFirstStartAndCreatesNothing() {
    DatabaseUrl database = freshDatabase();
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            TestService.start(database, Map.of("ROLECALL_ADMIN_PASSWORD", "password1234")).close())
        .isInstanceOf(dev.rolecall.StartupException.class)
        .hasMessageStartingWith("ROLECALL_ADMIN_PASSWORD is too easy to guess");
    try (Rolecall later = TestService.start(database, Map.of("ROLECALL_ADMIN_PASSWORD", CONFIGURED_PASSWORD))) {
      assertThat(count(later, "account")).isEqualTo(1);
      assertThat(later.firstAdmin()).isPresent();
    }
  }

  @Test
  void instancesBootstrappingTogetherCreateOneAccount() {
    DatabaseUrl database = freshDatabase();
    Migrations.apply(database);
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
        .connectingTo(database.connectOptions()).using(vertx).build();
    PasswordHasher hasher = new PasswordHasher(vertx, 4, 0);
    AuthConfig config = AuthConfig.fromEnvironment(Map.of());

    // Each finds no account yet, so each goes on to create the first one.
    List<Future<Optional<Bootstrap.FirstAdmin>>> runs = IntStream.range(0, 4)
        .mapToObj(i -> Bootstrap.run(new AccountRepository(pool), hasher, config)).toList();
    List<Optional<Bootstrap.FirstAdmin>> created = Future.all(runs).await().list();

    assertThat(created).filteredOn(Optional::isPresent).hasSize(1);
    assertThat(pool.query("SELECT count(*) FROM account").execute().await().iterator().next().getLong(0))
        .isEqualTo(1);
    hasher.close().await();
    pool.close().await();
  }

  private static long count(Rolecall service, String table) {
    return service.pool().query("SELECT count(*) FROM " + table).execute().await().iterator().next().getLong(0);
  }

  /** An empty database on the test server; the service migrates it at start. */
  private static DatabaseUrl freshDatabase() {
    DatabaseUrl shared = TestDatabase.url();
    String name = "boot_" + UUID.randomUUID().toString().replace("-", "");
    admin.query("CREATE DATABASE " + name).execute().await();
    DATABASES.add(name);
    return new DatabaseUrl(shared.host(), shared.port(), name, shared.user(), shared.password());
  }
}
