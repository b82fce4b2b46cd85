package dev.rolecall.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** A blocking HTTP client for tests: each call waits for its answer, so tests read top to bottom. */
public final class Http implements AutoCloseable {
  private final WebClient client;

  public Http(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1")
        .setDefaultPort(port)
        .setFollowRedirects(false));
  }

  public HttpResponse<Buffer> get(String path) {
    return client.get(path).send().await();
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, String contentType, String body) {
    return client.request(method, path).putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(body)).await();
  }

  public WebClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
  }
}
