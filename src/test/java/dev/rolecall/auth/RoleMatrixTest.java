package dev.rolecall.auth;

import static dev.rolecall.auth.Permission.*;
import static dev.rolecall.auth.Role.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks the enums against the spec's matrix (docs/matrix/role-matrix.md), copied here by hand so a slip in either
 * copy shows up as a mismatching cell. The spec file itself is not read, so that
 * an edit of the document alone cannot make this test agree with it.
 */
class RoleMatrixTest {

  // permission, n (the newer page's count of "+", "-" for the older page's rows), roles.
  private static final String SPEC = """
      ACCOUNT_EDIT              1  ADM
      SUBSCRIPTION_VIEW         2  ADM USR
      USER_ACTIONS_VIEW         1  ADM
      CHANNELS_VIEW             7  ACC ADM ANA CM OP TS USR
      CHANNELS_EDIT             2  ADM CM
      SCRIPT_VIEW               3  ADM CM USR
      SCRIPT_EDIT               2  ADM CM
      CHANNEL_LOGS_VIEW         7  ACC ADM ANA CM OP TS USR
      CHANNELS_DEPLOY           2  ADM CM
      WEEKLY_REPORTS_RECEIVE    4  ADM ANA CM USR
      CLIENTS_VIEW              6  ACC ADM ANA CM OP USR
      CLIENTS_EDIT              2  ADM OP
      CLIENT_LISTS_VIEW         2  DA DU
      CLIENT_LISTS_EDIT         1  DA
      CAMPAIGNS_VIEW            2  DA DU DV
      CAMPAIGNS_EDIT            1  DA
      SUBSCRIPTION_LIMITS_VIEW  1  ADM
      ANALYTICS_VIEW            7  ACC ADM ANA CM OP TS USR
      DIALOG_LABELS_EDIT        2  ACC ADM
      OBFUSCATION_RULES_VIEW    1  ADM
      OBFUSCATION_RULES_EDIT    1  ADM
      PROJECTS_VIEW             8  ACC ADM ANA CM OP RAW TS USR
      PROJECTS_EDIT             1  ADM
      DIALOG_LOGS_EXPORT        2  ADM RAW
      USER_ROLES_VIEW           2  ADM USR
      USER_ROLES_EDIT           1  ADM
      SECRETS_VIEW              2  ADM CM
      SECRETS_EDIT              1  ADM
      SERVER_LOGS_VIEW          7  ACC ADM ANA CM OP TS USR
      TELEPHONY_VIEW            1  ADM
      TELEPHONY_EDIT            1  ADM
      LABELS_VIEW              11  ACC ADM ANA CM DA DU DV INI OP RAW TS USR
      LABELS_EDIT               2  ADM CM
      PROFILE_VIEW              8  ACC ADM ANA CM DA OP TS USR
      PROFILE_EDIT              8  ACC ADM ANA CM DA OP TS USR
      USERS_VIEW                2  ADM USR
      USERS_EDIT                1  ADM
      CAMPAIGNS_CONTROL         -  DA DV
      NEWS_VIEW                 -  ADM CM USR
      NEWS_EDIT                 -  ADM CM
      SETTINGS_VIEW             -  ADM CM USR
      USER_FLOW_VIEW            -  ACC ADM ANA CM USR
      PROJECT_STATS_VIEW        -  ACC ADM ANA CM OP TS USR
      DEPLOYMENTS_VIEW          -  ADM CM USR
      """;

  private static final Map<String, Role> SHORT = Map.ofEntries(
      Map.entry("ACC", ACCESSOR), Map.entry("ADM", ADMIN), Map.entry("ANA", ANALYST),
      Map.entry("CM", CONTENT_MANAGER), Map.entry("DA", DIALER_ADMIN), Map.entry("DU", DIALER_USER),
      Map.entry("DV", DIALER_VERIFIED), Map.entry("INI", INITIAL), Map.entry("OP", OPERATOR),
      Map.entry("RAW", RAWLOGS_ANALYTIC), Map.entry("TS", TECH_SUPPORT), Map.entry("USR", USER));

  private record Row(String permission, Integer count, Set<Role> roles) {
  }

  private static List<Row> spec() {
    return SPEC.lines().map(String::trim).filter(line -> !line.isEmpty()).map(line -> {
      String[] cells = line.split("\\s+");
      Set<Role> roles = EnumSet.noneOf(Role.class);
      for (String name : Arrays.copyOfRange(cells, 2, cells.length)) {
        assertThat(SHORT).as("short role name in the spec literal").containsKey(name);
        roles.add(SHORT.get(name));
      }
      return new Row(cells[0], cells[1].equals("-") ? null : Integer.valueOf(cells[1]), roles);
    }).toList();
  }

  @Test
  void enumsHaveTheSpecsShape() {
    assertThat(Role.values()).hasSize(12);
    assertThat(Permission.values()).hasSize(44);
    assertThat(Arrays.stream(Permission.values()).map(Enum::name).toList())
        .as("permissions in the spec's order")
        .containsExactlyElementsOf(spec().stream().map(Row::permission).toList());
    assertThat(Arrays.stream(Role.values()).map(Enum::name).sorted().toList())
        .as("roles in alphabetical order")
        .containsExactlyElementsOf(Arrays.stream(Role.values()).map(Enum::name).toList());
  }

  @Test
  void everyCellMatchesTheSpec() {
    Map<String, Row> rows = new LinkedHashMap<>();
    spec().forEach(row -> rows.put(row.permission(), row));
    List<String> mismatches = new ArrayList<>();
    for (Permission permission : Permission.values()) {
      Set<Role> expected = rows.get(permission.name()).roles();
      for (Role role : Role.values()) {
        boolean want = expected.contains(role);
        if (role.permissions().contains(permission) != want) {
          mismatches.add(role + " x " + permission + ": spec says " + (want ? "granted" : "not granted"));
        }
      }
      assertThat(permission.roles()).as("%s.roles() agrees with Role", permission)
          .containsExactlyInAnyOrderElementsOf(
              Arrays.stream(Role.values()).filter(r -> r.permissions().contains(permission)).toList());
    }
    assertThat(mismatches).as("cells differing from the spec").isEmpty();
  }

  @Test
  void specLiteralMatchesTheNewerPagesCounts() {
    // The newer page has no DIALER_VERIFIED column, so its counts leave DV out.
    for (Row row : spec()) {
      if (row.count() != null) {
        long marks = row.roles().stream().filter(role -> role != DIALER_VERIFIED).count();
        assertThat(marks).as("number of roles for %s", row.permission()).isEqualTo(row.count().longValue());
      }
    }
  }

  @Test
  void onlyInitialCannotLogIn() {
    assertThat(Arrays.stream(Role.values()).filter(role -> !role.canLogin()).toList()).containsExactly(INITIAL);
    assertThat(Role.canLogIn(List.of(INITIAL))).isFalse();
    assertThat(Role.canLogIn(List.of(INITIAL, USER))).isTrue();
    assertThat(Role.canLogIn(List.of())).isFalse();
  }

  @Test
  void adminLacksExactlyTheDialerModule() {
    assertThat(EnumSet.complementOf(EnumSet.copyOf(ADMIN.permissions()))).containsExactlyInAnyOrder(
        CLIENT_LISTS_VIEW, CLIENT_LISTS_EDIT, CAMPAIGNS_VIEW, CAMPAIGNS_EDIT, CAMPAIGNS_CONTROL);
  }

  @Test
  void permissionsOfIsTheUnion() {
    Set<Permission> expected = EnumSet.copyOf(OPERATOR.permissions());
    expected.addAll(DIALER_USER.permissions());
    assertThat(Role.permissionsOf(List.of(OPERATOR, DIALER_USER))).isEqualTo(expected);
    assertThat(Role.permissionsOf(List.of(INITIAL, USER))).isEqualTo(USER.permissions());
    assertThat(Role.permissionsOf(List.of())).isEmpty();
    assertThat(Role.permissionsOf(List.of(Role.values()))).containsExactlyInAnyOrder(Permission.values());
  }

  @Test
  void everyPermissionIsGrantedAndDescribed() {
    for (Permission permission : Permission.values()) {
      assertThat(permission.roles()).as("roles granting %s", permission).isNotEmpty();
      assertThat(permission.description()).as("description of %s", permission).isNotBlank();
      assertThat(permission.area()).as("area of %s", permission).isNotBlank();
    }
    for (Role role : Role.values()) {
      assertThat(role.description()).as("description of %s", role).isNotBlank();
    }
  }

  @Test
  void exposedSetsAreReadOnly() {
    assertThat(ADMIN.permissions()).isUnmodifiable();
    assertThat(LABELS_VIEW.roles()).isUnmodifiable();
  }
}
