package dev.rolecall.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.Rolecall;
import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.TestService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/** What each user may reach: the login screen's refusals, the navigation by permission, "not allowed" pages. */
class AccessBrowserTest {
  private static final int FAILURES_BEFORE_THROTTLE = 3;

  @RegisterExtension
  static final Browser browser = new Browser();

  private static Rolecall service;
  private static Fixtures fixtures;
  private static UUID account;

  @BeforeAll
  static void start() {
    // Other test classes fail logins from this address too; only the per-login limit is this class's own.
    service = TestService.start(Map.of(
        "ROLECALL_LOGIN_MAX_FAILURES_PER_LOGIN_IP", String.valueOf(FAILURES_BEFORE_THROTTLE),
        "ROLECALL_LOGIN_MAX_FAILURES_PER_IP", "1000000",
        "ROLECALL_LOGIN_MAX_FAILURES_OVERALL", "1000000"));
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
  void aRawLogsAnalystSeesOnlyTheProjectsTheDownloadAndTokens() {
    browser.logIn(fixtures.login(fixtures.user(account, Role.RAWLOGS_ANALYTIC)), Fixtures.PASSWORD);

    browser.waitForPath("/logs");
    browser.find("rc-logs-page >> h1");
    assertThat(browser.all("rc-nav >> a").stream().map(browser::textOf)).containsExactly("Dialog logs", "Projects", "API tokens");
    browser.screenshot("rawlogs-analytic");

    for (String forbidden : List.of("/users", "/users/new", "/roles", "/audit", "/profile", "/users/" + UUID.randomUUID())) {
      browser.open(forbidden);
      WebElement page = browser.find("rc-status-page >> [data-page=not-allowed]");
      assertThat(browser.textOf(page)).as(forbidden).contains("Not allowed", "Your roles do not allow you to see this page");
    }
    assertThat(browser.textOf(browser.find("rc-status-page >> [data-page=not-allowed]"))).contains("getUser", "RAWLOGS_ANALYTIC");
    browser.screenshot("not-allowed");

    browser.open("/tokens");
    browser.find("rc-tokens-page >> h1");
    browser.open("/no/such/page");
    browser.withText("rc-status-page >> h1", "Page not found");
  }

  @Test
  void aRawLogsAnalystCreatesAnApiTokenSeesItOnceAndRevokesIt() {
    browser.logIn(fixtures.login(fixtures.user(account, Role.RAWLOGS_ANALYTIC)), Fixtures.PASSWORD);
    browser.waitForPath("/logs");
    browser.click("rc-nav >> a[href='/tokens']");
    browser.type("rc-token-form >> #name", "nightly <export>");
    browser.click("rc-token-form >> button[type=submit]");

    assertThat(browser.textOf(browser.find("rc-tokens-page >> #secret"))).startsWith("rcp_");
    browser.withText("rc-tokens-page >> button", "Copy");
    WebElement row = browser.withText("rc-token-list >> tbody tr", "nightly <export>");
    assertThat(browser.textOf(row)).contains("Never");
    browser.screenshot("tokens-created");

    browser.clickWithText("rc-token-list >> button", "Revoke");
    browser.driver().switchTo().alert().accept();
    browser.waitForText("The token \"nightly <export>\" was revoked.");
    browser.waitForText("No API tokens.");
  }

  @Test
  void aUserHoldingOnlyInitialIsToldNoRoleAllowsLogin() {
    browser.logIn(fixtures.login(fixtures.user(account, Role.INITIAL)), Fixtures.PASSWORD);

    browser.withText("rc-login >> [role=alert]", "No role allows login");
    assertThat(browser.all("rc-nav")).isEmpty();
    browser.screenshot("login-refused");
  }

  @Test
  void aWrongPasswordSaysSoAndThrottlingSaysWhenToRetry() {
    String login = fixtures.login(fixtures.user(account, Role.USER));

    browser.logIn(login, "not the password at all");
    browser.withText("rc-login >> [role=alert]", "Wrong login or password.");
    for (int i = 1; i < FAILURES_BEFORE_THROTTLE; i++) {
      assertThat(failedLogin(login)).isEqualTo(401);
    }
    browser.logIn(login, Fixtures.PASSWORD);

    WebElement alert = browser.withText("rc-login >> [role=alert]", "Too many failed logins.");
    assertThat(browser.textOf(alert)).containsPattern("Try again in \\d+ (minutes|seconds) \\(at \\d");
  }

  @Test
  void aUserWithATemporaryPasswordMustChangeItFirst() {
    String login = fixtures.login(fixtures.user(account, Fixtures.uniqueLogin(), true, true, Role.USER));
    browser.logIn(login, Fixtures.PASSWORD);

    browser.waitForPath("/password");
    browser.waitForText("Your password is temporary.");
    assertThat(browser.all("rc-nav")).isEmpty();
    browser.open("/users");
    browser.waitForPath("/password");

    String mine = "quiet lantern orbit pancake 7";
    browser.type("rc-password-change >> #current", Fixtures.PASSWORD);
    browser.type("rc-password-fields >> #password", mine);
    browser.type("rc-password-fields >> #confirmation", mine);
    browser.click("rc-password-change >> button[type=submit]");

    browser.waitForPath("/users");
    browser.find("rc-nav");
  }

  /** A failed login from the same address as the browser, as a script would send it. */
  private static int failedLogin(String login) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/api/auth/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"" + login + "\",\"password\":\"wrong wrong wrong\"}"))
          .build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
