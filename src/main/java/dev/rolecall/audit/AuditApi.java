package dev.rolecall.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rolecall.auth.Caller;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import dev.rolecall.http.Requests;
import dev.rolecall.http.Responses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** User actions, read: a page at a time as JSON, or all of them as CSV. Always the caller's account only. */
public final class AuditApi {
  /** The contract's default; its validator checks values but does not fill in defaults. */
  private static final int DEFAULT_LIMIT = 50;

  private final AuditRepository events;
  private final AuditExport export;

  public AuditApi(AuditRepository events, AuditLog audit) {
    this.events = events;
    this.export = new AuditExport(events, audit);
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("listAuditEvents", this::list, "exportAuditEvents", ctx -> export.handle(ctx, filter(ctx)));
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Page(List<AuditEntry> items, String nextCursor) {
  }

  private void list(RoutingContext ctx) {
    String cursor = param(ctx, "cursor");
    int size = Requests.queryInt(ctx, "limit", DEFAULT_LIMIT);
    events.page(filter(ctx), cursor == null ? null : decode(cursor), size)
        .map(page -> new Page(page.items(), page.next() == null ? null : encode(page.next())))
        .onSuccess(page -> Responses.json(ctx, 200, page))
        .onFailure(ctx::fail);
  }

  private static AuditRepository.Filter filter(RoutingContext ctx) {
    String actor = param(ctx, "actor");
    return new AuditRepository.Filter(Caller.of(ctx).accountId(),
        actor == null ? null : UUID.fromString(actor),
        param(ctx, "action"), param(ctx, "targetType"), param(ctx, "targetId"),
        instant(ctx, "from"), instant(ctx, "to"));
  }

  /**
   * A query value the contract has validated, read from the request itself: the validated request's
   * copy is URL-decoded twice (vertx-openapi 5.0.8), which turns a '+' into a space.
   */
  private static String param(RoutingContext ctx, String name) {
    return ctx.queryParams().get(name);
  }

  /** The contract's date-time format is RFC 3339, which also allows a lower-case 't' and 'z'. */
  private static Instant instant(RoutingContext ctx, String name) {
    String value = param(ctx, name);
    try {
      return value == null ? null : OffsetDateTime.parse(value.toUpperCase(java.util.Locale.ROOT)).toInstant();
    } catch (DateTimeParseException e) {
      throw new ProblemException(Problem.of(400, "validation", "The request does not match the contract",
          name + " must be an ISO-8601 instant with an offset, such as 2025-01-31T00:00:00Z.")
          .withErrors(List.of(new Problem.FieldError(null, name, "format", e.getMessage()))));
    }
  }

  /** Opaque to clients; only this class reads what it wrote. */
  static String encode(AuditRepository.Position position) {
    String plain = position.at() + "|" + position.id();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static AuditRepository.Position decode(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int bar = plain.indexOf('|');
      return new AuditRepository.Position(Instant.parse(plain.substring(0, bar)),
          UUID.fromString(plain.substring(bar + 1)));
    } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException e) {
      throw new ProblemException(Problem.of(400, "invalid-cursor", "Invalid cursor",
          "The cursor is not one this service gave out: start again from the first page."));
    }
  }
}
