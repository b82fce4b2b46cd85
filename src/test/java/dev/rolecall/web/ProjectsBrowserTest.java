package dev.rolecall.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.Rolecall;
import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.TestService;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The projects list and a project's page: who may add and rename projects gets the forms, who may only look does not. */
class ProjectsBrowserTest {
  @RegisterExtension
  static final Browser browser = new Browser();

  private static Rolecall service;
  private static Fixtures fixtures;
  private static UUID account;

  @BeforeAll
  static void start() {
    service = TestService.start();
    fixtures = new Fixtures(service.pool());
    account = fixtures.account();
    browser.at(service.port());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @BeforeEach
  void loggedOut() {
    browser.loggedOut();
  }

  @Test
  void anAdminAddsAProjectFromTheListAndRenamesItOnItsPage() {
    browser.logIn(fixtures.login(fixtures.user(account, Role.ADMIN)), Fixtures.PASSWORD);
    browser.waitForPath("/users");
    browser.click("rc-nav >> a[href='/projects']");
    browser.find("rc-projects-page >> h1");
    String name = "Support " + UUID.randomUUID().toString().substring(0, 8);

    browser.type("rc-projects-page >> input[name=name]", name);
    browser.click("rc-projects-page >> button[type=submit]");

    browser.waitForPath("/projects/[0-9a-f-]{36}");
    assertThat(browser.textOf(browser.find("rc-project-page >> h1"))).isEqualTo(name);
    browser.clickWithText("rc-project-page >> button", "Rename or describe");
    browser.erase("rc-project-page >> input[name=name]");
    browser.type("rc-project-page >> input[name=name]", name + " EN");
    browser.click("rc-project-page >> button[type=submit]");
    browser.waitUntil("the new name shows", () -> browser.textOf(browser.find("rc-project-page >> h1")).equals(name + " EN"));
    browser.click("rc-project-page >> a[href='/projects']");
    browser.withText("rc-projects-page >> ul.projects a", name + " EN");
  }

  @Test
  void aTechSupportUserSeesTheProjectsWithoutTheFormsToChangeThem() {
    String name = "Sales " + UUID.randomUUID().toString().substring(0, 8);
    UUID project = service.pool().preparedQuery("INSERT INTO project (account_id, name) VALUES ($1, $2) RETURNING id")
        .execute(io.vertx.sqlclient.Tuple.of(account, name)).await().iterator().next().getUUID(0);
    browser.logIn(fixtures.login(fixtures.user(account, Role.TECH_SUPPORT)), Fixtures.PASSWORD);
    browser.find("rc-nav");

    browser.open("/projects");
    browser.withText("rc-projects-page >> ul.projects a", name);
    assertThat(browser.all("rc-projects-page >> form")).isEmpty();
    browser.open("/projects/" + project);
    browser.find("rc-project-page >> h1");
    assertThat(browser.all("rc-project-page >> button")).isEmpty();
  }
}
