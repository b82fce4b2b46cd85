package dev.rolecall.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.Rolecall;
import dev.rolecall.auth.Role;
import dev.rolecall.support.Fixtures;
import dev.rolecall.support.TestService;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * The dialog log download: the browser saves the file itself while the page, through the counting
 * service worker (/download-sw.js), shows the bytes received and then that it is done.
 */
class LogsDownloadBrowserTest {
  private static final int ROWS = 3000;

  @RegisterExtension
  static final Browser browser = new Browser();

  private static Rolecall service;
  private static Fixtures fixtures;
  private static Path downloads;

  @BeforeAll
  static void start() throws IOException {
    service = TestService.start();
    fixtures = new Fixtures(service.pool());
    browser.at(service.port());
    downloads = Files.createTempDirectory("rolecall-downloads");
    ((org.openqa.selenium.chrome.ChromeDriver) browser.driver()).executeCdpCommand("Browser.setDownloadBehavior",
        Map.<String, Object>of("behavior", "allow", "downloadPath", downloads.toString()));
  }

  @AfterAll
  static void stop() throws IOException {
    if (service != null) {
      service.close();
    }
    if (downloads != null) {
      try (Stream<Path> files = Files.walk(downloads)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** Each test starts with an empty download directory. */
  @BeforeEach
  void noDownloads() throws IOException {
    for (Path file : savedOrPartial()) {
      Files.delete(file);
    }
  }

  @Test
  void theDownloadIsSavedByTheBrowserAndThePageCountsItsBytes() throws IOException {
    UUID account = fixtures.account();
    UUID project = project(account, "Support bot");
    // Yesterday noon, local time: inside the page's default range (yesterday midnight to today's).
    ZonedDateTime noon = ZonedDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.DAYS).minusHours(12);
    service.pool().preparedQuery("""
            INSERT INTO dialog_log (account_id, project_id, at, dialog_id, channel, client_id, request, answer,
                                    state, labels, idempotency_key)
            SELECT $1, $2, $3::timestamptz + n * interval '1 second', 'dialog-' || n, 'web', 'client-' || (n % 7),
                   'How do I reset my password? (' || n || ')', repeat('Open the settings, then Security. ', 3),
                   'faq', ARRAY['billing', 'vip'], 'key-' || n
            FROM generate_series(1, $4) AS n""")
        .execute(Tuple.of(account, project, noon.toOffsetDateTime(), ROWS)).await();

    browser.loggedOut();
    browser.logIn(fixtures.login(fixtures.user(account, Role.RAWLOGS_ANALYTIC)), Fixtures.PASSWORD);
    browser.waitForPath("/logs");
    browser.withText("rc-logs-page >> #project option", "Support bot");
    // The counting worker controls the page once registered and activated.
    browser.find("rc-logs-page >> #counting[data-counting=yes]");
    assertThat(browser.find("rc-logs-page >> #download").getAttribute("href")).contains("download=");

    browser.click("rc-logs-page >> #download");

    WebElement done = browser.find("rc-logs-page >> #progress[data-done=yes]");
    long shown = Long.parseLong(done.getAttribute("data-bytes"));
    assertThat(shown).isGreaterThan(64 * 1024);
    assertThat(browser.textOf(done)).startsWith("Done: ").contains("KB (").contains("bytes) received");
    browser.screenshot("logs-download-done");

    browser.waitUntil("the file in the download directory", () -> savedFiles().size() == 1);
    Path file = savedFiles().getFirst();
    browser.waitUntil("the file at its full size", () -> size(file) == shown);
    String csv = Files.readString(file);
    assertThat(csv).startsWith("dialog_id,at,project,channel,client_id,request,answer,state,labels");
    assertThat(csv.lines().count()).isEqualTo(ROWS + 1);
  }

  @Test
  void aRefusedDownloadShowsTheProblemAndThePageStays() {
    UUID account = fixtures.account();
    UUID project = project(account, "Short-lived bot");
    browser.loggedOut();
    browser.logIn(fixtures.login(fixtures.user(account, Role.RAWLOGS_ANALYTIC)), Fixtures.PASSWORD);
    browser.waitForPath("/logs");
    browser.withText("rc-logs-page >> #project option", "Short-lived bot");
    browser.find("rc-logs-page >> #counting[data-counting=yes]");
    service.pool().preparedQuery("DELETE FROM project WHERE id = $1").execute(Tuple.of(project)).await();

    browser.click("rc-logs-page >> #download");

    browser.withText("rc-logs-page >> [role=alert]", "This does not exist (any more).");
    assertThat(browser.path()).isEqualTo("/logs");
    assertThat(savedFiles()).isEmpty();
  }

  private static UUID project(UUID account, String name) {
    return service.pool().preparedQuery("INSERT INTO project (account_id, name) VALUES ($1, $2) RETURNING id")
        .execute(Tuple.of(account, name)).await().iterator().next().getUUID(0);
  }

  /** Files the browser has finished saving (not its .crdownload partials). */
  private static List<Path> savedFiles() {
    return savedOrPartial().stream().filter(path -> !path.getFileName().toString().endsWith(".crdownload")).toList();
  }

  private static List<Path> savedOrPartial() {
    try (Stream<Path> files = Files.list(downloads)) {
      return files.toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
