package dev.rolecall.auth;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a role may do, in the order of the role matrix specification (role-matrix.md, #1..#44).
 * Which roles grant a permission is stated only in {@link Role}; {@link #roles()} reads it from there.
 */
public enum Permission {
  ACCOUNT_EDIT("Account", "Account modification"),
  SUBSCRIPTION_VIEW("Account", "Viewing the subscription plan and options"),
  USER_ACTIONS_VIEW("Users", "Viewing user actions (audit log)"),
  CHANNELS_VIEW("Channels", "Viewing channels"),
  CHANNELS_EDIT("Channels", "Editing channels"),
  SCRIPT_VIEW("Scripts", "Viewing the script code"),
  SCRIPT_EDIT("Scripts", "Editing and saving the script code"),
  CHANNEL_LOGS_VIEW("Logs", "Viewing channel logs"),
  CHANNELS_DEPLOY("Channels", "Manual channel deployment"),
  WEEKLY_REPORTS_RECEIVE("Analytics", "Receiving weekly email reports on bot statistics"),
  CLIENTS_VIEW("Clients", "Viewing client data"),
  CLIENTS_EDIT("Clients", "Editing client data (block / unblock)"),
  CLIENT_LISTS_VIEW("Dialer", "Viewing lists of clients (number lists)"),
  CLIENT_LISTS_EDIT("Dialer", "Creating and editing lists of clients"),
  CAMPAIGNS_VIEW("Dialer", "Viewing call campaigns (voice broadcasts)"),
  CAMPAIGNS_EDIT("Dialer", "Creating, editing, and controlling call campaigns"),
  SUBSCRIPTION_LIMITS_VIEW("Account", "Viewing the subscription limits"),
  ANALYTICS_VIEW("Analytics", "Viewing dialog analytics"),
  DIALOG_LABELS_EDIT("Logs", "Editing dialog log labels (tagging a dialog)"),
  OBFUSCATION_RULES_VIEW("Logs", "Viewing log obfuscation rules"),
  OBFUSCATION_RULES_EDIT("Logs", "Editing log obfuscation rules"),
  PROJECTS_VIEW("Projects", "Viewing the list of projects and the project overview"),
  PROJECTS_EDIT("Projects", "Creating and editing projects"),
  DIALOG_LOGS_EXPORT("Logs", "Downloading dialog logs in .csv format"),
  USER_ROLES_VIEW("Users", "Viewing user roles"),
  USER_ROLES_EDIT("Users", "Editing user roles"),
  SECRETS_VIEW("Projects", "Viewing project secrets"),
  SECRETS_EDIT("Projects", "Editing project secrets"),
  SERVER_LOGS_VIEW("Logs", "Viewing server logs"),
  TELEPHONY_VIEW("Telephony", "Viewing telephony settings"),
  TELEPHONY_EDIT("Telephony", "Editing telephony settings"),
  LABELS_VIEW("Labels", "Viewing labels"),
  LABELS_EDIT("Labels", "Editing labels (the label catalogue)"),
  PROFILE_VIEW("Profile", "Viewing the user profile"),
  PROFILE_EDIT("Profile", "Editing the user profile"),
  USERS_VIEW("Users", "Viewing the list of all users"),
  USERS_EDIT("Users", "Editing users (create, change, activate, deactivate)"),
  // #38..#44 come from the older page only; they keep their place after the newer page's rows.
  CAMPAIGNS_CONTROL("Dialer", "Starting, suspending and finishing call campaigns"),
  NEWS_VIEW("Platform", "Viewing news"),
  NEWS_EDIT("Platform", "Creating and editing news"),
  SETTINGS_VIEW("Platform", "Viewing settings"),
  USER_FLOW_VIEW("Analytics", "Viewing the User flow page"),
  PROJECT_STATS_VIEW("Projects", "Viewing project statistics"),
  DEPLOYMENTS_VIEW("Channels", "Viewing deployment statistics");

  private final String area;
  private final String description;

  Permission(String area, String description) {
    this.area = area;
    this.description = description;
  }

  /** The group this permission is shown under in the matrix view. */
  public String area() {
    return area;
  }

  public String description() {
    return description;
  }

  /** The permission of that name, if there is one: unlike {@code valueOf}, an unknown name is no exception. */
  public static Optional<Permission> named(String name) {
    return Optional.ofNullable(ByName.ALL.get(name));
  }

  private static final class ByName {
    static final Map<String, Permission> ALL = Arrays.stream(values())
        .collect(Collectors.toUnmodifiableMap(Enum::name, permission -> permission));
  }

  /** The roles granting this permission, in {@link Role} order. */
  public Set<Role> roles() {
    return Granting.BY_PERMISSION.get(this);
  }

  // A holder, so Role (whose constants name Permission constants) is only touched once both enums exist.
  private static final class Granting {
    static final Map<Permission, Set<Role>> BY_PERMISSION = index();

    private static Map<Permission, Set<Role>> index() {
      Map<Permission, Set<Role>> index = new EnumMap<>(Permission.class);
      for (Permission permission : values()) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
          if (role.permissions().contains(permission)) {
            roles.add(role);
          }
        }
        index.put(permission, Collections.unmodifiableSet(roles));
      }
      return Collections.unmodifiableMap(index);
    }
  }
}
