package dev.rolecall.users;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.auth.Caller;
import dev.rolecall.auth.Role;
import dev.rolecall.csv.CsvStream;
import dev.rolecall.http.Requests;
import dev.rolecall.http.Responses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** GET /api/users a page at a time, and GET /api/users.csv: the same filters, every matching user, streamed. */
public final class UserListApi {
  private static final Logger LOG = LoggerFactory.getLogger(UserListApi.class);
  /** The contract's default; its validator checks values but does not fill in defaults. */
  private static final int DEFAULT_LIMIT = 50;
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
    queries.page(Caller.of(ctx).accountId(), filter(ctx), order(ctx), param(ctx, "cursor"),
            Requests.queryInt(ctx, "limit", DEFAULT_LIMIT))
        .onSuccess(page -> Responses.json(ctx, 200, page))
        .onFailure(ctx::fail);
  }

  /** The export is itself an event; it is written before the answer ends, so an export never goes unrecorded. */
  private void export(RoutingContext ctx) {
    AuditEvent exported = AuditEvent.by(Caller.of(ctx), ctx, "users.exported").withTarget("users", null,
        ctx.request().query());
    queries.export(Caller.of(ctx).accountId(), filter(ctx), order(ctx))
        .onSuccess(users -> new CsvStream<>(ctx, users, UserListApi::cells, true, outcome -> audit.appendAlone(
                outcome.complete() ? exported.withOutcome(AuditEvent.OK, outcome.rows() + " users")
                    : exported.withOutcome(AuditEvent.FAILED, outcome.failure() != null ? outcome.failure().getMessage()
                        : outcome.stoppedBy() + " after " + outcome.rows() + " users")))
            .start("attachment; filename=\"users-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"", HEADER))
        .onFailure(e -> {
          audit.appendAlone(exported.withOutcome(AuditEvent.FAILED, e.getMessage()))
              .onFailure(lost -> LOG.warn("a failed user export left no event: {}", lost.toString()));
          ctx.fail(e);
        });
  }

  private static Object[] cells(User user) {
    return new Object[] {user.id(), user.login(), user.firstName(), user.lastName(), String.join(" ", user.roles()),
        user.active(), user.createdAt(), user.updatedAt(), user.lastLoginAt()};
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
