package dev.rolecall.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rolecall.Rolecall;
import dev.rolecall.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client that sends nothing, half its headers or half its body does not hold a connection for ever. */
@ExtendWith(VertxExtension.class)
class ConnectionLimitsTest {
  private static final Duration GENEROUS = Duration.ofSeconds(20);
  private static Rolecall service;

  @BeforeAll
  static void start() {
    service = TestService.start(Map.of(
        "ROLECALL_HTTP_IDLE_TIMEOUT", "3s", // above the body timeout, which must answer first
        "ROLECALL_HTTP_BODY_TIMEOUT", "1s",
        "ROLECALL_HTTP_MAX_CONNECTIONS", "4"));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private record Connection(NetSocket socket, AtomicBoolean closed, Buffer received) {
  }

  private static Connection connect(Vertx vertx, NetClient client) {
    NetSocket socket = client.connect(service.port(), "127.0.0.1").await();
    AtomicBoolean closed = new AtomicBoolean();
    Buffer received = Buffer.buffer();
    socket.handler(received::appendBuffer);
    socket.closeHandler(end -> closed.set(true));
    return new Connection(socket, closed, received);
  }

  @Test
  void aConnectionThatSendsNothingOrHalfItsHeadersIsClosed(Vertx vertx) {
    NetClient client = vertx.createNetClient();
    try {
      Connection silent = connect(vertx, client);
      Connection half = connect(vertx, client);
      half.socket().write("GET /health/live HTTP/1.1\r\nHost: x\r\n");
      await().atMost(GENEROUS).untilAsserted(() -> {
        assertThat(silent.closed()).isTrue();
        assertThat(half.closed()).isTrue();
      });
    } finally {
      client.close();
    }
  }

  @Test
  void aBodyThatDoesNotArriveIsATimeout(Vertx vertx) {
    NetClient client = vertx.createNetClient();
    try {
      Connection slow = connect(vertx, client);
      slow.socket().write("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100\r\n\r\n{\"login\":");
      await().atMost(GENEROUS).untilAsserted(() -> assertThat(slow.closed()).isTrue());
      String answer = slow.received().toString(StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json");
    } finally {
      client.close();
    }
  }

  @Test
  void connectionsAboveTheLimitAreClosedAndTheServiceStillAnswersAfterwards(Vertx vertx) {
    NetClient client = vertx.createNetClient();
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        held.add(connect(vertx, client));
      }
      Connection over = connect(vertx, client);
      await().atMost(GENEROUS).untilAsserted(() -> assertThat(over.closed()).isTrue());
      held.forEach(connection -> connection.socket().close());
      await().atMost(GENEROUS).untilAsserted(() -> {
        Connection next = connect(vertx, client);
        next.socket().write("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> next.received().length() > 0 || next.closed().get());
        assertThat(next.received().toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200");
        next.socket().close();
      });
    } finally {
      client.close();
    }
  }
}
