package dev.rolecall.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the contract (which holds the access rules), the web app and the API docs are read from: the
 * service's own build, never the working directory. Vert.x resolves a relative path in the working
 * directory before the class path, so an edited {@code ./openapi.yaml} once changed who may list users.
 * Running from the jar, they are copied once into a private temporary folder and served from its absolute
 * path; running from the build's classes folder, that folder is used as it is. A developer may name a
 * folder explicitly ({@code ROLECALL_WEB_DIR}) holding {@code openapi.yaml}, {@code webroot/} and
 * {@code docs/}.
 */
final class BundledFiles {
  static final String CONTRACT = "openapi.yaml";
  private static final List<String> BUNDLED = List.of(CONTRACT, "webroot", "docs");

  private BundledFiles() {
  }

  /** Blocking: call it off the event loop. */
  static Path root(Optional<Path> developmentFolder) {
    if (developmentFolder.isPresent()) {
      return developmentFolder.get().toAbsolutePath();
    }
    URL contract = BundledFiles.class.getClassLoader().getResource(CONTRACT);
    if (contract == null) {
      throw new IllegalStateException("the build holds no " + CONTRACT);
    }
    try {
      URI uri = contract.toURI();
      if ("file".equals(uri.getScheme())) {
        return Path.of(uri).getParent();
      }
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
        Path copy = Files.createTempDirectory("rolecall-bundled-");
        for (String name : BUNDLED) {
          copyTree(jar.getPath("/" + name), copy.resolve(name));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(copy)));
        return copy;
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot read the bundled web files: " + e.getMessage(), e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.exists(from)) {
      return;
    }
    try (Stream<Path> all = Files.walk(from)) {
      for (Path source : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> all = Files.walk(folder)) {
      all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A temporary folder left behind is the system's to clean.
    }
  }
}
