package dev.rolecall.dialoglogs;

import dev.rolecall.audit.AuditEvent;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.auth.Caller;
import dev.rolecall.csv.CsvStream;
import dev.rolecall.db.Cursor;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import dev.rolecall.http.Requests;
import dev.rolecall.projects.Project;
import dev.rolecall.projects.ProjectRepository;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A project's dialog logs in [from, to) as CSV: at most {@link #MAX_RANGE} at once, obfuscated, cells
 * neutralised unless {@code raw=true}, streamed from a cursor (see {@link CsvStream}).
 */
public final class DialogLogExport {
  public static final Duration MAX_RANGE = Duration.ofDays(31);
  static final int FETCH_SIZE = 1000;
  private static final Object[] HEADER = {"dialog_id", "at", "project", "channel", "client_id", "request", "answer",
      "state", "labels"};

  private final Pool pool;
  private final AuditLog audit;

  public DialogLogExport(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  public Map<String, Handler<RoutingContext>> handlers() {
    return Map.of("exportDialogLogs", this::export);
  }

  /** The time range asked for, checked. */
  record Range(Instant from, Instant to) {
    String summary() {
      return "from " + from + " to " + to;
    }
  }

  private void export(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID projectId = Requests.uuidParam(ctx, "projectId");
    Range range = range(ctx.queryParam("from"), ctx.queryParam("to"));
    boolean raw = "true".equals(first(ctx.queryParam("raw")));
    ProjectRepository.require(pool, caller.accountId(), projectId)
        .compose(project -> ObfuscationRules.load(pool, caller.accountId()).map(Obfuscation::compile)
            .compose(rules -> DialogLogRepository.open(pool, caller.accountId(), projectId, range.from(),
                    range.to(), FETCH_SIZE)
                .onSuccess(cursor -> stream(ctx, cursor, project, rules, raw, range,
                    exported(caller, ctx, project, range, raw)))))
        .onFailure(ctx::fail);
  }

  private void stream(RoutingContext ctx, Cursor<Row> cursor, Project project, Obfuscation obfuscation, boolean raw,
      Range range, AuditEvent exported) {
    // Neutralised or not, the cells are those of the row; the stream decides whether to escape them.
    Function<Row, Object[]> cells = row -> {
      String[] labels = row.getArrayOfStrings(7);
      return new Object[] {row.getString(0), DateTimeFormatter.ISO_INSTANT.format(row.getOffsetDateTime(1)),
          project.name(), row.getString(2), row.getString(3), obfuscation.apply(row.getString(4)),
          obfuscation.apply(row.getString(5)), row.getString(6), labels == null ? null : String.join(";", labels)};
    };
    new CsvStream<>(ctx, cursor, cells, !raw, outcome -> {
      String summary = outcome.rows() + " rows sent, " + range.summary();
      if (outcome.complete()) {
        return audit.appendAlone(exported.withOutcome(AuditEvent.OK, summary));
      }
      String why = outcome.failure() != null ? "reading the logs failed" : outcome.stoppedBy();
      return audit.appendAlone(exported.withOutcome(AuditEvent.FAILED, why + " after " + summary));
    }).reportingWriteFailures().start(disposition(project, range), HEADER);
  }

  /** An ASCII file name for every client, and the name in its own script for those that read RFC 6266's. */
  private static String disposition(Project project, Range range) {
    String dates = "-" + date(range.from()) + "-" + date(range.to()) + ".csv";
    String ascii = "attachment; filename=\"" + project.asciiSlug() + dates + "\"";
    String unicode = project.slug() + dates;
    return unicode.equals(project.asciiSlug() + dates) ? ascii
        : ascii + "; filename*=UTF-8''" + URLEncoder.encode(unicode, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String date(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
  }

  private static AuditEvent exported(Caller caller, RoutingContext ctx, Project project, Range range, boolean raw) {
    return AuditEvent.by(caller, ctx, "dialog_logs.exported").withTarget("project", project.id(), project.name())
        .withChange("from", null, range.from().toString()).withChange("to", null, range.to().toString())
        .withChange("raw", null, raw);
  }

  static Range range(List<String> fromParam, List<String> toParam) {
    Instant from = instant("from", first(fromParam));
    Instant to = instant("to", first(toParam));
    if (!from.isBefore(to)) {
      throw invalid("to", "to (exclusive) must come after from (inclusive).");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw invalid("to", "An export covers at most " + MAX_RANGE.toDays() + " days; split the range.");
    }
    return new Range(from, to);
  }

  private static Instant instant(String name, String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException | NullPointerException e) {
      throw invalid(name, name + " must be an ISO-8601 instant with an offset, such as 2025-01-31T00:00:00Z.");
    }
  }

  private static ProblemException invalid(String parameter, String detail) {
    return new ProblemException(Problem.of(400, "validation", "Invalid time range", detail)
        .withErrors(List.of(new Problem.FieldError(null, parameter, "range", detail))));
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
