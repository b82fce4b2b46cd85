package dev.rolecall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void defaultsRunTheEmbeddedDatabaseOnPort8080() {
    Config config = Config.fromEnvironment(Map.of());

    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.databaseUrl()).isEmpty();
    assertThat(config.dataDir().isAbsolute()).isTrue();
    assertThat(config.dataDir().getFileName()).hasToString("data");
  }

  @Test
  void aDatabaseUrlIsParsedAndNeverPrintsItsPassword() {
    Config config = Config.fromEnvironment(Map.of("ROLECALL_DATABASE_URL", "postgresql://app:s3cret@db.internal:6543/rolecall"));

    var url = config.databaseUrl().orElseThrow();
    assertThat(url.host()).isEqualTo("db.internal");
    assertThat(url.port()).isEqualTo(6543);
    assertThat(url.database()).isEqualTo("rolecall");
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isEqualTo("s3cret");
    assertThat(url.toString()).doesNotContain("s3cret");
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ROLECALL_HTTP_PORT", "70000")))
        .isInstanceOf(StartupException.class)
        .hasMessage("ROLECALL_HTTP_PORT must be between 0 and 65535, got 70000");
    assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ROLECALL_DATABASE_URL", "jdbc:postgresql://db/rolecall")))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith("ROLECALL_DATABASE_URL is not a postgresql://");
  }
}
