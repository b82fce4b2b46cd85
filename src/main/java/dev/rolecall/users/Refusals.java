package dev.rolecall.users;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.http.ProblemException;
import io.vertx.ext.web.RoutingContext;

/** A refused change (409, 412, 428, a weak password...) is kept in the audit log, in a transaction of its own. */
final class Refusals {
  private Refusals() {
  }

  static void fail(AuditLog audit, RoutingContext ctx, AuditEvent event, Throwable e) {
    if (e instanceof ProblemException problem && problem.problem().status() != 404) {
      audit.appendAlone(event.withOutcome(AuditEvent.REFUSED, problem.problem().detail()))
          .onComplete(logged -> ctx.fail(e));
    } else {
      ctx.fail(e);
    }
  }
}
