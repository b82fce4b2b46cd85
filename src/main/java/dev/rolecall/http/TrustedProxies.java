package dev.rolecall.http;

import dev.rolecall.Env;
import dev.rolecall.StartupException;
import io.netty.util.NetUtil;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The reverse proxies whose {@code Forwarded} and {@code X-Forwarded-*} headers are believed
 * ({@code ROLECALL_TRUSTED_PROXIES}: CIDRs, comma-separated). None by default: a client directly connected
 * must never choose the address it is throttled and audited by.
 */
public record TrustedProxies(List<Cidr> ranges) {
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  public static TrustedProxies fromEnvironment(Map<String, String> env) {
    return Env.value(env, "ROLECALL_TRUSTED_PROXIES")
        .map(text -> new TrustedProxies(Arrays.stream(text.split(","))
            .map(String::trim)
            .filter(part -> !part.isEmpty())
            .map(Cidr::parse)
            .toList()))
        .orElse(NONE);
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
