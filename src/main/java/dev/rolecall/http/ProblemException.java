package dev.rolecall.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fails a request with a given problem: handlers pass it to {@code ctx.fail(...)} or a failed future.
 * It may carry answer headers, such as {@code Retry-After} or {@code WWW-Authenticate}.
 */
public class ProblemException extends RuntimeException {
  private final transient Problem problem;
  private final Map<String, String> headers;

  public ProblemException(Problem problem) {
    this(problem, Map.of());
  }

  private ProblemException(Problem problem, Map<String, String> headers) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
    this.headers = Map.copyOf(headers);
  }

  public Problem problem() {
    return problem;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public ProblemException withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ProblemException(problem, more);
  }

  public ProblemException withRetryAfter(long seconds) {
    return withHeader("Retry-After", String.valueOf(Math.max(1, seconds)));
  }
}
