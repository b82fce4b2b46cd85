package dev.rolecall.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.support.ServiceTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WebTest extends ServiceTest {

  @Test
  void theSpaIsServedUnderAStrictPolicyThatAdmitsOnlyItsImportMap() throws Exception {
    HttpResponse<Buffer> page = api.get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    Matcher importMap = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL)
        .matcher(page.bodyAsString());
    assertThat(importMap.find()).isTrue();
    String hash = Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(importMap.group(1).getBytes(StandardCharsets.UTF_8)));
    String policy = page.getHeader("Content-Security-Policy");
    assertThat(policy)
        .contains("script-src 'self' 'sha256-" + hash + "'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void pageRoutesFallBackToTheSpaButMissingFilesDoNot() {
    assertThat(api.get("/users/42").bodyAsString()).contains("<rc-app>");

    HttpResponse<Buffer> missing = api.get("/app/missing.js");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void webjarsServeTheSpaLibraries() {
    HttpResponse<Buffer> lit = api.get("/webjars/lit/3.3.1/index.js");

    assertThat(lit.statusCode()).isEqualTo(200);
    assertThat(lit.getHeader("Content-Type")).startsWith("text/javascript");
    assertThat(api.get("/webjars/lit-html/3.3.2/lit-html.js").statusCode()).isEqualTo(200);
    assertThat(api.get("/webjars/lit__reactive-element/2.1.2/reactive-element.js").statusCode()).isEqualTo(200);
  }

  @Test
  void theContractAndItsSwaggerUiAreServed() {
    HttpResponse<Buffer> contract = api.get("/openapi.yaml");
    assertThat(contract.statusCode()).isEqualTo(200);
    assertThat(contract.getHeader("Content-Type")).isEqualTo("application/yaml");
    assertThat(contract.bodyAsString()).startsWith("openapi: 3.1.0");

    HttpResponse<Buffer> docs = api.get("/docs");
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.bodyAsString()).contains("swagger-ui-bundle.js").doesNotContain("${");
    assertThat(docs.getHeader("Content-Security-Policy")).contains("style-src 'self' 'unsafe-inline'");
    assertThat(api.get(swaggerBundle(docs.bodyAsString())).statusCode()).isEqualTo(200);
    assertThat(api.get("/docs/swagger-init.js").bodyAsString()).contains("/openapi.yaml");
  }

  @Test
  void onlyTheDocsGetTheLooserPolicy() {
    assertThat(api.get("/health/live").getHeader("Content-Security-Policy")).doesNotContain("unsafe-inline");
    assertThat(api.get("/api/nothing-here").getHeader("Content-Security-Policy")).doesNotContain("unsafe-inline");
  }

  private static String swaggerBundle(String docsPage) {
    Matcher src = Pattern.compile("src=\"(/webjars/swagger-ui/[^\"]+/swagger-ui-bundle\\.js)\"").matcher(docsPage);
    assertThat(src.find()).isTrue();
    return src.group(1);
  }
}
