package dev.rolecall.http;

import dev.rolecall.Env;
import dev.rolecall.StartupException;
import io.netty.util.NetUtil;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The reverse proxies whose forwarding header is believed ({@code ROLECALL_TRUSTED_PROXIES}: CIDRs,
 * comma-separated), and which header they write ({@code ROLECALL_FORWARDED_HEADER}: {@code x-forwarded-for},
 * the default, with {@code X-Forwarded-Proto}; or {@code forwarded}, RFC 7239). Only that one header is read:
 * most proxies append to one and pass the other through as the client sent it, so reading both would let a
 * client name its own address. No proxy by default: a client directly connected must never choose the
 * address it is throttled and audited by.
 */
public record TrustedProxies(List<Cidr> ranges, boolean rfc7239) {
  public static final TrustedProxies NONE = new TrustedProxies(List.of(), false);

  public static TrustedProxies fromEnvironment(Map<String, String> env) {
    String header = Env.value(env, "ROLECALL_FORWARDED_HEADER").orElse("x-forwarded-for").toLowerCase(java.util.Locale.ROOT);
    if (!header.equals("x-forwarded-for") && !header.equals("forwarded")) {
      throw new StartupException("ROLECALL_FORWARDED_HEADER must be x-forwarded-for or forwarded, got '" + header + "'");
    }
    List<Cidr> ranges = Env.value(env, "ROLECALL_TRUSTED_PROXIES")
        .map(text -> Arrays.stream(text.split(","))
            .map(String::trim)
            .filter(part -> !part.isEmpty())
            .map(Cidr::parse)
            .toList())
        .orElse(List.of());
    return new TrustedProxies(ranges, header.equals("forwarded"));
  }

  /** Whether an address (as the bytes of an IPv4 or IPv6 address) is one of the trusted proxies. */
  public boolean trusts(byte[] address) {
    return address != null && ranges.stream().anyMatch(range -> range.contains(address));
  }

  /** An address and a prefix length; an IPv4 range also covers the IPv4-mapped IPv6 addresses. */
  public record Cidr(byte[] network, int prefix) {
    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      byte[] network = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? text : text.substring(0, slash));
      if (network == null) {
        throw invalid(text);
      }
      int bits = network.length * 8;
      int prefix;
      try {
        prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw invalid(text);
      }
      if (prefix < 0 || prefix > bits) {
        throw invalid(text);
      }
      return new Cidr(network, prefix);
    }

    boolean contains(byte[] address) {
      byte[] candidate = ClientAddress.unmapped(address);
      if (candidate.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    private static StartupException invalid(String text) {
      return new StartupException("ROLECALL_TRUSTED_PROXIES must list CIDRs such as 10.0.0.0/8, fd00::/8 or"
          + " 192.0.2.7, separated by commas; got '" + text + "'");
    }
  }
}
