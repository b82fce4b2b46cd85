package dev.rolecall.users;

import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import dev.rolecall.http.Responses;
import io.vertx.ext.web.RoutingContext;

/** Optimistic concurrency for users: answers carry an ETag, changes must send it back as If-Match. */
final class Versions {
  private Versions() {
  }

  /** The If-Match of a change; without one, 428, so that two admins racing never lose an update silently. */
  static String required(RoutingContext ctx) {
    String ifMatch = ctx.request().getHeader("If-Match");
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ProblemException(Problem.of(428, "if-match-required", "If-Match required",
          "Send the user's ETag (from GET /api/users/{id}) as If-Match, so that a concurrent change is not overwritten."));
    }
    return ifMatch.trim();
  }

  static void check(User current, String ifMatch) {
    if (!ifMatch.equals("*") && !ifMatch.equals(current.etag())) {
      throw new ProblemException(Problem.of(412, "stale", "Changed meanwhile",
          "Someone changed this user since you read them: reload, then apply your change again."));
    }
  }

  static void answer(RoutingContext ctx, int status, User user) {
    ctx.response().putHeader("ETag", user.etag());
    Responses.json(ctx, status, user);
  }

  static ProblemException notFound() {
    return new ProblemException(Problem.of(404, "not-found", "Not found", "No such user in this account."));
  }

  static ProblemException loginTaken() {
    return new ProblemException(Problem.of(409, "login-taken", "Login taken", "This login is taken."));
  }

  static boolean isUniqueViolation(Throwable e) {
    return e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState());
  }
}
