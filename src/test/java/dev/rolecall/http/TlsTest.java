package dev.rolecall.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.Rolecall;
import dev.rolecall.auth.Role;
import dev.rolecall.support.Api;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With a certificate, the service answers HTTPS: Secure, prefixed cookies and HSTS; over plain HTTP neither. */
@ExtendWith(VertxExtension.class)
class TlsTest {
  @Test
  void overHttpsTheSessionCookieIsSecureAndPrefixedAndHstsIsSent(Vertx vertx) {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    try (Rolecall service = TestService.start(Map.of(
        "ROLECALL_TLS_CERT", certificate.certificatePath(), "ROLECALL_TLS_KEY", certificate.privateKeyPath()))) {
      Fixtures fixtures = new Fixtures(service.pool());
      String login = fixtures.login(fixtures.user(fixtures.account(), Role.ADMIN));
      WebClient https = WebClient.create(vertx, new WebClientOptions().setSsl(true).setTrustAll(true)
          .setVerifyHost(false).setDefaultHost("127.0.0.1").setDefaultPort(service.port()));
      try {
        HttpResponse<Buffer> loggedIn = https.post("/api/auth/login").sendJsonObject(new JsonObject()
            .put("login", login).put("password", Fixtures.PASSWORD).put("session", true)).await();
        assertThat(loggedIn.statusCode()).as(loggedIn.bodyAsString()).isEqualTo(200);
        assertThat(loggedIn.getHeader("Strict-Transport-Security")).startsWith("max-age=");
        String session = loggedIn.cookies().stream().filter(c -> c.startsWith("__Host-rolecall_session=")).findFirst()
            .orElseThrow();
        assertThat(session).contains("Secure").containsIgnoringCase("HttpOnly").contains("Path=/").doesNotContain("Domain");
        assertThat(loggedIn.cookies()).anySatisfy(c -> assertThat(c).startsWith("__Secure-rolecall_refresh=")
            .contains("Secure"));

        HttpResponse<Buffer> me = https.get("/api/me").putHeader("Cookie", session.substring(0, session.indexOf(';')))
            .send().await();
        assertThat(me.statusCode()).as(me.bodyAsString()).isEqualTo(200);
        // The plain name is not read over HTTPS: a cookie set by plain HTTP cannot stand in for the session.
        String value = session.substring(session.indexOf('=') + 1, session.indexOf(';'));
        assertThat(https.get("/api/me").putHeader("Cookie", "rolecall_session=" + value).send().await().statusCode())
            .isEqualTo(401);
      } finally {
        https.close();
      }
    }
  }

  @Test
  void overPlainHttpNeitherHstsNorSecureCookies(Vertx vertx) {
    try (Rolecall service = TestService.start(); Api api = new Api(vertx, service)) {
      Fixtures fixtures = new Fixtures(service.pool());
      String login = fixtures.login(fixtures.user(fixtures.account(), Role.ADMIN));
      HttpResponse<Buffer> loggedIn = api.client().post("/api/auth/login").sendJsonObject(new JsonObject()
          .put("login", login).put("password", Fixtures.PASSWORD).put("session", true)).await();
      assertThat(loggedIn.getHeader("Strict-Transport-Security")).isNull();
      assertThat(loggedIn.cookies()).anySatisfy(c -> assertThat(c).startsWith("rolecall_session=").doesNotContain("Secure"));
    }
  }
}
