package dev.rolecall.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The methods of each path of the contract: a 405 says which ones there are ({@code Allow}), and a HEAD is
 * answered where a GET is, as a GET whose body HTTP leaves out.
 */
final class AllowedMethods {
  private static final Pattern PARAMETER = Pattern.compile("\\{[^}/]+}");

  private final Map<Pattern, TreeSet<String>> byPath = new LinkedHashMap<>();

  private AllowedMethods() {
  }

  /**
   * From the whole contract: an event stream's GET gets no HEAD, since its answer never ends and a HEAD's
   * client could not read it.
   */
  static AllowedMethods of(JsonObject contract) {
    AllowedMethods allowed = new AllowedMethods();
    contract.getJsonObject("paths", new JsonObject()).forEach(path -> {
      TreeSet<String> methods = new TreeSet<>();
      ((JsonObject) path.getValue()).forEach(operation -> {
        if (operation.getValue() instanceof JsonObject op && op.containsKey("operationId")) {
          methods.add(operation.getKey().toUpperCase(java.util.Locale.ROOT));
          if (operation.getKey().equals("get") && !streams(op)) {
            methods.add("HEAD");
          }
        }
      });
      allowed.byPath.put(Pattern.compile(template(path.getKey())), methods);
    });
    return allowed;
  }

  private static boolean streams(JsonObject operation) {
    JsonObject ok = operation.getJsonObject("responses", new JsonObject()).getJsonObject("200", new JsonObject());
    return ok.getJsonObject("content", new JsonObject()).containsKey("text/event-stream");
  }

  /** Adds the rerouting of HEAD to GET, ahead of every route. */
  void mount(Router router) {
    router.route().order(-2).method(HttpMethod.HEAD).handler(ctx -> {
      List<String> methods = at(ctx.normalizedPath());
      if (methods.contains("HEAD")) {
        ctx.reroute(HttpMethod.GET, ctx.request().uri());
      } else {
        ctx.next();
      }
    });
  }

  /** The methods of the path, empty when the contract has no such path. */
  List<String> at(String path) {
    for (Map.Entry<Pattern, TreeSet<String>> entry : byPath.entrySet()) {
      if (entry.getKey().matcher(path).matches()) {
        return new ArrayList<>(entry.getValue());
      }
    }
    return List.of();
  }

  private static String template(String path) {
    Matcher parameter = PARAMETER.matcher(path);
    StringBuilder regex = new StringBuilder();
    int last = 0;
    while (parameter.find()) {
      regex.append(Pattern.quote(path.substring(last, parameter.start()))).append("[^/]+");
      last = parameter.end();
    }
    return regex.append(Pattern.quote(path.substring(last))).toString();
  }
}
