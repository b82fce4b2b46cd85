package dev.rolecall.http;

import io.netty.util.NetUtil;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who sent a request, as login throttling and the audit log see it: the connection's peer, unless that
 * peer is a trusted proxy, in which case its {@code Forwarded} (or else {@code X-Forwarded-For}) header is
 * read from the right, skipping trusted proxies, up to the first address that is not one. Whatever a client
 * writes to the left of that cannot move it elsewhere. {@link #scheme()} is the scheme that client used.
 */
public record ClientAddress(String host, String scheme, byte[] address) {
  private static final String KEY = ClientAddress.class.getName();

  /** Resolves each request's client once, before any route, for {@link #of(RoutingContext)} to read. */
  public static Handler<RoutingContext> resolver(TrustedProxies proxies) {
    return ctx -> {
      ctx.put(KEY, resolve(proxies, ctx.request()));
      ctx.next();
    };
  }

  /** The request's client; the peer itself where no resolver ran. */
  public static ClientAddress of(RoutingContext ctx) {
    ClientAddress resolved = ctx.get(KEY);
    return resolved != null ? resolved : resolve(TrustedProxies.NONE, ctx.request());
  }

  /** A client known only by its address, for tests and callers outside HTTP. */
  public static ClientAddress direct(String literal) {
    return of(literal, "http");
  }

  static ClientAddress resolve(TrustedProxies proxies, HttpServerRequest request) {
    // A unix domain socket has no host: its clients share one bucket, as a proxy's would.
    String peer = request.remoteAddress() == null || request.remoteAddress().host() == null
        ? ""
        : request.remoteAddress().host();
    return resolve(proxies, peer, request.scheme(), request.headers());
  }

  static ClientAddress resolve(TrustedProxies proxies, String peer, String scheme, MultiMap headers) {
    ClientAddress client = of(peer, scheme);
    if (!proxies.trusts(client.address)) {
      return client;
    }
    List<Hop> hops = proxies.rfc7239() ? forwarded(String.join(",", headers.getAll("Forwarded"))) : xForwarded(headers);
    for (int i = hops.size() - 1; i >= 0; i--) {
      Hop hop = hops.get(i);
      byte[] address = hop.forAddress() == null ? null : NetUtil.createByteArrayFromIpAddressString(hop.forAddress());
      if (address == null) {
        // Obfuscated or unreadable: the proxy that reported it is as near the client as can be known.
        return client;
      }
      client = new ClientAddress(text(address), hop.proto().orElse(client.scheme), address);
      if (!proxies.trusts(address)) {
        return client;
      }
    }
    return client;
  }

  /**
   * The key the login throttle counts by: an IPv4 address, or the /64 of an IPv6 one, since a single
   * subscriber is commonly given a whole /64 and could otherwise try from endless addresses.
   */
  public String bucket() {
    if (address == null || address.length == 4) {
      return host;
    }
    byte[] prefix = Arrays.copyOf(address, 16);
    Arrays.fill(prefix, 8, 16, (byte) 0);
    return text(prefix) + "/64";
  }

  /** An IPv4-mapped IPv6 address as the IPv4 address it is; any other address unchanged. */
  static byte[] unmapped(byte[] address) {
    if (address.length == 16 && isMapped(address)) {
      return Arrays.copyOfRange(address, 12, 16);
    }
    return address;
  }

  private static boolean isMapped(byte[] address) {
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return false;
      }
    }
    return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
  }

  private static ClientAddress of(String literal, String scheme) {
    byte[] address = NetUtil.createByteArrayFromIpAddressString(literal);
    return address == null
        ? new ClientAddress(literal, scheme, null)
        : new ClientAddress(text(address), scheme, unmapped(address));
  }

  private static String text(byte[] address) {
    byte[] plain = unmapped(address);
    return NetUtil.bytesToIpAddress(plain);
  }

  /** One proxy's record of the connection it took: the client's address and the scheme it used. */
  private record Hop(String forAddress, Optional<String> proto) {
  }

  /** RFC 7239: {@code for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"}. */
  private static List<Hop> forwarded(String header) {
    List<Hop> hops = new ArrayList<>();
    for (String element : header.split(",")) {
      String forAddress = null;
      Optional<String> proto = Optional.empty();
      for (String pair : element.split(";")) {
        int equals = pair.indexOf('=');
        if (equals < 0) {
          continue;
        }
        String name = pair.substring(0, equals).trim().toLowerCase(Locale.ROOT);
        String value = unquoted(pair.substring(equals + 1).trim());
        if (name.equals("for")) {
          forAddress = withoutPort(value);
        } else if (name.equals("proto")) {
          proto = scheme(value);
        }
      }
      hops.add(new Hop(forAddress, proto));
    }
    return hops;
  }

  /**
   * {@code X-Forwarded-For: client, proxy1} with {@code X-Forwarded-Proto}, which proxies either append to
   * alongside (one scheme per address) or set once at the edge (one scheme for all).
   */
  private static List<Hop> xForwarded(MultiMap headers) {
    List<String> addresses = values(headers, "X-Forwarded-For");
    List<String> protos = values(headers, "X-Forwarded-Proto");
    List<Hop> hops = new ArrayList<>();
    for (int i = 0; i < addresses.size(); i++) {
      String proto = protos.size() == addresses.size() ? protos.get(i) : protos.isEmpty() ? null : protos.get(0);
      hops.add(new Hop(withoutPort(addresses.get(i)), proto == null ? Optional.empty() : scheme(proto)));
    }
    return hops;
  }

  private static List<String> values(MultiMap headers, String name) {
    return headers.getAll(name).stream()
        .flatMap(value -> Arrays.stream(value.split(",")))
        .map(String::trim)
        .toList();
  }

  private static Optional<String> scheme(String value) {
    String lower = value.trim().toLowerCase(Locale.ROOT);
    return lower.equals("http") || lower.equals("https") ? Optional.of(lower) : Optional.empty();
  }

  private static String unquoted(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  /** {@code [2001:db8::1]:4711} and {@code 192.0.2.60:4711} without their port; a bare IPv6 address as is. */
  private static String withoutPort(String value) {
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      return close < 0 ? value : value.substring(1, close);
    }
    int colon = value.indexOf(':');
    return colon >= 0 && colon == value.lastIndexOf(':') ? value.substring(0, colon) : value;
  }
}
