package dev.rolecall.bench;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A closed-loop HTTP/1.1 load driver on Vert.x's client: {@code connections} loops, each sending its
 * next request once the previous answer has been read whole, pipelining off, keep-alive on. A round
 * counts the answers that arrived within its duration, by status.
 */
final class LoadDriver implements AutoCloseable {
  /** An answer that never comes counts as a failure rather than stop its loop, and so the round. */
  private static final long IDLE_TIMEOUT_MS = 10_000;
  private final HttpClientAgent client;
  private final int connections;

  /**
   * One request to send: a fresh one per call, so that each can carry another user's credential. An
   * answer counts when it is a 200 and, if {@code expect} is set, its body contains it.
   */
  record Request(HttpMethod method, String host, int port, String uri, MultiMap headers, Buffer body, String expect) {
    Request(HttpMethod method, String host, int port, String uri, MultiMap headers, Buffer body) {
      this(method, host, port, uri, headers, body, null);
    }
  }

  record Round(String label, long ok, long failed, double seconds, String firstFailure) {
    double perSecond() {
      return ok / seconds;
    }
  }

  LoadDriver(Vertx vertx, int connections) {
    this.connections = connections;
    this.client = vertx.createHttpClient(new HttpClientOptions().setPipelining(false).setKeepAlive(true)
        .setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  Round run(String label, Duration duration, Supplier<Request> requests) {
    LongAdder ok = new LongAdder();
    LongAdder failed = new LongAdder();
    String[] firstFailure = {null};
    AtomicInteger running = new AtomicInteger(connections);
    Promise<Void> finished = Promise.promise();
    long started = System.nanoTime();
    long end = started + duration.toNanos();
    for (int i = 0; i < connections; i++) {
      loop(requests, end, ok, failed, firstFailure, running, finished);
    }
    try {
      finished.future().toCompletionStage().toCompletableFuture()
          .get(duration.toMillis() + 3 * IDLE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // A loop whose answer never came, despite the timeouts: the round still counts what came in time.
      BenchReport.log("%s: %d of %d loops still waiting after the round", label, running.get(), connections);
      failed.add(running.get());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    double seconds = duration.toNanos() / 1e9;
    return new Round(label, ok.sum(), failed.sum(), seconds, firstFailure[0]);
  }

  private void loop(Supplier<Request> requests, long end, LongAdder ok, LongAdder failed, String[] firstFailure,
      AtomicInteger running, Promise<Void> finished) {
    if (System.nanoTime() >= end) {
      if (running.decrementAndGet() == 0) {
        finished.tryComplete();
      }
      return;
    }
    Request request = requests.get();
    RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(request.host())
        .setPort(request.port()).setURI(request.uri()).setHeaders(request.headers()).setIdleTimeout(IDLE_TIMEOUT_MS)
        .setConnectTimeout(IDLE_TIMEOUT_MS);
    client.request(options)
        .compose(sent -> request.body() == null ? sent.send() : sent.send(request.body()))
        .compose(response -> response.body().map(body -> response.statusCode() == 200
            && (request.expect() == null || body.toString().contains(request.expect())) ? null
            : response.statusCode() + " " + body.toString()))
        .onComplete(answer -> {
          if (System.nanoTime() < end) {
            String failure = answer.failed() ? answer.cause().toString() : answer.result();
            if (failure == null) {
              ok.increment();
            } else {
              failed.increment();
              synchronized (firstFailure) {
                if (firstFailure[0] == null) {
                  firstFailure[0] = failure;
                }
              }
            }
          }
          loop(requests, end, ok, failed, firstFailure, running, finished);
        });
  }

  @Override
  public void close() {
    Future<Void> closed = client.close();
    closed.await();
  }
}
