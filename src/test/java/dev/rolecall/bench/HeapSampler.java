package dev.rolecall.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/** Used heap every 100 ms while a run lasts: is it flat, and how high does it go? */
final class HeapSampler {
  private static final long EVERY_MS = 100;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final List<Long> samples = new ArrayList<>();
  private volatile boolean running;
  private Thread thread;

  void start() {
    running = true;
    thread = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
      while (running) {
        long used = memory.getHeapMemoryUsage().getUsed();
        synchronized (samples) {
          samples.add(used);
        }
        try {
          Thread.sleep(EVERY_MS);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join();
  }

  /** Max, mean, and the mean of the first and last tenth of the run: flat when those two are close. */
  String summary() {
    synchronized (samples) {
      int n = samples.size();
      if (n == 0) {
        return "no samples";
      }
      int tenth = Math.max(1, n / 10);
      return String.format("%d samples, max %.0f MB, mean %.0f MB, first tenth mean %.0f MB, last tenth mean %.0f MB"
              + " (max heap %d MB)", n, mb(samples.stream().mapToLong(Long::longValue).max().orElse(0)),
          mean(0, n), mean(0, tenth), mean(n - tenth, n), memory.getHeapMemoryUsage().getMax() >> 20);
    }
  }

  private double mean(int from, int to) {
    return mb((long) samples.subList(from, to).stream().mapToLong(Long::longValue).average().orElse(0));
  }

  private static double mb(long bytes) {
    return bytes / 1048576.0;
  }
}
