package dev.rolecall.auth;

import static dev.rolecall.auth.Permission.*;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The account roles and, in their constructor calls, the role x permission matrix: the one place it is
 * stated (docs/matrix/role-matrix.md, rebuilt from the two pages in docs/matrix/seeds/). The authorization handler, the API, the SPA grid and the tests derive from it.
 */
public enum Role {
  ACCESSOR("Reads clients, logs, channels and projects, and tags dialog logs.", true,
      CHANNELS_VIEW, CHANNEL_LOGS_VIEW, CLIENTS_VIEW, ANALYTICS_VIEW, DIALOG_LABELS_EDIT, PROJECTS_VIEW,
      SERVER_LOGS_VIEW, LABELS_VIEW, PROFILE_VIEW, PROFILE_EDIT, USER_FLOW_VIEW, PROJECT_STATS_VIEW),
  // Outbound calling is its own module with its own roles, so ADMIN lacks #13-16 and #38.
  ADMIN("Account administrator: everything except the dialer (outbound calling) module.", true,
      ACCOUNT_EDIT, SUBSCRIPTION_VIEW, USER_ACTIONS_VIEW, CHANNELS_VIEW, CHANNELS_EDIT, SCRIPT_VIEW, SCRIPT_EDIT,
      CHANNEL_LOGS_VIEW, CHANNELS_DEPLOY, WEEKLY_REPORTS_RECEIVE, CLIENTS_VIEW, CLIENTS_EDIT,
      SUBSCRIPTION_LIMITS_VIEW, ANALYTICS_VIEW, DIALOG_LABELS_EDIT, OBFUSCATION_RULES_VIEW, OBFUSCATION_RULES_EDIT,
      PROJECTS_VIEW, PROJECTS_EDIT, DIALOG_LOGS_EXPORT, USER_ROLES_VIEW, USER_ROLES_EDIT, SECRETS_VIEW,
      SECRETS_EDIT, SERVER_LOGS_VIEW, TELEPHONY_VIEW, TELEPHONY_EDIT, LABELS_VIEW, LABELS_EDIT, PROFILE_VIEW,
      PROFILE_EDIT, USERS_VIEW, USERS_EDIT, NEWS_VIEW, NEWS_EDIT, SETTINGS_VIEW, USER_FLOW_VIEW,
      PROJECT_STATS_VIEW, DEPLOYMENTS_VIEW),
  ANALYST("Read access to clients, logs, channels, analytics and projects.", true,
      CHANNELS_VIEW, CHANNEL_LOGS_VIEW, WEEKLY_REPORTS_RECEIVE, CLIENTS_VIEW, ANALYTICS_VIEW, PROJECTS_VIEW,
      SERVER_LOGS_VIEW, LABELS_VIEW, PROFILE_VIEW, PROFILE_EDIT, USER_FLOW_VIEW, PROJECT_STATS_VIEW),
  CONTENT_MANAGER("Edits script content and channels, deploys, and writes news.", true,
      CHANNELS_VIEW, CHANNELS_EDIT, SCRIPT_VIEW, SCRIPT_EDIT, CHANNEL_LOGS_VIEW, CHANNELS_DEPLOY,
      WEEKLY_REPORTS_RECEIVE, CLIENTS_VIEW, ANALYTICS_VIEW, PROJECTS_VIEW, SECRETS_VIEW, SERVER_LOGS_VIEW,
      LABELS_VIEW, LABELS_EDIT, PROFILE_VIEW, PROFILE_EDIT, NEWS_VIEW, NEWS_EDIT, SETTINGS_VIEW, USER_FLOW_VIEW,
      PROJECT_STATS_VIEW, DEPLOYMENTS_VIEW),
  DIALER_ADMIN("Manages number lists (client lists) and call campaigns.", true,
      CLIENT_LISTS_VIEW, CLIENT_LISTS_EDIT, CAMPAIGNS_VIEW, CAMPAIGNS_EDIT, LABELS_VIEW, PROFILE_VIEW,
      PROFILE_EDIT, CAMPAIGNS_CONTROL),
  DIALER_USER("Views number lists and call campaigns.", true,
      CLIENT_LISTS_VIEW, CAMPAIGNS_VIEW, LABELS_VIEW),
  // Only the older page has this role; the newer page's table has no column for it.
  // Controlling a broadcast needs seeing it: the older page's "start, suspend, finish" (docs/matrix).
  DIALER_VERIFIED("Controls call campaigns: start, suspend, finish.", true,
      CAMPAIGNS_VIEW, LABELS_VIEW, CAMPAIGNS_CONTROL),
  // Its one mark is inert: INITIAL alone cannot log in, and any role it is combined with has LABELS_VIEW.
  INITIAL("Placeholder role for account creation; a user holding only this role cannot log in.", false,
      LABELS_VIEW),
  OPERATOR("Views clients, blocks and unblocks them, and views projects.", true,
      CHANNELS_VIEW, CHANNEL_LOGS_VIEW, CLIENTS_VIEW, CLIENTS_EDIT, ANALYTICS_VIEW, PROJECTS_VIEW,
      SERVER_LOGS_VIEW, LABELS_VIEW, PROFILE_VIEW, PROFILE_EDIT, PROJECT_STATS_VIEW),
  // Logs in over the API only; PROJECTS_VIEW lets an export script find the projects whose logs it pulls.
  RAWLOGS_ANALYTIC("Downloads dialog logs as CSV over HTTP, needing no other role and no UI.", true,
      PROJECTS_VIEW, DIALOG_LOGS_EXPORT, LABELS_VIEW),
  TECH_SUPPORT("Views projects, statistics, channels and logs for support.", true,
      CHANNELS_VIEW, CHANNEL_LOGS_VIEW, ANALYTICS_VIEW, PROJECTS_VIEW, SERVER_LOGS_VIEW, LABELS_VIEW,
      PROFILE_VIEW, PROFILE_EDIT, PROJECT_STATS_VIEW),
  USER("Broad read-only member: users and roles, logs, script, channels, deployments, news and settings.", true,
      SUBSCRIPTION_VIEW, CHANNELS_VIEW, SCRIPT_VIEW, CHANNEL_LOGS_VIEW, WEEKLY_REPORTS_RECEIVE, CLIENTS_VIEW,
      ANALYTICS_VIEW, PROJECTS_VIEW, USER_ROLES_VIEW, SERVER_LOGS_VIEW, LABELS_VIEW, PROFILE_VIEW, PROFILE_EDIT,
      USERS_VIEW, NEWS_VIEW, SETTINGS_VIEW, USER_FLOW_VIEW, PROJECT_STATS_VIEW, DEPLOYMENTS_VIEW);

  private final String description;
  private final boolean canLogin;
  private final Set<Permission> permissions;

  Role(String description, boolean canLogin, Permission... permissions) {
    this.description = description;
    this.canLogin = canLogin;
    EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
    granted.addAll(Arrays.asList(permissions));
    this.permissions = Collections.unmodifiableSet(granted);
  }

  public String description() {
    return description;
  }

  /** Whether this role on its own lets a user log in. */
  public boolean canLogin() {
    return canLogin;
  }

  public Set<Permission> permissions() {
    return permissions;
  }

  /** A user's permissions: the union over all their roles (a fresh set the caller owns). */
  public static Set<Permission> permissionsOf(Collection<Role> roles) {
    EnumSet<Permission> union = EnumSet.noneOf(Permission.class);
    for (Role role : roles) {
      union.addAll(role.permissions);
    }
    return union;
  }

  /** Roles stored by name; a name no longer known (a role since removed) grants nothing. */
  public static Set<Role> fromNames(String[] names) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    if (names != null) {
      for (String name : names) {
        Arrays.stream(values()).filter(role -> role.name().equals(name)).findFirst().ifPresent(roles::add);
      }
    }
    return roles;
  }

  /** A user may log in when at least one of their roles allows it; INITIAL alone does not. */
  public static boolean canLogIn(Collection<Role> roles) {
    return roles.stream().anyMatch(Role::canLogin);
  }
}
