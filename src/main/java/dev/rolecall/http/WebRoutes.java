package dev.rolecall.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Path;
import java.util.List;

/** What the server shows a browser: the SPA, its libraries (webjars) and the contract's Swagger UI. */
final class WebRoutes {
  private static final List<String> NOT_PAGES = List.of("/api/", "/webjars/", "/docs/", "/health/", "/metrics");

  private WebRoutes() {
  }

  /** {@code root}: the folder of the bundled files (see {@link BundledFiles}), an absolute path. */
  static void mount(Router router, Path root, Buffer indexHtml, Buffer docsHtml) {
    router.get("/docs").handler(ctx -> html(ctx, docsHtml));
    router.get("/docs/*").handler(StaticHandler.create(FileSystemAccess.ROOT, root.resolve("docs").toString()));
    router.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(86_400));
    router.get("/*").handler(StaticHandler.create(FileSystemAccess.ROOT, root.resolve("webroot").toString())
        .setCachingEnabled(false).setIndexPage("index.html"));
    router.get("/*").handler(ctx -> {
      if (isPageRoute(ctx.normalizedPath())) {
        html(ctx, indexHtml);
      } else {
        ctx.next();
      }
    });
  }

  /** A page of the SPA: not under a server prefix, and not a file name (a missing file is a 404). */
  private static boolean isPageRoute(String path) {
    String lastSegment = path.substring(path.lastIndexOf('/') + 1);
    return NOT_PAGES.stream().noneMatch(path::startsWith) && !lastSegment.contains(".");
  }

  private static void html(RoutingContext ctx, Buffer page) {
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .end(page);
  }
}
