package dev.rolecall.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/** What the benchmarks of issue 9 share: the machine they ran on, medians and percentiles, and the docs they write. */
final class BenchReport {
  private BenchReport() {
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("T", " ").replace("Z", " UTC");
  }

  /** One line on the machine: the figures mean little without it, and it is shared with other work. */
  static String machine() {
    return "%d cores (`nproc`), %s, %.1f GiB; JDK %s %s; load average (1, 5, 15 min) at the end: %s. The machine is shared with other sessions' builds and tests: the figures are noisy."
        .formatted(Runtime.getRuntime().availableProcessors(), cpu(), memoryGiB(), System.getProperty("java.vendor"),
            Runtime.version(), loadAverage());
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpu() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private static double memoryGiB() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
          .mapToDouble(l -> Double.parseDouble(l.replaceAll("\\D", "")) / (1 << 20)).findFirst().orElse(0);
    } catch (IOException e) {
      return 0;
    }
  }

  static double median(List<Double> values) {
    return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
  }

  /** Nearest-rank percentile. */
  static double percentile(double[] values, double percent) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Appends a section to docs/benchmarks.md (run from the project's folder, as Maven does). */
  static void append(String section) throws IOException {
    Path docs = Path.of("docs", "benchmarks.md");
    Files.createDirectories(docs.getParent());
    Files.writeString(docs, "\n" + section.strip() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    log("appended to %s", docs.toAbsolutePath());
  }

  static void log(String format, Object... values) {
    System.out.printf(format + "%n", values);
    System.out.flush();
  }
}
