package dev.rolecall.dialoglogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.Rolecall;
import dev.rolecall.auth.Role;
import dev.rolecall.support.Api;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client that leaves in the middle of a large export gives the service its connection back. */
@ExtendWith(VertxExtension.class)
class ExportDisconnectTest {
  private static final int POOL_SIZE = 4;
  private static Rolecall service;
  private static Api api;
  private static String token;
  private static SeedDemo.Seeded seeded;

  @BeforeAll
  static void start(Vertx vertx) {
    service = TestService.start(Map.of("ROLECALL_DATABASE_POOL_SIZE", String.valueOf(POOL_SIZE)));
    api = new Api(vertx, service);
    Fixtures fixtures = new Fixtures(service.pool());
    UUID account = fixtures.account();
    token = api.token(fixtures.login(fixtures.user(account, Role.values())), Fixtures.PASSWORD);
    seeded = SeedDemo.seed(service.pool(), account, 200_000, 1, 30, Instant.now()).await();
  }

  @AfterAll
  static void stop() {
    api.close();
    service.close();
  }

  @Test
  void aClientThatLeavesStopsTheQueryAndFreesTheConnection() throws Exception {
    UUID project = seeded.projectIds().get(0);
    Instant from = seeded.from();
    Instant to = from.plus(seeded.step().multipliedBy(seeded.rowsPerProject()));
    for (int i = 0; i < POOL_SIZE + 2; i++) {
      assertThat(readALittleThenLeave("/api/projects/" + project + "/dialog-logs.csv?from=" + from + "&to=" + to))
          .startsWith("HTTP/1.1 200");
    }

    long deadline = System.currentTimeMillis() + 5_000;
    long busy;
    do {
      Thread.sleep(100);
      busy = exportQueriesInProgress();
    } while (busy > 0 && System.currentTimeMillis() < deadline);

    assertThat(busy).as("export queries active or idle in transaction").isZero();
    for (int i = 0; i < POOL_SIZE * 2; i++) {
      assertThat(api.get("/api/projects/" + project, token).statusCode()).isEqualTo(200);
    }
    assertThat(service.pool().preparedQuery("""
            SELECT count(*) FROM audit_event WHERE action = 'dialog_logs.exported' AND target_id = $1
            AND outcome = 'failed' AND detail LIKE '% after % rows sent, from %'""")
        .execute(Tuple.of(project.toString())).await().iterator().next().getLong(0)).isEqualTo(POOL_SIZE + 2);
  }

  /** Reads the head of the answer and some CSV, then closes the socket with most of the file unread. */
  private static String readALittleThenLeave(String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      socket.setReceiveBufferSize(8192);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] head = new byte[16 * 1024];
      int read = in.readNBytes(head, 0, head.length);
      return new String(head, 0, read, StandardCharsets.ISO_8859_1);
    }
  }

  private static long exportQueriesInProgress() {
    return service.pool().query("""
            SELECT count(*) FROM pg_stat_activity
            WHERE pid <> pg_backend_pid() AND query ILIKE '%from dialog_log %'
            AND state IN ('active', 'idle in transaction')""")
        .execute().await().iterator().next().getLong(0);
  }
}
