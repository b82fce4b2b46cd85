package dev.rolecall.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's, found on the PATH) per test class, and what the tests do with it:
 * find elements through the app's shadow roots, type, wait, take screenshots. After each test the
 * browser's console must hold no error; a failing test leaves a screenshot under target/screenshots.
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, TestWatcher {
  /** Documented in the README; CI never sets it. */
  public static final String SKIP_PROPERTY = "rolecall.skipBrowserTests";
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(10);

  private ChromeDriver driver;
  private Path profile;
  private String base;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Assumptions.assumeFalse(Boolean.getBoolean(SKIP_PROPERTY), "browser tests skipped by -D" + SKIP_PROPERTY + "=true");
    Path chromium = onPath("chromium", "chromium-browser", "google-chrome").orElseThrow(() -> missing("chromium"));
    Path chromedriver = onPath("chromedriver").or(() -> existing(Path.of("/usr/lib/chromium/chromedriver")))
        .orElseThrow(() -> missing("chromedriver"));
    profile = Files.createTempDirectory("rolecall-chromium");
    ChromeOptions options = new ChromeOptions()
        .setBinary(chromium.toFile())
        .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,900",
            "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** Each test ends with a console free of errors: script errors, CSP violations, failed loads. */
  @Override
  public void afterEach(ExtensionContext context) {
    List<String> errors = consoleErrors();
    assertThat(errors).as("errors in the browser's console").isEmpty();
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (driver != null) {
      screenshot("failed-" + context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
    }
  }

  /** The service the tests drive; starts each test logged out. */
  public void at(int port) {
    base = "http://127.0.0.1:" + port;
  }

  public void loggedOut() {
    open("/login");
    // WebDriver deletes only the cookies the page sees, and the refresh cookie's path is /api/auth.
    driver.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
    open("/login");
    find("rc-login >> #login");
  }

  public void open(String path) {
    driver.get(base + path);
  }

  public void logIn(String login, String password) {
    type("rc-login >> #login", login);
    type("rc-login >> #password", password);
    click("rc-login >> button[type=submit]");
  }

  /** The first element matching a CSS selector in the document or any shadow root, once there. */
  public WebElement find(String selector) {
    return waitFor("an element " + selector, d -> all(selector).stream().findFirst().orElse(null));
  }

  /** Every element matching a selector, now; a selector "a b" matches b inside a's shadow root too. */
  @SuppressWarnings("unchecked")
  public List<WebElement> all(String selector) {
    return (List<WebElement>) js(Deep.SCRIPT + "return deepAll(arguments[0]);", selector);
  }

  /** Waits until exactly this many elements match. */
  public void waitForCount(String selector, int count) {
    waitFor(count + " of " + selector, d -> all(selector).size() == count ? true : null);
  }

  /** The first element matching the selector whose text contains the given text. */
  public WebElement withText(String selector, String text) {
    return waitFor(selector + " with text \"" + text + "\"",
        d -> all(selector).stream().filter(e -> textOf(e).contains(text)).findFirst().orElse(null));
  }

  public void click(String selector) {
    find(selector).click();
  }

  /**
   * Ticks the checkbox until an element with the text shows that the app took it: a late re-render of
   * the list may drop a tick made a moment before.
   */
  public void tickUntil(String checkbox, String selector, String text) {
    waitFor(selector + " with text \"" + text + "\" after ticking " + checkbox, d -> {
      if (all(selector).stream().anyMatch(e -> textOf(e).contains(text))) {
        return true;
      }
      all(checkbox).stream().findFirst().filter(box -> !box.isSelected()).ifPresent(WebElement::click);
      return null;
    });
  }

  /** Clicks the first element with the text, looking again if a re-render replaced it meanwhile. */
  public void clickWithText(String selector, String text) {
    waitFor("a click on " + selector + " with text \"" + text + "\"", d -> {
      WebElement found = all(selector).stream().filter(e -> textOf(e).contains(text)).findFirst().orElse(null);
      if (found == null) {
        return null;
      }
      found.click();
      return true;
    });
  }

  public void type(String selector, String text) {
    WebElement field = find(selector);
    field.clear();
    field.sendKeys(text);
  }

  /** Empties a field as a user would (select all, delete), so that the app hears it. */
  public void erase(String selector) {
    find(selector).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
  }

  public void waitUntil(String what, java.util.function.BooleanSupplier condition) {
    waitFor(what, d -> condition.getAsBoolean() ? true : null);
  }

  /** The text of the whole page as a reader sees it, through the shadow roots. */
  public String text() {
    return (String) js(Deep.SCRIPT + "return deepText(document.body);");
  }

  public String textOf(WebElement element) {
    return (String) js(Deep.SCRIPT + "return deepText(arguments[0]);", element);
  }

  public void waitForText(String text) {
    waitFor("the text \"" + text + "\"", d -> text().contains(text) ? true : null);
  }

  public void waitForPath(String regex) {
    waitFor("a path matching " + regex, d -> path().matches(regex) ? true : null);
  }

  /** Waits until the address's query holds the text: a page that filters says so there once it applies them. */
  public void waitForQueryContaining(String text) {
    waitFor("a query holding " + text, d -> String.valueOf(js("return location.search;")).contains(text) ? true : null);
  }

  public void waitUntilGone(String selector) {
    waitFor("no element " + selector, d -> all(selector).isEmpty() ? true : null);
  }

  public String path() {
    return (String) js("return location.pathname;");
  }

  /** Presses keys on whatever has the focus, as a keyboard would. */
  public void press(CharSequence... keys) {
    new Actions(driver).sendKeys(keys).perform();
  }

  /** Presses Tab until the focused element (through shadow roots) matches the selector. */
  public void tabTo(String selector) {
    for (int i = 0; i < 80; i++) {
      if (Boolean.TRUE.equals(js(Deep.SCRIPT + "const f = deepFocus(); return !!f && f.matches(arguments[0]);", selector))) {
        return;
      }
      press(Keys.TAB);
    }
    throw new AssertionError("Tab never reached " + selector + "; the focus is on " + js(Deep.SCRIPT + "return deepFocus()?.outerHTML?.slice(0, 200);"));
  }

  /** What the service answers the page's session for a link, as "status content-type" (the browser's own cookie goes along). */
  public String fetch(String href) {
    return (String) ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0]).then(r => done(r.status + ' ' + r.headers.get('Content-Type'))).catch(e => done(String(e)));",
        href);
  }

  public void size(int width, int height) {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
  }

  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  public WebDriver driver() {
    return driver;
  }

  public Path screenshot(String name) {
    try {
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException | RuntimeException e) {
      System.err.println("no screenshot " + name + ": " + e);
      return null;
    }
  }

  /**
   * Errors in the console since the last call. Answers of the API that the app expects and shows to
   * the user (401 before login, a refused login, a validation problem, 501 of a feature the server
   * lacks) are logged by Chromium as failed loads: those are not errors of the app.
   */
  public List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(message -> !message.matches("(?s)\\S+/api/\\S* - Failed to load resource: the server responded with a status of (4\\d\\d|501) .*"))
        .toList();
  }

  private <T> T waitFor(String what, Function<WebDriver, T> condition) {
    try {
      // The app re-renders as answers arrive: an element read a moment ago may be gone; look again.
      return new WebDriverWait(driver, WAIT, Duration.ofMillis(100))
          .ignoring(StaleElementReferenceException.class).until(condition);
    } catch (TimeoutException e) {
      throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + " at " + path() + "; the page says: " + text(), e);
    }
  }

  private static Optional<Path> onPath(String... names) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : names) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> existing(Path path) {
    return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
  }

  private static IllegalStateException missing(String program) {
    return new IllegalStateException("The browser tests need Chromium and its driver, and " + program
        + " is not on the PATH. Install them with: apt-get install -y chromium chromium-driver"
        + " (.ci/run does this), or skip the browser tests with -D" + SKIP_PROPERTY + "=true");
  }
}
