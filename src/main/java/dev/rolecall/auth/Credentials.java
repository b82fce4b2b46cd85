package dev.rolecall.auth;

import dev.rolecall.http.ClientAddress;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Where a request's credential travels: the {@code Authorization: Bearer} header (API clients) or the
 * HttpOnly session cookie (the web app), and the CSRF rule for the cookie.
 */
public final class Credentials {
  public static final String COOKIE = "rolecall_session";
  /** Sent only to the operations that exchange or end it, never with every API call. */
  public static final String REFRESH_COOKIE = "rolecall_refresh";
  public static final String REFRESH_COOKIE_PATH = "/api/auth";
  public static final String SECURE_COOKIE = "__Host-" + COOKIE;
  public static final String SECURE_REFRESH_COOKIE = "__Secure-" + REFRESH_COOKIE;
  public static final String CSRF_HEADER = "X-Rolecall-Request";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private Credentials() {
  }

  public record Presented(String token, boolean fromCookie) {
  }

  public static Optional<Presented> of(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null) {
      return header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7
          ? Optional.of(new Presented(header.substring(7).trim(), false))
          : Optional.empty();
    }
    Cookie cookie = ctx.request().getCookie(name(ctx, COOKIE, SECURE_COOKIE));
    return cookie == null || cookie.getValue().isEmpty()
        ? Optional.empty()
        : Optional.of(new Presented(cookie.getValue(), true));
  }

  /**
   * A browser attaches the cookie to cross-site requests too; an unsafe one is accepted only from our
   * own origin, or with a header that a cross-site form cannot add.
   */
  public static boolean passesCsrfCheck(RoutingContext ctx) {
    if (SAFE.contains(ctx.request().method()) || ctx.request().getHeader(CSRF_HEADER) != null) {
      return true;
    }
    String origin = ctx.request().getHeader("Origin");
    String host = ctx.request().authority() == null ? null : ctx.request().authority().toString();
    return origin != null && host != null && origin.equals(ClientAddress.of(ctx).scheme() + "://" + host);
  }

  /** The refresh token of the web app's session, if the browser sent it. */
  public static Optional<String> refreshToken(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(name(ctx, REFRESH_COOKIE, SECURE_REFRESH_COOKIE));
    return cookie == null || cookie.getValue().isEmpty() ? Optional.empty() : Optional.of(cookie.getValue());
  }

  public static void setSessionCookies(RoutingContext ctx, String accessToken, Duration accessTtl, String refreshToken,
      Duration refreshTtl) {
    ctx.response().addCookie(sessionCookie(ctx, accessToken).setMaxAge(accessTtl.toSeconds()));
    ctx.response().addCookie(refreshCookie(ctx, refreshToken).setMaxAge(refreshTtl.toSeconds()));
  }

  public static void clearSessionCookies(RoutingContext ctx) {
    ctx.response().addCookie(sessionCookie(ctx, "").setMaxAge(0));
    ctx.response().addCookie(refreshCookie(ctx, "").setMaxAge(0));
  }

  private static Cookie refreshCookie(RoutingContext ctx, String value) {
    return cookie(ctx, name(ctx, REFRESH_COOKIE, SECURE_REFRESH_COOKIE), value).setPath(REFRESH_COOKIE_PATH);
  }

  private static Cookie sessionCookie(RoutingContext ctx, String value) {
    return cookie(ctx, name(ctx, COOKIE, SECURE_COOKIE), value);
  }

  private static Cookie cookie(RoutingContext ctx, String name, String value) {
    return Cookie.cookie(name, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT)
        .setSecure(https(ctx));
  }

  /**
   * Over HTTPS (directly, or as a trusted proxy reports), the cookies are Secure and carry the prefixes
   * that browsers enforce: {@code __Host-} (Secure, Path=/, no Domain: no subdomain can set it) for the
   * session, {@code __Secure-} for the refresh token, whose path is narrower.
   */
  private static String name(RoutingContext ctx, String plain, String secure) {
    return https(ctx) ? secure : plain;
  }

  private static boolean https(RoutingContext ctx) {
    return "https".equals(ClientAddress.of(ctx).scheme());
  }
}
