package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rolecall.Rolecall;
import dev.rolecall.support.Api;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import dev.rolecall.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What lets another service verify our tokens by itself: the JWKS and the issuer's metadata. */
class IssuerTest extends ServiceTest {
  private static UUID account;

  @BeforeAll
  static void start(Vertx vertx) {
    account = fixtures.account();
  }

  @Test
  void aLoginTokenVerifiesOfflineWithAnotherLibraryAndTheKeySetAlone() throws Exception {
    String token = api.token(fixtures.login(fixtures.user(account, Role.USER)), Fixtures.PASSWORD);
    HttpResponse<Buffer> jwks = api.get("/.well-known/jwks.json");

    assertThat(jwks.statusCode()).isEqualTo(200);
    assertThat(jwks.getHeader("Content-Type")).isEqualTo("application/jwk-set+json");
    assertThat(jwks.bodyAsString()).doesNotContain("\"d\"");
    SignedJWT jwt = SignedJWT.parse(token);
    ECKey key = JWKSet.parse(jwks.bodyAsString()).getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
    assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(metadata(api).getString("issuer"));
    assertThat(jwt.getJWTClaimsSet().getExpirationTime().getTime() - jwt.getJWTClaimsSet().getIssueTime().getTime())
        .isEqualTo(300_000);
  }

  @Test
  void theMetadataNamesTheIssuerItsKeysAndIntrospectionAtBothPaths() {
    JsonObject metadata = metadata(api);
    String issuer = "http://127.0.0.1:" + service.port();

    assertThat(metadata.getString("issuer")).isEqualTo(issuer);
    assertThat(metadata.getString("jwks_uri")).isEqualTo(issuer + "/.well-known/jwks.json");
    assertThat(metadata.getString("introspection_endpoint")).isEqualTo(issuer + "/oauth/introspect");
    assertThat(api.get("/.well-known/openid-configuration").bodyAsJsonObject()).isEqualTo(metadata);
  }

  @Test
  void aConfiguredIssuerIsTheTokensIssAndOnlyItsTokensAreAccepted(Vertx vertx) throws Exception {
    String issuer = "https://rolecall.example.com";
    String login = fixtures.login(fixtures.user(account, Role.USER));
    try (Rolecall configured = TestService.start(Map.of("ROLECALL_ISSUER", issuer));
        Api client = new Api(vertx, configured)) {
      String token = client.token(login, Fixtures.PASSWORD);

      assertThat(metadata(client).getString("issuer")).isEqualTo(issuer);
      assertThat(metadata(client).getString("jwks_uri")).isEqualTo(issuer + "/.well-known/jwks.json");
      assertThat(SignedJWT.parse(token).getJWTClaimsSet().getIssuer()).isEqualTo(issuer);
      assertThat(client.get("/api/me", token).statusCode()).isEqualTo(200);
      assertThat(client.get("/api/me", api.token(login, Fixtures.PASSWORD)).statusCode())
          .as("a token of another issuer").isEqualTo(401);
    }
  }

  private static JsonObject metadata(Api client) {
    HttpResponse<Buffer> answer = client.get("/.well-known/oauth-authorization-server");
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.bodyAsJsonObject();
  }
}
