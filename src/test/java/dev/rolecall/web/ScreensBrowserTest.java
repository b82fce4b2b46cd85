package dev.rolecall.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.Rolecall;
import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The role matrix grid, and each main screen: it shows, fits a phone, and leaves a screenshot under target/screenshots. */
class ScreensBrowserTest {
  private static final List<String> SCREENS = List.of("/users", "/users/new", "/users/{member}", "/roles", "/audit",
      "/profile", "/password", "/tokens", "/logs", "/projects");

  @RegisterExtension
  static final Browser browser = new Browser();

  private static Rolecall service;
  private static Fixtures fixtures;
  private static UUID account;
  private static String admin;
  private static UUID member;

  @BeforeAll
  static void start() {
    service = TestService.start();
    fixtures = new Fixtures(service.pool());
    account = fixtures.account();
    admin = fixtures.login(fixtures.user(account, Role.ADMIN));
    member = fixtures.user(account, Role.ANALYST, Role.OPERATOR);
    browser.at(service.port());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @BeforeEach
  void logInAsAdmin() {
    browser.loggedOut();
    browser.screenshot("login");
    browser.logIn(admin, Fixtures.PASSWORD);
    browser.waitForPath("/users");
  }

  @AfterEach
  void desktopAgain() {
    browser.size(1280, 900);
  }

  @Test
  void theRolesGridShowsTwelveRolesByFortyFourPermissionsWithTheMarksOfTheMatrix() {
    browser.click("rc-nav >> a[href='/roles']");
    browser.find("rc-roles-grid >> td[data-role]");

    assertThat(browser.all("rc-roles-grid >> thead th[data-role]")).hasSize(12);
    assertThat(browser.all("rc-roles-grid >> tr[data-permission]")).hasSize(44);
    assertThat(browser.all("rc-roles-grid >> td[data-role]")).hasSize(12 * 44);
    JsonArray roles = new JsonArray(get("/api/roles"));
    for (String sampled : List.of("ADMIN", "RAWLOGS_ANALYTIC")) {
      Set<Object> expected = roles.stream().map(JsonObject.class::cast).filter(role -> role.getString("name").equals(sampled))
          .findFirst().orElseThrow().getJsonArray("permissions").stream().collect(Collectors.toSet());
      Set<Object> marked = browser.all("rc-roles-grid >> td[data-role=" + sampled + "][data-granted=true]").stream()
          .map(cell -> (Object) browser.js("return arguments[0].closest('tr').dataset.permission;", cell))
          .collect(Collectors.toSet());
      assertThat(marked).as(sampled).isEqualTo(expected);
    }
    assertThat(browser.all("rc-roles-grid >> tbody[data-area]")).hasSizeGreaterThan(5);

    browser.clickWithText("rc-roles-grid >> thead button", "RAWLOGS_ANALYTIC");
    assertThat(browser.all("rc-roles-grid >> td.hl")).hasSize(44);
    browser.screenshot("roles");
    browser.type("rc-roles-page >> #search", "dialog logs");
    browser.waitUntil("the search narrows the grid", () -> browser.all("rc-roles-grid >> tr[data-permission]").size() < 44);
    assertThat(browser.all("rc-roles-grid >> tr[data-permission]").stream().map(row -> row.getDomAttribute("data-permission")))
        .contains("DIALOG_LOGS_EXPORT").allMatch(name -> !name.startsWith("USER"));
  }

  @Test
  void eachMainScreenShowsAndFitsAPhone() {
    for (int width : new int[] {1280, 360}) {
      browser.size(width, 900);
      for (String screen : SCREENS) {
        browser.open(screen.replace("{member}", member.toString()));
        browser.find("main >> h1");
        browser.waitUntil("the screen finishes loading", () -> browser.all("[role=status].loading").isEmpty());
        String name = screen.substring(1).replace("/{member}", "-detail").replace('/', '-') + (width == 360 ? "-360px" : "");
        browser.screenshot(name);
        Number overflow = (Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(overflow.intValue()).as("horizontal overflow of %s at %d px", screen, width).isLessThanOrEqualTo(0);
      }
    }
  }

  private static String get(String path) {
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI base = URI.create("http://127.0.0.1:" + service.port());
      String token = new JsonObject(http.send(HttpRequest.newBuilder(base.resolve("/api/auth/login"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("login", admin).put("password", Fixtures.PASSWORD).encode()))
              .build(), HttpResponse.BodyHandlers.ofString()).body()).getString("accessToken");
      return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
