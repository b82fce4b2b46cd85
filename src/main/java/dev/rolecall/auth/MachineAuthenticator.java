package dev.rolecall.auth;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates the callers of {@code x-access: machine} operations (bots with their own keys). It
 * fails with a problem (401) when the request carries no valid key for what it addresses.
 */
public interface MachineAuthenticator {
  Future<Void> authenticate(RoutingContext ctx);

  /** Until a feature brings machine keys, a machine operation refuses everyone. */
  MachineAuthenticator NONE = ctx -> Future.failedFuture(new dev.rolecall.http.ProblemException(
      dev.rolecall.http.Problem.of(401, "unauthorized", "Not authenticated", "This operation takes a machine key.")));
}
