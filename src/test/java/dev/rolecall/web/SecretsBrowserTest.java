package dev.rolecall.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.Rolecall;
import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.TestService;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An ADMIN adds a project secret, reveals it on an explicit click, hides it, and finds the reveal in the audit log. */
class SecretsBrowserTest {
  @RegisterExtension
  static final Browser browser = new Browser();

  private static Rolecall service;
  private static Fixtures fixtures;
  private static UUID account;
  private static String admin;

  @BeforeAll
  static void start() {
    service = TestService.start();
    fixtures = new Fixtures(service.pool());
    account = fixtures.account();
    admin = fixtures.login(fixtures.user(account, Role.ADMIN));
    browser.at(service.port());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void anAdminRevealsASecretAndTheAuditLogShowsTheReveal() {
    UUID project = service.pool().preparedQuery("INSERT INTO project (account_id, name) VALUES ($1, $2) RETURNING id")
        .execute(Tuple.of(account, "Bot " + UUID.randomUUID())).await().iterator().next().getUUID(0);
    String value = "planted-" + UUID.randomUUID();
    browser.loggedOut();
    browser.logIn(admin, Fixtures.PASSWORD);
    browser.waitForPath("/users");

    browser.open("/projects/" + project + "/secrets");
    browser.find("rc-secrets-page >> h1");
    browser.type("rc-secrets-page >> #new-name", "CRM_KEY");
    browser.type("rc-secrets-page >> #new-value", value);
    browser.click("rc-secrets-page >> form button[type=submit]");
    browser.waitForText("The secret CRM_KEY was added.");
    assertThat(browser.text()).doesNotContain(value);

    browser.click("rc-secrets-page >> li[data-secret=CRM_KEY] button.reveal");
    assertThat(browser.textOf(browser.find("rc-secrets-page >> output.value"))).isEqualTo(value);
    browser.screenshot("secret-revealed");
    browser.click("rc-secrets-page >> li[data-secret=CRM_KEY] button.hide");
    browser.waitUntilGone("rc-secrets-page >> output.value");

    browser.click("rc-nav >> a[href='/audit']");
    String reveal = browser.textOf(browser.withText("rc-audit-events >> tbody tr", "secret.revealed"));
    assertThat(reveal).contains("CRM_KEY").doesNotContain(value);
    assertThat(browser.text()).doesNotContain(value);
    browser.screenshot("secret-reveal-audited");

    browser.open("/telephony");
    browser.find("rc-telephony-page >> h1");
    assertThat(browser.all("rc-nav >> a[href='/telephony']")).hasSize(1);
  }
}
