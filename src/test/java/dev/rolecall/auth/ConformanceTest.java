package dev.rolecall.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolecall.support.Fixtures;
import dev.rolecall.support.ServiceTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The role matrix, checked over HTTP and generated from the contract and the enums: every operation of
 * openapi.yaml is called by a user holding each single role, each pair of distinct roles, nobody (no
 * token), and a user with a temporary password. Each call has a fresh token, random ids for path
 * parameters and no body, so an allowed call answers 200, 204, 400 or 404, never 401 or 403.
 * The expected answer is worked out here from the roles' permissions (their union for a pair), never
 * from the service's own helpers.
 */
class ConformanceTest extends ServiceTest {
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");

  private static UUID account;
  /** One user per role set: each single role, then each pair, in enum order. */
  private static final Map<Set<Role>, UUID> users = new LinkedHashMap<>();
  private static UUID temporaryPasswordUser;

  private static final AtomicInteger roleCells = new AtomicInteger();
  private static final AtomicInteger pairCells = new AtomicInteger();
  private static final AtomicInteger anonymousCells = new AtomicInteger();
  private static final AtomicInteger temporaryCells = new AtomicInteger();

  @BeforeAll
  static void start(Vertx vertx) throws InterruptedException {
    account = fixtures.account();
    for (Set<Role> roles : roleSets()) {
      users.put(roles, fixtures.user(account, roles.toArray(Role[]::new)));
    }
    temporaryPasswordUser = fixtures.user(account, Fixtures.uniqueLogin(), true, true, Role.values());
    // Tokens carry their issue time in milliseconds and must be issued after the user's creation.
    Thread.sleep(5);
  }

  @AfterAll
  static void stop() {
    System.out.printf("ConformanceTest: %d operations; cells checked: %d (operation, role), %d (operation, pair of roles),"
            + " %d (operation, no token), %d (operation, temporary password); %d in all%n",
        ContractAccessTest.Contract.operations().size(), roleCells.get(), pairCells.get(), anonymousCells.get(),
        temporaryCells.get(), roleCells.get() + pairCells.get() + anonymousCells.get() + temporaryCells.get());
  }

  /** Every single role, then every pair of distinct roles. */
  static List<Set<Role>> roleSets() {
    List<Set<Role>> sets = new ArrayList<>();
    Role[] roles = Role.values();
    for (Role role : roles) {
      sets.add(EnumSet.of(role));
    }
    for (int i = 0; i < roles.length; i++) {
      for (int j = i + 1; j < roles.length; j++) {
        sets.add(EnumSet.of(roles[i], roles[j]));
      }
    }
    return sets;
  }

  @TestFactory
  Stream<DynamicNode> everyOperationForEveryRoleAndPairOfRoles() {
    assertThat(users).hasSize(Role.values().length * (Role.values().length + 1) / 2);
    return ContractAccessTest.Contract.operations().stream().map(op -> {
      Access access = op.access();
      List<DynamicNode> cells = new ArrayList<>();
      cells.add(DynamicTest.dynamicTest("no token", () -> {
        anonymousCells.incrementAndGet();
        checkAnonymous(op, access);
      }));
      users.forEach((roles, user) -> cells.add(DynamicTest.dynamicTest(roles.toString(), () -> {
        (roles.size() == 1 ? roleCells : pairCells).incrementAndGet();
        checkUser(op, access, roles, user);
      })));
      cells.add(DynamicTest.dynamicTest("every role, temporary password", () -> {
        temporaryCells.incrementAndGet();
        checkTemporaryPassword(op, access);
      }));
      return DynamicContainer.dynamicContainer(op.toString() + " x-access " + describe(access), cells);
    });
  }

  private static void checkAnonymous(ContractAccessTest.Contract.Op op, Access access) {
    HttpResponse<Buffer> answer = call(op, null);
    if (access.kind() == Access.Kind.PUBLIC) {
      assertAllowed(op, "no token", answer);
    } else {
      assertRefused(op, "no token", answer, 401, "unauthorized");
    }
  }

  private static void checkUser(ContractAccessTest.Contract.Op op, Access access, Set<Role> roles, UUID user) {
    HttpResponse<Buffer> answer = call(op, token(user));
    String who = roles.toString();
    switch (access.kind()) {
      case PUBLIC -> assertAllowed(op, who, answer);
      // A login token is never a machine key, whatever the roles.
      case MACHINE -> assertRefused(op, who, answer, 401, "unauthorized");
      case AUTHENTICATED, PERMISSIONS -> {
        if (roles.stream().noneMatch(Role::canLogin)) {
          assertRefused(op, who, answer, 403, "no-login-role");
          return;
        }
        Set<String> missing = new TreeSet<>(access.permissions().stream().map(Enum::name).toList());
        missing.removeAll(granted(roles));
        if (missing.isEmpty()) {
          assertAllowed(op, who, answer);
        } else {
          assertRefused(op, who, answer, 403, "forbidden");
          JsonArray named = answer.bodyAsJsonObject().getJsonArray("missingPermissions");
          assertThat(named == null ? null : new TreeSet<>(named.getList()))
              .as("%s by %s: missingPermissions in %s", op, who, brief(answer))
              .isEqualTo(missing);
        }
      }
    }
  }

  /** A user holding every role but whose password is temporary may only call the operations marked for it. */
  private static void checkTemporaryPassword(ContractAccessTest.Contract.Op op, Access access) {
    String who = "every role, temporary password";
    HttpResponse<Buffer> answer = call(op, token(temporaryPasswordUser));
    switch (access.kind()) {
      case PUBLIC -> assertAllowed(op, who, answer);
      case MACHINE -> assertRefused(op, who, answer, 401, "unauthorized");
      case AUTHENTICATED, PERMISSIONS -> {
        if (access.allowedWithTemporaryPassword()) {
          assertAllowed(op, who, answer);
        } else {
          assertRefused(op, who, answer, 403, "password-change-required");
        }
      }
    }
  }

  /** The permissions the roles grant: the union of each role's, read from the enum's declaration. */
  private static Set<String> granted(Collection<Role> roles) {
    Set<String> names = new TreeSet<>();
    roles.forEach(role -> role.permissions().forEach(permission -> names.add(permission.name())));
    return names;
  }

  private static void assertAllowed(ContractAccessTest.Contract.Op op, String who, HttpResponse<Buffer> answer) {
    assertThat(answer.statusCode())
        .as("%s by %s should pass authorization, got %s", op, who, brief(answer))
        // An internal fault hides whether authorization is right, and every operation has its handler.
        .isNotIn(401, 403, 500, 501);
  }

  private static void assertRefused(ContractAccessTest.Contract.Op op, String who, HttpResponse<Buffer> answer,
      int status, String type) {
    assertThat(answer.statusCode()).as("%s by %s: answer %s", op, who, brief(answer)).isEqualTo(status);
    assertThat(answer.getHeader("Content-Type")).as("%s by %s: media type", op, who).isEqualTo("application/problem+json");
    JsonObject problem = answer.bodyAsJsonObject();
    assertThat(problem.getString("type")).as("%s by %s: problem type in %s", op, who, problem).endsWith("/" + type);
  }

  /** A fresh token per call, so that logging out (one token or all) changes no other cell. */
  private static String token(UUID user) {
    return service.auth().tokens().issue(user, account, Instant.now()).token();
  }

  private static HttpResponse<Buffer> call(ContractAccessTest.Contract.Op op, String token) {
    Matcher parameter = PATH_PARAMETER.matcher(op.path());
    String path = parameter.replaceAll(match -> UUID.randomUUID().toString());
    HttpRequest<Buffer> request = api.client().request(HttpMethod.valueOf(op.method().toUpperCase()), path)
        .timeout(10_000); // an answer that never comes fails the cell rather than hanging the build
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request.send().await();
  }

  /** The status and the start of the body, for failure messages. */
  private static String brief(HttpResponse<Buffer> answer) {
    String body = answer.bodyAsString();
    body = body == null ? "(no body)" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    return answer.statusCode() + " " + body;
  }

  private static String describe(Access access) {
    return access.kind() == Access.Kind.PERMISSIONS ? new TreeSet<>(access.permissions()).toString()
        : access.kind().name().toLowerCase();
  }
}
