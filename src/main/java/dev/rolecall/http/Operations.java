package dev.rolecall.http;

import dev.rolecall.auth.Requirement;
import dev.rolecall.auth.Requirements;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.ext.web.handler.HttpException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Mounts every operation of the contract as: its authorization (from its {@code x-access}), then the
 * contract's validation of the request, then the feature's handler. The builder would validate before
 * any handler of ours runs; authorization must come first, so that a refused caller learns nothing
 * about the request's shape.
 */
final class Operations {
  private Operations() {
  }

  static void mount(Vertx vertx, OpenAPIContract contract, Requirements requirements, RouterBuilder builder,
      Function<Requirement, Handler<RoutingContext>> authorization, Map<String, Handler<RoutingContext>> handlers) {
    refuseUnknown(builder, handlers);
    RequestValidator validator = RequestValidator.create(vertx, contract);
    RequestExtractor extractor = RequestExtractor.withBodyHandler();
    for (OpenAPIRoute route : builder.getRoutes()) {
      Operation operation = route.getOperation();
      Handler<RoutingContext> handler = handlers.get(operation.getOperationId());
      route.setDoSecurity(false).setDoValidation(false)
          .addHandler(authorization.apply(requirements.get(operation.getOperationId()).orElseThrow()))
          .addHandler(ctx -> validate(ctx, extractor, validator, operation))
          // An operation of the contract that no feature implements yet: answered in this one place.
          .addHandler(handler != null ? handler : ctx -> ctx.fail(501));
    }
  }

  private static void validate(RoutingContext ctx, RequestExtractor extractor, RequestValidator validator,
      Operation operation) {
    Future<ValidatableRequest> extracted;
    try {
      StrictBodies.check(ctx, operation);
    } catch (ProblemException e) {
      ctx.fail(e);
      return;
    }
    try {
      extracted = extractor.extractValidatableRequest(ctx, operation);
    } catch (RuntimeException e) {
      // The extractor decodes some malformed query strings by throwing rather than failing its future.
      ctx.fail(new HttpException(400, "The request cannot be decoded.", e));
      return;
    }
    extracted
        .compose(request -> validator.validate(request, operation.getOperationId()))
        .onSuccess(validated -> {
          ctx.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
          ctx.next();
        })
        .onFailure(e -> ctx.fail(e instanceof ValidatorException ? new HttpException(400, e.getMessage(), e) : e));
  }

  /** A handler for an operation the contract lacks is a programming error that stops start-up. */
  private static void refuseUnknown(RouterBuilder builder, Map<String, Handler<RoutingContext>> handlers) {
    Set<String> contractIds = builder.getRoutes().stream()
        .map(route -> route.getOperation().getOperationId())
        .collect(Collectors.toSet());
    Set<String> unknown = new TreeSet<>(handlers.keySet());
    unknown.removeAll(contractIds);
    if (!unknown.isEmpty()) {
      throw new IllegalStateException("handlers for operations that openapi.yaml lacks: " + unknown);
    }
  }
}
