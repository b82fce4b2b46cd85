package dev.rolecall.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolecall.Config;
import dev.rolecall.StartupException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedConfigTest {
  @Test
  void eventsAreKeptAWeekUnlessTheEnvironmentSaysOtherwise() {
    assertThat(Config.fromEnvironment(Map.of()).feed().retention()).isEqualTo(Duration.ofDays(7));
    assertThat(Config.fromEnvironment(Map.of("ROLECALL_ACCESS_EVENTS_RETENTION", "P2DT12H")).feed().retention())
        .isEqualTo(Duration.ofHours(60));
    assertThat(Config.fromEnvironment(Map.of("ROLECALL_ACCESS_EVENTS_RETENTION", "36h")).feed().retention())
        .isEqualTo(Duration.ofHours(36));
  }

  @Test
  void aBadRetentionNamesTheVariable() {
    assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ROLECALL_ACCESS_EVENTS_RETENTION", "a week")))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith("ROLECALL_ACCESS_EVENTS_RETENTION must be a duration");
  }
}
