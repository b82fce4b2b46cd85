package dev.rolecall.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service as an operator runs it: {@code dev.rolecall.Main} in a JVM of its own. */
public final class ServiceProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)/");

  private final Process process;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final List<String> stderr = new CopyOnWriteArrayList<>();
  private final Thread stdoutReader;
  private final Thread stderrReader;

  private ServiceProcess(Process process) {
    this.process = process;
    this.stdoutReader = collect(process.inputReader(StandardCharsets.UTF_8), stdout);
    this.stderrReader = collect(process.errorReader(StandardCharsets.UTF_8), stderr);
  }

  public static ServiceProcess start(Map<String, String> env) {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.rolecall.Main");
    builder.environment().keySet().removeIf(name -> name.startsWith("ROLECALL_"));
    // Several may run at once: the management server takes a free port unless the test names one.
    builder.environment().put("ROLECALL_MANAGEMENT_PORT", "0");
    builder.environment().putAll(env);
    try {
      return new ServiceProcess(builder.start());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The port it listens on, once it says so; fails if it exits or stays silent. */
  public int awaitListening(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : stdout) {
        Matcher matcher = LISTENING.matcher(line);
        if (matcher.find()) {
          return Integer.parseInt(matcher.group(1));
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError("the service exited with " + process.exitValue() + ": " + stdout + stderr);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the service did not listen within " + timeout + ": " + stdout + stderr);
  }

  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the service did not exit within " + timeout + ": " + stdout + stderr);
    }
    stdoutReader.join();
    stderrReader.join();
    return process.exitValue();
  }

  /** SIGTERM, as an operator sends it. Process.destroy() would also close our end of its output. */
  public void terminate() {
    process.toHandle().destroy();
  }

  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public List<String> stdout() {
    return stdout;
  }

  public List<String> stderr() {
    return stderr;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private static Thread collect(BufferedReader reader, List<String> lines) {
    return Thread.ofVirtual().start(() -> {
      try (reader) {
        reader.lines().forEach(lines::add);
      } catch (IOException ignored) {
        // the process is gone: nothing more to read
      }
    });
  }
}
