package dev.rolecall.auth;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates the callers of {@code x-access: machine} operations (bots with their own keys) and of
 * {@code x-access: service} ones (the platform's service clients). It fails with a problem (401) when the
 * request carries no valid key for what it addresses.
 */
public interface MachineAuthenticator {
  Future<Void> authenticate(RoutingContext ctx);
}
