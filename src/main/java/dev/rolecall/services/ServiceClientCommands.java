package dev.rolecall.services;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The operator's commands for service clients: {@code create-service-client}, {@code list-service-clients}
 * and {@code revoke-service-client}. Each answers its exit status: 0 done, 1 refused, 2 wrong usage.
 */
public final class ServiceClientCommands {
  public static final String USAGE = """
        create-service-client --name NAME (--account UUID ... | --all-accounts) [--json]
                                                     a platform service's client id and secret, shown once
        list-service-clients [--json]                the service clients, revoked ones included
        revoke-service-client --id UUID              refused at once by every instance
      """;

  private ServiceClientCommands() {
  }

  /** Whether the arguments make sense, before any database is opened. */
  public static boolean validCreate(List<String> args) {
    String name = option(args, "--name");
    boolean all = args.contains("--all-accounts");
    List<String> accounts = options(args, "--account");
    return name != null && !name.isBlank() && name.length() <= 100 && all == accounts.isEmpty()
        && accounts.stream().allMatch(ServiceClientCommands::isUuid);
  }

  public static int create(List<String> args, Pool pool, PrintStream out) {
    String name = option(args, "--name").trim();
    Set<UUID> accounts = new LinkedHashSet<>();
    options(args, "--account").forEach(id -> accounts.add(UUID.fromString(id)));
    ServiceClients.Created created;
    try {
      created = new ServiceClients(pool).create(name, args.contains("--all-accounts"), accounts).await();
    } catch (PgException e) {
      if ("23503".equals(e.getSqlState())) {
        out.println("rolecall: no such account among " + accounts);
        return 1;
      }
      throw e;
    }
    if (args.contains("--json")) {
      out.println(new JsonObject().put("clientId", created.clientId().toString()).put("secret", created.secret()).encode());
    } else {
      out.println("service client " + name + " created");
      out.println("client id: " + created.clientId());
      out.println("secret:    " + created.secret() + "   (shown once: only its digest is kept)");
      out.println("It authenticates with HTTP Basic: the client id as the user, the secret as the password.");
    }
    return 0;
  }

  public static int list(List<String> args, Pool pool, PrintStream out) {
    List<ServiceClientRepository.Listed> clients = new ServiceClients(pool).list().await();
    if (args.contains("--json")) {
      JsonArray all = new JsonArray();
      clients.forEach(listed -> all.add(new JsonObject()
          .put("clientId", listed.client().id().toString())
          .put("name", listed.client().name())
          .put("allAccounts", listed.client().allAccounts())
          .put("accounts", new JsonArray(listed.client().accounts().stream().map(UUID::toString).sorted().toList()))
          .put("createdAt", listed.createdAt().toInstant().toString())
          .put("revokedAt", listed.revokedAt() == null ? null : listed.revokedAt().toInstant().toString())));
      out.println(all.encode());
      return 0;
    }
    if (clients.isEmpty()) {
      out.println("no service clients");
    }
    for (ServiceClientRepository.Listed listed : clients) {
      ServiceClient client = listed.client();
      out.println(client.id() + "  " + client.name() + "  "
          + (client.allAccounts() ? "all accounts" : "accounts " + client.accounts().stream().map(UUID::toString).sorted().toList())
          + "  created " + listed.createdAt().toInstant()
          + (listed.revokedAt() == null ? "" : "  revoked " + listed.revokedAt().toInstant()));
    }
    return 0;
  }

  public static int revoke(String id, Pool pool, PrintStream out) {
    if (new ServiceClients(pool).revoke(UUID.fromString(id)).await()) {
      out.println("service client " + id + " revoked");
      return 0;
    }
    out.println("rolecall: no working service client " + id);
    return 1;
  }

  public static boolean isUuid(String value) {
    try {
      UUID.fromString(value);
      return value.length() == 36;
    } catch (IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }

  private static String option(List<String> args, String name) {
    int at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : null;
  }

  private static List<String> options(List<String> args, String name) {
    List<String> values = new java.util.ArrayList<>();
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).equals(name)) {
        values.add(args.get(i + 1));
      }
    }
    return values;
  }
}
