package dev.rolecall.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.UUID;

/** Reading request parts that the contract has validated, for handlers. */
public final class Requests {
  private Requests() {
  }

  /** A path id; one that is no UUID names nothing here, so it is a 404 like any unknown id. */
  public static UUID uuidParam(RoutingContext ctx, String name) {
    try {
      return UUID.fromString(ctx.pathParam(name));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ProblemException(Problem.of(404, "not-found", "Not found", "No such " + name + "."));
    }
  }

  /** The JSON body as the contract validated it. */
  public static JsonObject body(RoutingContext ctx) {
    ValidatedRequest validated = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    return validated.getBody().getJsonObject();
  }

  /**
   * A query integer, digits only: the raw query is read (see the list handlers), where a '+' or a space is
   * not a number, whatever the validated copy made of it.
   */
  public static int queryInt(RoutingContext ctx, String name, int absent) {
    String value = ctx.queryParams().get(name);
    if (value == null) {
      return absent;
    }
    if (!value.matches("[0-9]{1,9}")) {
      throw new ProblemException(Problem.of(400, "validation", "The request does not match the contract",
          "The query parameter " + name + " must be a whole number written with digits only.")
          .withErrors(java.util.List.of(new Problem.FieldError(null, name, "type", "digits only"))));
    }
    return Integer.parseInt(value);
  }
}
