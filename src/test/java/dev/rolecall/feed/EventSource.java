package dev.rolecall.feed;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Server-Sent Events client as a service would run one: it parses the stream into events and keeps the
 * last event id (also moved by id-only messages), to resume with after a disconnection.
 */
final class EventSource implements AutoCloseable {
  record Event(long id, String kind, JsonObject data) {
  }

  private final HttpClient client;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final StringBuilder pending = new StringBuilder();
  private volatile int status;
  private volatile String contentType;
  private volatile String body = "";
  private volatile boolean ended;
  private volatile boolean failed;
  private volatile long lastEventId = -1;

  private EventSource(Vertx vertx) {
    this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1"));
  }

  /** Connects with the given {@code Authorization}, and {@code Last-Event-ID} unless negative. */
  static EventSource open(Vertx vertx, int port, String authorization, String pathAndQuery, long lastEventId) {
    EventSource source = new EventSource(vertx);
    source.client.request(HttpMethod.GET, port, "127.0.0.1", pathAndQuery)
        .compose(request -> {
          request.putHeader("Authorization", authorization).putHeader("Accept", "text/event-stream");
          if (lastEventId >= 0) {
            request.putHeader("Last-Event-ID", Long.toString(lastEventId));
          }
          return request.send();
        })
        .onSuccess(source::answered)
        .onFailure(e -> source.failed = true);
    return source;
  }

  static EventSource open(Vertx vertx, int port, String authorization, long lastEventId) {
    return open(vertx, port, authorization, "/api/access/events", lastEventId);
  }

  private void answered(HttpClientResponse response) {
    contentType = response.getHeader("Content-Type");
    if (response.statusCode() != 200) {
      response.body().onSuccess(buffer -> {
        body = buffer.toString();
        status = response.statusCode();
      });
      return;
    }
    response.handler(this::received);
    response.endHandler(v -> ended = true);
    response.exceptionHandler(e -> failed = true);
    status = 200;
  }

  private synchronized void received(Buffer chunk) {
    pending.append(chunk.toString());
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String message = pending.substring(0, end);
      pending.delete(0, end + 2);
      parse(message);
    }
  }

  private void parse(String message) {
    String id = null;
    String kind = null;
    String data = null;
    for (String line : message.split("\n")) {
      if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("event: ")) {
        kind = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = line.substring(6);
      }
    }
    if (id != null) {
      lastEventId = Long.parseLong(id);
    }
    if (data != null) {
      events.add(new Event(Long.parseLong(id), kind, new JsonObject(data)));
    }
  }

  /** 0 until the answer's head has come. */
  int status() {
    return status;
  }

  String contentType() {
    return contentType;
  }

  String body() {
    return body;
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  long lastEventId() {
    return lastEventId;
  }

  boolean ended() {
    return ended;
  }

  boolean failed() {
    return failed;
  }

  @Override
  public void close() {
    client.close().await();
  }
}
