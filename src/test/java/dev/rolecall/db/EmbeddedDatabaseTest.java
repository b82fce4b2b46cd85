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

  @Test
  void takesOnlyTheGeneratedPasswordOnLoopback() throws Exception {
    Path dataDir = TestDatabase.tempDir("rolecall-scram");
    try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir)) {
      DatabaseUrl url = database.url();
      Path passwordFile = dataDir.resolve("postgres.password");
      assertThat(java.nio.file.Files.getPosixFilePermissions(passwordFile))
          .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      assertThat(url.password()).isEqualTo(java.nio.file.Files.readString(passwordFile).trim()).hasSize(64);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriverManager.getConnection(url.jdbcUrl(), "postgres", ""))
          .isInstanceOf(SQLException.class);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriverManager.getConnection(url.jdbcUrl(), "postgres", "wrong"))
          .isInstanceOf(SQLException.class);
      try (Connection db = connect(url); Statement sql = db.createStatement()) {
        assertThat(setting(sql, "listen_addresses")).isEqualTo("localhost");
        try (ResultSet rows = sql.executeQuery("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'postgres'")) {
          rows.next();
          assertThat(rows.getBoolean(1)).isTrue();
        }
      }
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
