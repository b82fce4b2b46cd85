package dev.rolecall.auth;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a resource server needs to check our login tokens on its own: the public keys (RFC 7517) and
 * the issuer's metadata (RFC 8414), which also names where to ask about a token instead.
 */
public final class IssuerApi {
  private final Tokens tokens;
  private final Grants grants;

  public IssuerApi(Tokens tokens, Grants grants) {
    this.tokens = tokens;
    this.grants = grants;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("getJwks", this::jwks, "getAuthorizationServerMetadata", this::metadata,
        "getOpenIdConfiguration", this::metadata);
  }

  /** Retired keys leave at once; the others stay until every token they signed has expired. */
  private void jwks(RoutingContext ctx) {
    List<JsonObject> keys = tokens.keys().published(tokens.maxLifetime(), Instant.now());
    // Short, so that a retirement reaches caches soon; verifiers refetch on an unknown kid anyway.
    send(ctx, "application/jwk-set+json", "public, max-age=60", new JsonObject().put("keys", new JsonArray(keys)));
  }

  private void metadata(RoutingContext ctx) {
    String issuer = grants.issuer(ctx);
    send(ctx, "application/json", "public, max-age=300", new JsonObject()
        .put("issuer", issuer)
        .put("jwks_uri", issuer + "/.well-known/jwks.json")
        .put("introspection_endpoint", issuer + "/oauth/introspect")
        .put("introspection_endpoint_auth_methods_supported", new JsonArray().add("client_secret_basic"))
        // Required by RFC 8414, and empty: tokens come from our own login, not from an OAuth authorization flow.
        .put("response_types_supported", new JsonArray()));
  }

  private static void send(RoutingContext ctx, String type, String cacheControl, JsonObject body) {
    ctx.response().putHeader("Content-Type", type).putHeader("Cache-Control", cacheControl).end(body.toBuffer());
  }
}
