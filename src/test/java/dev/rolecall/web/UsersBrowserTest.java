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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;

/** An administrator manages users through the SPA in a real browser, against the real service and database. */
class UsersBrowserTest {
  private static final String STRONG = "violet tractor nebula umbrella 42";

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

  @BeforeEach
  void logInAsAdmin() {
    browser.loggedOut();
    browser.logIn(admin, Fixtures.PASSWORD);
    browser.waitForPath("/users");
    browser.find("rc-users-page >> h1");
  }

  @Test
  void anAdminAddsAUserFindsThemDeactivatesThemAndTheyCanNoLongerLogIn() {
    String last = "Hopper" + suffix();
    String login = "grace." + suffix() + "@test.example";

    browser.click("rc-users-page >> a[href='/users/new']");
    fillUser("Grace", last, login, STRONG, STRONG, "ANALYST", "OPERATOR");
    browser.withText("rc-strength-meter >> .verdict", ": accepted");
    browser.screenshot("user-form");
    browser.click("rc-user-form >> button[type=submit]");
    browser.waitForPath("/users/[0-9a-f-]{36}");
    browser.waitForText("Grace " + last + " was added.");
    browser.withText("rc-user-permissions >> tr[data-permission=CLIENTS_EDIT]", "OPERATOR");
    browser.screenshot("user-added");

    browser.click("rc-nav >> a[href='/users']");
    browser.type("rc-users-filters >> #name", last);
    String row = "rc-users-table >> tr[data-login='" + login + "']";
    browser.waitForCount("rc-users-table >> tbody tr", 1);
    assertThat(browser.textOf(browser.withText(row, "Grace " + last))).contains("ANALYST", "OPERATOR", "Active");
    browser.erase("rc-users-filters >> #name");
    browser.type("rc-users-filters >> #login", login.substring(0, 14));
    // The filters apply after a pause in typing, and applying them clears the selection: tick after.
    browser.waitForQueryContaining("login=");
    browser.waitForCount("rc-users-table >> tbody tr", 1);
    browser.withText(row, "Grace " + last);

    browser.tickUntil(row + " >> input[type=checkbox]", "rc-bulk-actions", "1 selected");
    browser.clickWithText("rc-bulk-actions >> button", "Deactivate");
    browser.withText("rc-bulk-actions >> [data-bulk-report]", "Deactivate: 1 done");
    browser.withText(row, "Inactive");
    browser.screenshot("users-bulk-result");
    browser.click("rc-users-filters >> #active-only");
    browser.waitUntilGone(row);
    browser.waitForText("No users match these filters.");

    browser.click("rc-app >> button.link");
    browser.find("rc-login >> #login");
    browser.logIn(login, STRONG);
    browser.withText("rc-login >> [role=alert]", "This account is inactive");
  }

  @Test
  void aWeakPasswordIsRefusedWithTheEstimatorsAdvice() {
    String login = "weak." + suffix() + "@test.example";
    browser.open("/users/new");
    fillUser("Weak", "Password", login, "password1234", "password1234", "USER");
    browser.withText("rc-strength-meter >> .verdict", "not accepted");
    browser.click("rc-user-form >> button[type=submit]");

    String advice = browser.textOf(browser.find("rc-password-fields >> #password-error"));
    assertThat(advice).containsIgnoringCase("common").contains("Add another word");
    assertThat(browser.path()).isEqualTo("/users/new");
    assertThat(usersWithLogin(login)).isZero();
  }

  @Test
  void mismatchedPasswordsAreRefused() {
    String login = "twice." + suffix() + "@test.example";
    browser.open("/users/new");
    fillUser("Typed", "Twice", login, STRONG, STRONG + "!", "USER");
    browser.click("rc-user-form >> button[type=submit]");

    browser.withText("rc-password-fields >> #confirmation-error", "The two passwords differ.");
    browser.withText("rc-user-form >> [role=alert]", "Please correct the marked fields.");
    assertThat(usersWithLogin(login)).isZero();
  }

  @Test
  void aNameMadeOfMarkupIsShownAsText() {
    String markup = "<img src=x onerror=alert(1)>";
    UUID id = fixtures.user(account, Role.USER);
    service.pool().preparedQuery("UPDATE app_user SET first_name = $2, last_name = $3 WHERE id = $1")
        .execute(Tuple.of(id, markup, "Markup" + suffix())).await();

    browser.type("rc-users-filters >> #login", fixtures.login(id));
    browser.waitForCount("rc-users-table >> tbody tr", 1);
    browser.withText("rc-users-table >> tr[data-user-id='" + id + "']", markup);
    browser.open("/users/" + id);
    browser.withText("rc-user-detail >> h1", markup);

    assertThat(browser.all("img")).isEmpty();
    assertThat(browser.all("rc-app >> img")).isEmpty();
    try {
      browser.driver().switchTo().alert();
      throw new AssertionError("the markup ran: an alert is open");
    } catch (NoAlertPresentException expected) {
      // the name stayed text
    }
  }

  @Test
  void theAddUserFlowWorksByKeyboardAlone() {
    String last = "Keys" + suffix();
    browser.tabTo("a[href='/users/new']");
    browser.press(Keys.ENTER);
    browser.waitForPath("/users/new");
    browser.find("rc-role-picker >> input[value=USER]");

    browser.tabTo("#firstName");
    browser.press("Kay");
    browser.tabTo("#lastName");
    browser.press(last);
    browser.tabTo("#login");
    browser.press("kay." + suffix() + "@test.example");
    browser.tabTo("input[value=ANALYST]");
    browser.press(Keys.SPACE);
    browser.tabTo("input[value=USER]");
    browser.press(Keys.SPACE);
    browser.tabTo("#password");
    browser.press(STRONG);
    browser.tabTo("#confirmation");
    browser.press(STRONG, Keys.ENTER);

    browser.waitForPath("/users/[0-9a-f-]{36}");
    browser.waitForText("Kay " + last + " was added.");
    assertThat(browser.textOf(browser.find("rc-user-detail >> .role-list"))).contains("ANALYST", "USER");
  }

  @Test
  void anEditThatLostARaceSaysSoAndReloads() {
    UUID id = fixtures.user(account, Role.USER);
    browser.open("/users/" + id + "/edit");
    browser.type("rc-user-form >> #firstName", "Mine");
    service.pool().preparedQuery("UPDATE app_user SET first_name = 'Theirs', updated_at = now() WHERE id = $1")
        .execute(Tuple.of(id)).await();

    browser.click("rc-user-form >> button[type=submit]");
    browser.withText("rc-user-form >> [role=alert]", "Someone changed this meanwhile");
    browser.clickWithText("rc-user-form >> button", "Reload the user");

    browser.waitUntil("the form shows their change",
        () -> "Theirs".equals(browser.find("rc-user-form >> #firstName").getDomProperty("value")));
  }

  @Test
  void theLastAdministratorIsKeptAndTheRefusalExplained() {
    browser.open("/users");
    browser.type("rc-users-filters >> #login", admin);
    browser.click("rc-users-table >> tr[data-login='" + admin + "'] >> a");
    browser.clickWithText("rc-user-detail >> a", "Edit");
    browser.click("rc-user-form >> #active");
    browser.click("rc-user-form >> button[type=submit]");

    browser.withText("rc-user-form >> [role=alert]", "at least one active administrator");
  }

  @Test
  void theListFiltersByRoleSortsByColumnAndLoadsMore() {
    String family = "Many" + suffix();
    for (int i = 0; i < 52; i++) {
      UUID id = fixtures.user(account, i % 2 == 0 ? Role.ANALYST : Role.TECH_SUPPORT);
      service.pool().preparedQuery("UPDATE app_user SET last_name = $2 WHERE id = $1")
          .execute(Tuple.of(id, family + String.format("%02d", i))).await();
    }
    String rows = "rc-users-table >> tbody tr";
    browser.type("rc-users-filters >> #name", family);
    browser.waitUntil("the first page", () -> browser.all(rows).size() == 50);
    browser.clickWithText("rc-users-page >> button", "More");
    browser.waitUntil("the second page", () -> browser.all(rows).size() == 52);
    String csv = browser.all("rc-users-page >> a[download]").get(0).getDomAttribute("href");
    assertThat(csv).startsWith("/api/users.csv?").contains("name=" + family);
    assertThat(browser.fetch(csv)).startsWith("200 text/csv");

    browser.click("rc-users-filters >> summary");
    browser.click("rc-users-filters >> input[value=TECH_SUPPORT]");
    browser.waitUntil("only TECH_SUPPORT", () -> browser.all(rows).size() == 26);
    assertThat(browser.all(rows).stream().map(browser::textOf)).allMatch(text -> text.contains("TECH_SUPPORT"));

    browser.click("rc-users-table >> button[data-sort=name]");
    browser.waitUntil("descending names", () -> browser.textOf(browser.all(rows).get(0)).contains(family + "51"));
    assertThat(browser.find("rc-users-table >> th[aria-sort=descending]").getText()).contains("Name");
  }

  @Test
  void anEditIsSavedAndTheAuditLogShowsBeforeAndAfter() {
    UUID id = fixtures.user(account, Role.USER);
    browser.open("/users/" + id + "/edit");
    browser.type("rc-user-form >> #firstName", "Renamed");
    browser.click("rc-role-picker >> input[value=ANALYST]");
    browser.click("rc-user-form >> button[type=submit]");
    browser.waitForText("Changes saved.");
    assertThat(browser.textOf(browser.find("rc-user-detail >> .role-list"))).contains("ANALYST", "USER");

    browser.click("rc-nav >> a[href='/audit']");
    browser.type("rc-audit-filters >> #targetId", id.toString());
    browser.click("rc-audit-filters >> button[type=submit]");
    String renamed = browser.textOf(browser.withText("rc-audit-events >> tbody tr", "user.updated"));
    assertThat(renamed).contains("firstName", "before: Test", "after: Renamed");
    assertThat(browser.textOf(browser.withText("rc-audit-events >> tbody tr", "user.roles_changed")))
        .contains("roles", "after: ANALYST, USER");
    String csv = browser.all("rc-audit-page >> a[download]").get(0).getDomAttribute("href");
    assertThat(csv).startsWith("/api/audit-events.csv?").contains("targetId=" + id);
    assertThat(browser.fetch(csv)).startsWith("200 text/csv");
    browser.screenshot("audit-filtered");
  }

  private void fillUser(String first, String last, String login, String password, String repeat, String... roles) {
    browser.type("rc-user-form >> #firstName", first);
    browser.type("rc-user-form >> #lastName", last);
    browser.type("rc-user-form >> #login", login);
    for (String role : roles) {
      browser.click("rc-role-picker >> input[value=" + role + "]");
    }
    browser.type("rc-password-fields >> #password", password);
    browser.type("rc-password-fields >> #confirmation", repeat);
  }

  private static long usersWithLogin(String login) {
    return service.pool().preparedQuery("SELECT count(*) FROM app_user WHERE lower(login) = lower($1)")
        .execute(Tuple.of(login)).await().iterator().next().getLong(0);
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
