package dev.rolecall.db;

import dev.rolecall.StartupException;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Where the database is, from a {@code postgresql://user:password@host:port/db} URL. The password
 * never appears in {@link #toString()}, so the URL can be logged.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password) {

  public static DatabaseUrl parse(String variable, String url) {
    PgConnectOptions options;
    try {
      options = PgConnectOptions.fromUri(url.trim());
    } catch (RuntimeException e) {
      throw new StartupException(variable + " is not a postgresql://user:password@host:port/db URL");
    }
    return new DatabaseUrl(
        options.getHost(), options.getPort(), options.getDatabase(), options.getUser(), options.getPassword());
  }

  public PgConnectOptions connectOptions() {
    PgConnectOptions options = new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setCachePreparedStatements(true);
    return password == null ? options : options.setPassword(password);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?connectTimeout=5";
  }

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database + "?connectTimeout=5";
  }
}
