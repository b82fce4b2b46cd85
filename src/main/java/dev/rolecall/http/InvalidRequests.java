package dev.rolecall.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requests that HTTP itself refuses, before any route sees them (a request line or headers too long, a
 * request that cannot be parsed): answered as problems like every other error, then the connection closes,
 * since what follows on it cannot be trusted to be a request.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {
  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Problem problem;
    if (cause instanceof TooLongHttpLineException) {
      problem = Problem.of(414, "uri-too-long", "URI too long", "The request line is longer than this service reads.");
    } else if (cause instanceof TooLongHttpHeaderException) {
      problem = Problem.of(431, "headers-too-large", "Request headers too large",
          "The request's headers are larger than this service reads.");
    } else {
      problem = Problem.of(400, "bad-request", "Bad request", "The request is not valid HTTP.");
    }
    Problems.send(request.response().putHeader("Connection", "close"), problem)
        .onComplete(ended -> request.connection().close());
  }
}
