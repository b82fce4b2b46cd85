package dev.rolecall.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enforces {@link HttpLimits} on the server's connections, with the server's idle timeout: a body that does
 * not arrive within the body timeout is answered 408 and its connection closed, and connections above the
 * limit are closed as they open.
 */
final class ConnectionGuard {
  private final Vertx vertx;
  private final HttpLimits limits;
  private final AtomicInteger open = new AtomicInteger();

  ConnectionGuard(Vertx vertx, HttpLimits limits) {
    this.vertx = vertx;
    this.limits = limits;
  }

  Handler<HttpConnection> connections() {
    return connection -> {
      if (open.incrementAndGet() > limits.maxConnections()) {
        open.decrementAndGet();
        connection.close();
        return;
      }
      connection.closeHandler(closed -> open.decrementAndGet());
    };
  }

  /** Wraps the request handler: the headers have come, and the body is timed. */
  Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
    return request -> {
      if (!request.isEnded()) {
        long timer = vertx.setTimer(limits.bodyTimeout().toMillis(), id -> {
          if (!request.isEnded() && !request.response().headWritten()) {
            Problems.send(request.response().putHeader("Connection", "close"), Problem.of(408, "request-timeout",
                    "Request timeout", "The request's body did not arrive in time."))
                // HTTP/1.1 cannot skip the rest of the body; an HTTP/2 stream ends alone.
                .onComplete(ended -> {
                  if (request.version() == HttpVersion.HTTP_2) {
                    request.response().reset();
                  } else {
                    request.connection().close();
                  }
                });
          }
        });
        // Once the body is in (or the connection gone), the timer has nothing left to guard.
        request.end().onComplete(ended -> vertx.cancelTimer(timer));
      }
      next.handle(request);
    };
  }
}
