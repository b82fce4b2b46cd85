package dev.rolecall.support;

import dev.rolecall.db.DatabaseUrl;
import dev.rolecall.db.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PostgreSQL of this test JVM: the one named by {@code ROLECALL_TEST_DATABASE_URL}, or an
 * embedded one started on first use and stopped when the JVM exits.
 */
public final class TestDatabase {
  private static DatabaseUrl url;

  private TestDatabase() {
  }

  public static synchronized DatabaseUrl url() {
    if (url == null) {
      String configured = System.getenv("ROLECALL_TEST_DATABASE_URL");
      url = configured != null && !configured.isBlank()
          ? DatabaseUrl.parse("ROLECALL_TEST_DATABASE_URL", configured)
          : startEmbedded();
    }
    return url;
  }

  private static DatabaseUrl startEmbedded() {
    try {
      EmbeddedDatabase database = EmbeddedDatabase.start(Files.createTempDirectory("rolecall-test-db"));
      Runtime.getRuntime().addShutdownHook(new Thread(database::close, "test-database-stop"));
      return database.url();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The test database as an operator writes it, password included (DatabaseUrl.toString() leaves it out). */
  public static String operatorUrl() {
    DatabaseUrl db = url();
    String user = java.net.URLEncoder.encode(db.user(), java.nio.charset.StandardCharsets.UTF_8);
    String credentials = db.password() == null || db.password().isEmpty()
        ? user
        : user + ":" + java.net.URLEncoder.encode(db.password(), java.nio.charset.StandardCharsets.UTF_8);
    return "postgresql://" + credentials + "@" + db.host() + ":" + db.port() + "/" + db.database();
  }

  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
