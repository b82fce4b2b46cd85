package dev.rolecall.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every answer. The SPA's policy allows no inline script but the import map, named by its
 * hash; only {@code /docs} gets the looser policy that Swagger UI needs (it styles inline).
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
  private final String appPolicy;
  private final String docsPolicy;

  public SecurityHeaders(String importMapHash) {
    this.appPolicy = "default-src 'self'; script-src 'self' '" + importMapHash + "'; style-src 'self'; "
        + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        + "form-action 'self'; frame-ancestors 'none'";
    this.docsPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    boolean docs = path.equals("/docs") || path.startsWith("/docs/");
    MultiMap headers = ctx.response().headers();
    headers.set("Content-Security-Policy", docs ? docsPolicy : appPolicy);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    if ("https".equals(ClientAddress.of(ctx).scheme())) {
      // Over HTTPS, directly or as a trusted proxy reports: browsers keep to HTTPS from then on.
      headers.set("Strict-Transport-Security", "max-age=31536000");
    }
    ctx.next();
  }
}
