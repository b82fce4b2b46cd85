package dev.rolecall.feed;

import dev.rolecall.Env;
import java.time.Duration;
import java.util.Map;

/** How long the change feed keeps its events: a subscriber away for longer must flush its cache. */
public record FeedConfig(Duration retention) {
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

  public static FeedConfig fromEnvironment(Map<String, String> env) {
    return new FeedConfig(Env.duration(env, "ROLECALL_ACCESS_EVENTS_RETENTION", DEFAULT_RETENTION));
  }
}
