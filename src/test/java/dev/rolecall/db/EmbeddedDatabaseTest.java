package dev.rolecall.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {

  @Test
  void keepsDataAcrossRestartsAndWritesDurably() throws SQLException {
    Path dataDir = TestDatabase.tempDir("rolecall-restart");

    try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir)) {
      Migrations.apply(first.url());
      try (Connection db = connect(first.url()); Statement sql = db.createStatement()) {
        assertThat(setting(sql, "fsync")).isEqualTo("on");
        assertThat(setting(sql, "synchronous_commit")).isEqualTo("on");
        sql.executeUpdate("INSERT INTO account (name) VALUES ('Written before the restart')");
      }
    }

    try (EmbeddedDatabase second = EmbeddedDatabase.start(dataDir);
        Connection db = connect(second.url());
        Statement sql = db.createStatement();
        ResultSet rows = sql.executeQuery("SELECT name FROM account")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("Written before the restart");
    }
  }

  private static Connection connect(DatabaseUrl url) throws SQLException {
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }

  private static String setting(Statement sql, String name) throws SQLException {
    try (ResultSet rows = sql.executeQuery("SHOW " + name)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
