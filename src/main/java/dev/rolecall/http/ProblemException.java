package dev.rolecall.http;

/** Fails a request with a given problem: handlers pass it to {@code ctx.fail(...)} or a failed future. */
public class ProblemException extends RuntimeException {
  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
