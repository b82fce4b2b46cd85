package dev.rolecall.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AdvisoryLockTest {
  @Test
  void everyLockHasItsOwnKey() {
    assertThat(Arrays.stream(AdvisoryLock.values()).map(AdvisoryLock::key)).doesNotHaveDuplicates();
  }
}
