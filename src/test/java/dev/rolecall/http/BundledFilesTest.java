package dev.rolecall.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.support.ServiceTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract and the pages come from the service's build, not from the working directory: the tests run
 * in the project's folder, whose own {@code docs/} (benchmarks, the matrix's sources) must not be served.
 */
class BundledFilesTest extends ServiceTest {
  @Test
  void filesOfTheWorkingDirectoryAreNotServed() {
    assertThat(Files.exists(Path.of("docs/benchmarks.md"))).as("the working directory is the project's").isTrue();
    assertThat(api.get("/docs/benchmarks.md").statusCode()).isEqualTo(404);
    assertThat(api.get("/docs/matrix/role-matrix.md").statusCode()).isEqualTo(404);
    assertThat(api.get("/docs/").statusCode()).isEqualTo(200);
    assertThat(api.get("/openapi.yaml").bodyAsString()).contains("x-access");
  }

  @Test
  void theRootIsTheBuildsOwnFolderUnlessOneIsNamed() {
    Path root = BundledFiles.root(Optional.empty());
    assertThat(root).isNotEqualTo(Path.of("").toAbsolutePath());
    assertThat(root.resolve("webroot/index.html")).exists();
    assertThat(BundledFiles.root(Optional.of(Path.of("webapp")))).isEqualTo(Path.of("webapp").toAbsolutePath());
  }
}
