package dev.rolecall.users;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.auth.Caller;
import dev.rolecall.auth.Role;
import dev.rolecall.csv.CsvCells;
import dev.rolecall.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** GET /api/users a page at a time, and GET /api/users.csv: the same filters, every matching user, streamed. */
public final class UserListApi {
  private static final Logger LOG = LoggerFactory.getLogger(UserListApi.class);
  /** The contract's default; its validator checks values but does not fill in defaults. */
  private static final int DEFAULT_LIMIT = 50;
  private static final int FLUSH_CHARS = 32 * 1024;
  private static final Object[] HEADER =
      {"id", "login", "firstName", "lastName", "roles", "active", "createdAt", "updatedAt", "lastLoginAt"};

  private final UserQueries queries;
  private final AuditLog audit;

  public UserListApi(Pool pool, AuditLog audit) {
    this.queries = new UserQueries(pool);
    this.audit = audit;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("listUsers", this::list, "exportUsers", this::export);
  }

  private void list(RoutingContext ctx) {
    String limit = param(ctx, "limit");
    queries.page(Caller.of(ctx).accountId(), filter(ctx), order(ctx), param(ctx, "cursor"),
            limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit))
        .onSuccess(page -> Responses.json(ctx, 200, page))
        .onFailure(ctx::fail);
  }

  /** The export is itself an event; it is written before the answer ends, so an export never goes unrecorded. */
  private void export(RoutingContext ctx) {
    AuditEvent exported = AuditEvent.by(Caller.of(ctx), ctx, "users.exported").withTarget("users", null,
        ctx.request().query());
    HttpServerResponse response = ctx.response();
    queries.export(Caller.of(ctx).accountId(), filter(ctx), order(ctx), users -> new Download(response, users).start())
        .compose(rows -> audit.appendAlone(exported.withOutcome(AuditEvent.OK, rows + " users")))
        .onSuccess(recorded -> response.end())
        .onFailure(e -> {
          audit.appendAlone(exported.withOutcome(AuditEvent.FAILED, e.getMessage()))
              .onFailure(lost -> LOG.warn("a failed user export left no event: {}", lost.toString()));
          if (response.headWritten()) {
            if (!response.closed()) {
              response.reset(); // the client sees a failed download, not a short one that looks whole
            }
          } else {
            ctx.fail(e);
          }
        });
  }

  /** One download: rows go out in chunks; the cursor pauses while the client's queue is full. */
  private static final class Download {
    private final HttpServerResponse response;
    private final ReadStream<User> users;
    private final Promise<Long> done = Promise.promise();
    private final StringBuilder pending = new StringBuilder();
    private long rows;

    Download(HttpServerResponse response, ReadStream<User> users) {
      this.response = response;
      this.users = users;
    }

    Future<Long> start() {
      response.setChunked(true)
          .putHeader("Content-Type", "text/csv; charset=utf-8")
          .putHeader("Content-Disposition", "attachment; filename=\"users-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"")
          .putHeader("Cache-Control", "no-store");
      append(HEADER);
      response.write(take());
      response.closeHandler(closed -> done.tryFail("the client disconnected after " + rows + " users"));
      users.exceptionHandler(done::tryFail);
      users.endHandler(end -> {
        if (!done.future().isComplete()) {
          response.write(take());
          done.tryComplete(rows);
        }
      });
      users.handler(this::row);
      return done.future();
    }

    private void row(User user) {
      if (done.future().isComplete()) {
        return; // the rest of a fetch, arriving after the client left
      }
      rows++;
      append(user.id(), user.login(), user.firstName(), user.lastName(), String.join(" ", user.roles()),
          user.active(), user.createdAt(), user.updatedAt(), user.lastLoginAt());
      if (pending.length() >= FLUSH_CHARS) {
        response.write(take());
        if (response.writeQueueFull()) {
          users.pause();
          response.drainHandler(drained -> users.resume());
        }
      }
    }

    private void append(Object... cells) {
      try {
        CsvCells.FORMAT.printRecord(pending, Stream.of(cells).map(CsvCells::safe).toArray());
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a StringBuilder does not throw
      }
    }

    private String take() {
      String chunk = pending.toString();
      pending.setLength(0);
      return chunk;
    }
  }

  private static UserQueries.Filter filter(RoutingContext ctx) {
    return new UserQueries.Filter(param(ctx, "name"), param(ctx, "login"), "true".equals(param(ctx, "activeOnly")),
        ctx.queryParams().getAll("role").stream().map(Role::valueOf).collect(Collectors.toSet()));
  }

  private static UserOrder order(RoutingContext ctx) {
    String sort = param(ctx, "sort");
    return new UserOrder(switch (sort == null ? "name" : sort) {
      case "login" -> UserOrder.Sort.LOGIN;
      case "createdAt" -> UserOrder.Sort.CREATED_AT;
      case "lastLoginAt" -> UserOrder.Sort.LAST_LOGIN_AT;
      default -> UserOrder.Sort.NAME;
    }, "desc".equals(param(ctx, "order")));
  }

  /**
   * A query value the contract has validated, read from the request itself: the validated request's copy
   * is URL-decoded twice (vertx-openapi 5.0.8), which would turn a '+' in a login fragment into a space.
   */
  private static String param(RoutingContext ctx, String name) {
    return ctx.queryParams().get(name);
  }
}
