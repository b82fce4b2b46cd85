package dev.rolecall.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.Rolecall;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * A blocking client of the API, as a script would use it: bearer tokens, JSON bodies. Every answer it
 * receives must keep the contract ({@link ContractOracle}).
 */
public final class Api implements AutoCloseable {
  /** An answer that never comes fails the test rather than hang the build. */
  private static final long TIMEOUT_MS = 30_000;
  private final WebClient client;

  public Api(Vertx vertx, Rolecall service) {
    this(vertx, service.port(), "127.0.0.1");
  }

  /** A client whose requests come from {@code localAddress}: any of 127.0.0.0/8 acts as another host. */
  public Api(Vertx vertx, int port, String localAddress) {
    this(ContractOracle.watching(client(vertx, port, localAddress)));
  }

  private Api(WebClient client) {
    this.client = client;
  }

  /** A client of a server that does not serve the contract (the management port): its answers go unjudged. */
  public static Api outsideTheContract(Vertx vertx, int port) {
    return new Api(client(vertx, port, "127.0.0.1"));
  }

  private static WebClient client(Vertx vertx, int port, String localAddress) {
    return WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1")
        .setDefaultPort(port)
        .setLocalAddress(localAddress)
        .setFollowRedirects(false));
  }

  public HttpResponse<Buffer> login(String login, String password) {
    return call(HttpMethod.POST, "/api/auth/login", null,
        new JsonObject().put("login", login).put("password", password));
  }

  /** Logs in and answers the bearer token; fails the test unless login succeeds. */
  public String token(String login, String password) {
    HttpResponse<Buffer> answer = login(login, password);
    assertThat(answer.statusCode()).as("login of %s: %s", login, answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject().getString("accessToken");
  }

  /** A request with no credential, as a browser or a probe sends it. */
  public HttpResponse<Buffer> get(String path) {
    return get(path, null);
  }

  public HttpResponse<Buffer> get(String path, String token) {
    return call(HttpMethod.GET, path, token, null);
  }

  public HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> request = client.request(method, path).timeout(TIMEOUT_MS);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  public WebClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
  }
}
