package dev.rolecall.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where every failure becomes an {@code application/problem+json} answer. */
public final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  private static final Set<String> WRAPPERS = Set.of("properties", "$ref", "additionalProperties", "items", "allOf");

  private Problems() {
  }

  /** Failure handler of every route, and error handler of the router (404, 405, 500). */
  public static void respond(RoutingContext ctx) {
    Problem problem = toProblem(ctx);
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (ctx.failure() instanceof ProblemException e) {
      e.headers().forEach(ctx.response()::putHeader);
    }
    if (problem.status() == 401 && !ctx.response().headers().contains("WWW-Authenticate")) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    send(ctx.response(), problem);
  }

  /**
   * Writes a problem as the whole answer: also for the answers given before any route (HTTP's own
   * errors, timeouts) and on the management server, which have no routing context.
   */
  public static Future<Void> send(HttpServerResponse response, Problem problem) {
    return response
        .setStatusCode(problem.status())
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Cache-Control", "no-store")
        .end(Json.encode(problem));
  }

  private static Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ProblemException e) {
      return e.problem();
    }
    if (failure instanceof HttpException e) {
      if (e.getCause() instanceof ValidatorException invalid) {
        return validation(invalid);
      }
      if (e.getCause() instanceof DecodeException) {
        return Problem.of(400, "malformed-body", "Malformed request body", "The body is not valid JSON.");
      }
      return forStatus(e.getStatusCode(), ctx);
    }
    if (failure instanceof DecodeException) {
      return Problem.of(400, "malformed-body", "Malformed request body", "The body is not valid JSON.");
    }
    if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() != 500) {
      return forStatus(ctx.statusCode(), ctx);
    }
    return fault(ctx, failure);
  }

  private static Problem validation(ValidatorException invalid) {
    Problem problem = Problem.of(400, "validation", "The request does not match the contract", invalid.getMessage());
    if (invalid instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      return problem.withErrors(fieldErrors(schema.getOutputUnit()));
    }
    return problem.withErrors(List.of(new Problem.FieldError(null, null, invalid.type().name(), invalid.getMessage())));
  }

  /**
   * One entry per offence. The schema validator also reports the keywords that merely lead to it
   * ({@code properties}, {@code $ref}, ...); those are dropped where a field has a more specific error.
   */
  private static List<Problem.FieldError> fieldErrors(OutputUnit unit) {
    List<OutputUnit> leaves = unit.getErrors() == null || unit.getErrors().isEmpty() ? List.of(unit) : unit.getErrors();
    List<Problem.FieldError> all = leaves.stream()
        .map(leaf -> new Problem.FieldError(pointer(leaf.getInstanceLocation()), null, keyword(leaf.getKeywordLocation()), leaf.getError()))
        .toList();
    return all.stream()
        .filter(error -> !WRAPPERS.contains(error.keyword()) || all.stream().noneMatch(other ->
            Objects.equals(other.pointer(), error.pointer()) && !WRAPPERS.contains(other.keyword())))
        .toList();
  }

  private static String pointer(String instanceLocation) {
    if (instanceLocation == null) {
      return null;
    }
    return instanceLocation.startsWith("#") ? instanceLocation.substring(1) : instanceLocation;
  }

  private static String keyword(String keywordLocation) {
    if (keywordLocation == null) {
      return null;
    }
    return keywordLocation.substring(keywordLocation.lastIndexOf('/') + 1);
  }

  private static Problem forStatus(int status, RoutingContext ctx) {
    return switch (status) {
      case 400 -> Problem.of(400, "bad-request", "Bad request", "The request cannot be understood.");
      case 401 -> Problem.of(401, "unauthorized", "Not authenticated", "Log in or send a valid credential.");
      case 403 -> Problem.of(403, "forbidden", "Forbidden", "You may not do this.");
      case 404 -> Problem.of(404, "not-found", "Not found", "Nothing is at " + ctx.normalizedPath() + ".");
      case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed",
          ctx.request().method() + " is not allowed on " + ctx.normalizedPath() + ".");
      case 406 -> Problem.of(406, "not-acceptable", "Not acceptable", "No answer in an accepted media type.");
      case 413 -> Problem.of(413, "payload-too-large", "Payload too large", "The request body is too large.");
      case 415 -> Problem.of(415, "unsupported-media-type", "Unsupported media type", "Send the body as application/json.");
      case 501 -> Problem.of(501, "not-implemented", "Not implemented", "This operation is not implemented yet.");
      case 503 -> Problem.of(503, "unavailable", "Service unavailable", "Try again shortly.");
      default -> status >= 400 && status < 500
          ? Problem.of(status, "client-error", "Client error", "The request was refused.")
          : fault(ctx, null);
    };
  }

  /** A server fault: one log line with an id that the answer carries too; nothing else leaks. */
  private static Problem fault(RoutingContext ctx, Throwable failure) {
    String id = UUID.randomUUID().toString();
    LOG.error("fault {} on {} {}: {}", id, ctx.request().method(), ctx.normalizedPath(),
        failure == null ? "status " + ctx.statusCode() : failure.toString());
    if (failure != null) {
      LOG.debug("fault {} stack trace", id, failure);
    }
    return Problem.of(500, "internal", "Internal error", "Something went wrong on our side; quote the fault id.")
        .withFaultId(id);
  }
}
