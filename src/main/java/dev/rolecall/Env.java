package dev.rolecall;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** Reading typed values from environment variables; a bad value is a {@link StartupException} naming it. */
public final class Env {
  private Env() {
  }

  public static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  public static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
    Optional<String> raw = value(env, name);
    if (raw.isEmpty()) {
      return fallback;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(raw.get());
    } catch (NumberFormatException e) {
      throw new StartupException(name + " must be a whole number, got '" + raw.get() + "'");
    }
    if (parsed < min || parsed > max) {
      throw new StartupException(name + " must be between " + min + " and " + max + ", got " + parsed);
    }
    return parsed;
  }

  /** ISO-8601 ({@code PT8H}) or a number with a unit: {@code 90s}, {@code 15m}, {@code 8h}, {@code 30d}. */
  public static Duration duration(Map<String, String> env, String name, Duration fallback) {
    Optional<String> raw = value(env, name);
    if (raw.isEmpty()) {
      return fallback;
    }
    String text = raw.get();
    Duration parsed;
    try {
      parsed = text.matches("\\d+[smhd]")
          ? Duration.parse((text.endsWith("d") ? "P" : "PT") + text.toUpperCase())
          : Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new StartupException(name + " must be a duration such as 15m, 8h or PT8H, got '" + text + "'");
    }
    if (parsed.isNegative() || parsed.isZero()) {
      throw new StartupException(name + " must be positive, got " + text);
    }
    return parsed;
  }
}
