package dev.rolecall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.support.ServiceProcess;
import dev.rolecall.support.TestDatabase;
import dev.rolecall.support.TestService;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service as a process: start-up failures, SIGTERM, and a restart after kill -9. */
class MainTest {
  private static final Duration START = Duration.ofSeconds(90);

  @Test
  void anUnparsablePortEndsStartUpWithOneClearLine() throws InterruptedException {
    try (ServiceProcess service = ServiceProcess.start(Map.of("ROLECALL_HTTP_PORT", "eighty"))) {
      assertThat(service.awaitExit(START)).isEqualTo(1);
      assertOneClearLine(service, "rolecall: ROLECALL_HTTP_PORT must be a whole number, got 'eighty'");
    }
  }

  @Test
  void anUnparsableDatabaseUrlEndsStartUpWithOneClearLine() throws InterruptedException {
    try (ServiceProcess service = ServiceProcess.start(Map.of("ROLECALL_DATABASE_URL", "mysql:/nowhere"))) {
      assertThat(service.awaitExit(START)).isEqualTo(1);
      assertOneClearLine(service, "rolecall: ROLECALL_DATABASE_URL is not a postgresql://");
    }
  }

  @Test
  void anUnreachableDatabaseEndsStartUpWithOneClearLine() throws Exception {
    int closedPort = freePort();
    try (ServiceProcess service = ServiceProcess.start(Map.of(
        "ROLECALL_DATABASE_URL", "postgresql://rolecall:secret@127.0.0.1:" + closedPort + "/rolecall"))) {
      assertThat(service.awaitExit(START)).isEqualTo(1);
      assertOneClearLine(service, "rolecall: cannot prepare the database at postgresql://rolecall@127.0.0.1:" + closedPort);
      assertThat(String.join("\n", service.stderr()) + service.stdout()).doesNotContain("secret");
    }
  }

  @Test
  void aPortInUseEndsStartUpWithOneClearLine() throws Exception {
    String database = TestDatabase.operatorUrl();
    try (ServerSocket taken = new ServerSocket(0);
        ServiceProcess service = ServiceProcess.start(Map.of(
            "ROLECALL_HTTP_PORT", String.valueOf(taken.getLocalPort()),
            "ROLECALL_SECRETS_KEY", TestService.SECRETS_KEY,
            "ROLECALL_DATABASE_URL", database))) {
      assertThat(service.awaitExit(START)).isEqualTo(1);
      assertOneClearLine(service, "rolecall: cannot listen on 0.0.0.0:" + taken.getLocalPort());
    }
  }

  @Test
  void survivesAKillAndStopsCleanlyOnSigterm() throws Exception {
    Path dataDir = TestDatabase.tempDir("rolecall-kill");
    Map<String, String> env = Map.of("ROLECALL_DATA_DIR", dataDir.toString(), "ROLECALL_HTTP_PORT", "0");

    try (ServiceProcess first = ServiceProcess.start(env)) {
      assertThat(ready(first.awaitListening(START))).isEqualTo(200);
      first.kill();
    }
    assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid")))
        .as("the killed service's PostgreSQL is still running").isTrue();

    try (ServiceProcess second = ServiceProcess.start(env)) {
      assertThat(ready(second.awaitListening(START))).isEqualTo(200);
      second.terminate();
      assertThat(second.awaitExit(START)).isIn(0, 143);
      assertThat(second.stdout()).anyMatch(line -> line.endsWith("Main - stopped"));
    }
    assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid")))
        .as("SIGTERM stops the embedded PostgreSQL too").isFalse();
  }

  private static void assertOneClearLine(ServiceProcess service, String expectedStart) {
    assertThat(service.stderr()).anySatisfy(line -> assertThat(line).startsWith(expectedStart));
    assertThat(service.stderr()).noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by"));
    assertThat(service.stdout()).noneMatch(line -> line.startsWith("\tat "));
  }

  private static int ready(int port) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
