package dev.rolecall.services;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.rolecall.auth.FreshCache;
import dev.rolecall.auth.IdentityChanges;
import dev.rolecall.auth.LoginThrottle;
import dev.rolecall.auth.MachineAuthenticator;
import dev.rolecall.auth.Secrets;
import dev.rolecall.http.ClientAddress;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Authenticates the callers of {@code x-access: service} operations: HTTP Basic with a service client's id
 * and secret, as RFC 7662 resource servers send it. Clients are cached until the database announces a
 * change to one (migration V11), so a revocation applies at once on every instance.
 *
 * <p>A wrong secret is throttled like a wrong password, by the login throttle. A right one, once seen, is
 * remembered by its digest, so that a working client's requests neither count nor wait on the throttle;
 * a guesser never presents a right one and always meets it.
 */
public final class ServiceClientAuthenticator implements MachineAuthenticator {
  private static final long MAXIMUM_CLIENTS = 10_000;
  private static final String CHANGED = "service_client:";
  private static final String THROTTLE_KEY = "service-client:";

  private final ServiceClientRepository clients;
  private final LoginThrottle throttle;
  private final FreshCache<UUID, Optional<ServiceClientRepository.Active>> cache;
  private final Cache<String, UUID> admitted = Caffeine.newBuilder().maximumSize(MAXIMUM_CLIENTS).build();

  public ServiceClientAuthenticator(ServiceClients clients, LoginThrottle throttle, IdentityChanges changes,
      Duration timeToLive) {
    this.clients = clients.repository();
    this.throttle = throttle;
    this.cache = new FreshCache<>(timeToLive, MAXIMUM_CLIENTS, Ticker.systemTicker(), changes::trusted);
    changes.onChange(payload -> {
      if (payload.startsWith(CHANGED)) {
        try {
          UUID id = UUID.fromString(payload.substring(CHANGED.length()));
          cache.invalidate(id);
          admitted.asMap().values().removeIf(id::equals);
        } catch (IllegalArgumentException ignored) {
          // Not ours to read.
        }
      }
    });
    changes.onReset(() -> {
      cache.invalidateAll();
      admitted.invalidateAll();
    });
  }

  @Override
  public Future<Void> authenticate(RoutingContext ctx) {
    Optional<Basic> basic = Basic.of(ctx.request().getHeader("Authorization"));
    if (basic.isEmpty()) {
      return Future.failedFuture(unauthorized("Authenticate as a service client: HTTP Basic with its client id and secret."));
    }
    Basic presented = basic.get();
    // One digest serves both: the key of a secret seen right before, and the comparison with the stored one.
    byte[] secretDigest = Secrets.digest(presented.secret());
    String digest = HexFormat.of().formatHex(secretDigest);
    ClientAddress clientIp = ClientAddress.of(ctx);
    boolean knownGood = presented.id().equals(admitted.getIfPresent(digest));
    Future<Optional<ServiceClient>> checked = knownGood
        ? matching(presented.id(), secretDigest)
        : throttle.attempt(THROTTLE_KEY + presented.id(), clientIp)
            .compose(counted -> counted.judge(matching(presented.id(), secretDigest), Optional::isPresent));
    return checked
        .compose(client -> {
          if (client.isEmpty()) {
            return Future.failedFuture(unauthorized("Unknown or revoked service client, or wrong secret."));
          }
          admitted.put(digest, presented.id());
          client.get().attachTo(ctx);
          return Future.<Void>succeededFuture();
        });
  }

  /** The active client the credentials name, if their secret is its secret. */
  private Future<Optional<ServiceClient>> matching(UUID id, byte[] secretDigest) {
    return cache.get(id, clients::findActive).map(found -> found
        .filter(active -> MessageDigest.isEqual(active.digest(), secretDigest))
        .map(ServiceClientRepository.Active::client));
  }

  /** The credentials of an {@code Authorization: Basic} header whose user part is a client id. */
  record Basic(UUID id, String secret) {
    static Optional<Basic> of(String header) {
      if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
        return Optional.empty();
      }
      try {
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
          return Optional.empty();
        }
        return Optional.of(new Basic(UUID.fromString(decoded.substring(0, colon)), decoded.substring(colon + 1)));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }

  private static ProblemException unauthorized(String detail) {
    return new ProblemException(Problem.of(401, "unauthorized", "Not authenticated", detail))
        .withHeader("WWW-Authenticate", "Basic realm=\"rolecall\", charset=\"UTF-8\"");
  }
}
