package dev.rolecall.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolecall.StartupException;
import io.vertx.core.MultiMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private static final TrustedProxies PROXIES = TrustedProxies.fromEnvironment(
      Map.of("ROLECALL_TRUSTED_PROXIES", "10.0.0.0/8, fd00::/8,192.0.2.7"));
  private static final TrustedProxies RFC_7239_PROXIES = TrustedProxies.fromEnvironment(
      Map.of("ROLECALL_TRUSTED_PROXIES", "10.0.0.0/8, fd00::/8,192.0.2.7", "ROLECALL_FORWARDED_HEADER", "forwarded"));

  @Test
  void withoutTrustedProxiesThePeerIsTheClient() {
    ClientAddress client = ClientAddress.resolve(TrustedProxies.NONE, "10.1.2.3", "http",
        headers("X-Forwarded-For", "203.0.113.9"));

    assertThat(client.host()).isEqualTo("10.1.2.3");
    assertThat(client.scheme()).isEqualTo("http");
  }

  @Test
  void anUntrustedPeerIsTheClientWhateverItForwards() {
    ClientAddress client = ClientAddress.resolve(PROXIES, "198.51.100.4", "http",
        headers("X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https"));

    assertThat(client.host()).isEqualTo("198.51.100.4");
    assertThat(client.scheme()).isEqualTo("http");
  }

  @Test
  void behindTrustedProxiesTheFirstUntrustedAddressFromTheRightIsTheClient() {
    ClientAddress client = ClientAddress.resolve(PROXIES, "10.0.0.1", "http",
        headers("X-Forwarded-For", "6.6.6.6, 203.0.113.9, 10.0.0.2", "X-Forwarded-Proto", "https"));

    assertThat(client.host()).isEqualTo("203.0.113.9");
    assertThat(client.scheme()).isEqualTo("https");
  }

  @Test
  void byDefaultAForwardedHeaderIsNotRead() {
    ClientAddress client = ClientAddress.resolve(PROXIES, "192.0.2.7", "http", headers(
        "Forwarded", "for=6.6.6.6;proto=https", "X-Forwarded-For", "198.51.100.1"));

    assertThat(client.host()).isEqualTo("198.51.100.1");
    assertThat(client.scheme()).isEqualTo("http");
  }

  @Test
  void whenChosenOnlyTheForwardedHeaderIsReadAndCarriesTheScheme() {
    ClientAddress client = ClientAddress.resolve(RFC_7239_PROXIES, "192.0.2.7", "http", headers(
        "Forwarded", "for=6.6.6.6;proto=http, for=\"[2001:db8::1]:4711\";proto=https, for=fd00::5;proto=http",
        "X-Forwarded-For", "198.51.100.1"));

    assertThat(client.host()).isEqualTo("2001:db8::1");
    assertThat(client.scheme()).isEqualTo("https");
  }

  @Test
  void anObfuscatedHopLeavesTheProxyThatReportedIt() {
    ClientAddress client = ClientAddress.resolve(RFC_7239_PROXIES, "10.0.0.1", "http",
        headers("Forwarded", "for=_hidden, for=10.0.0.9"));

    assertThat(client.host()).isEqualTo("10.0.0.9");
  }

  @Test
  void anIpv6ClientCountsByItsSlash64AndAMappedIpv4OneAsIpv4() {
    assertThat(ClientAddress.direct("2001:db8:1:2:aaaa:bbbb:cccc:dddd").bucket()).isEqualTo("2001:db8:1:2::/64");
    assertThat(ClientAddress.direct("2001:db8:1:2::1").bucket()).isEqualTo("2001:db8:1:2::/64");
    assertThat(ClientAddress.direct("::ffff:203.0.113.9").bucket()).isEqualTo("203.0.113.9");
    assertThat(ClientAddress.direct("203.0.113.9").bucket()).isEqualTo("203.0.113.9");
  }

  @Test
  void aTrustedIpv4RangeCoversItsMappedIpv6Form() {
    ClientAddress client = ClientAddress.resolve(PROXIES, "::ffff:10.0.0.1", "http",
        headers("X-Forwarded-For", "203.0.113.9"));

    assertThat(client.host()).isEqualTo("203.0.113.9");
  }

  @Test
  void anUnreadableRangeStopsTheStart() {
    assertThatThrownBy(() -> TrustedProxies.fromEnvironment(Map.of("ROLECALL_TRUSTED_PROXIES", "10.0.0.0/33")))
        .isInstanceOf(StartupException.class).hasMessageContaining("ROLECALL_TRUSTED_PROXIES");
    assertThatThrownBy(() -> TrustedProxies.fromEnvironment(Map.of("ROLECALL_TRUSTED_PROXIES", "proxy.example.com")))
        .isInstanceOf(StartupException.class);
  }

  private static MultiMap headers(String... namesAndValues) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }
}
