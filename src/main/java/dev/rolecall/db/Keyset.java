package dev.rolecall.db;

import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Keyset cursors over (name, id), opaque to clients: base64url JSON of the last row's keys. */
public final class Keyset {
  private Keyset() {
  }

  /** A page of items and the cursor of the next one (null on the last page). */
  public record Page<T>(List<T> items, String nextCursor) {
  }

  public record Position(String name, UUID id) {
  }

  public static String encode(String name, UUID id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(
        new JsonArray().add(name).add(id.toString()).encode().getBytes(StandardCharsets.UTF_8));
  }

  public static Position decode(String cursor) {
    try {
      JsonArray keys = new JsonArray(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
      return new Position(keys.getString(0), UUID.fromString(keys.getString(1)));
    } catch (RuntimeException e) {
      throw new ProblemException(Problem.of(400, "validation", "The request does not match the contract",
          "The cursor is not one this list gave.").withErrors(
          List.of(new Problem.FieldError(null, "cursor", "format", "not a cursor of this list"))));
    }
  }
}
