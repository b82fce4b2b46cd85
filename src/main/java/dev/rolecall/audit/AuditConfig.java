package dev.rolecall.audit;

import dev.rolecall.Env;
import java.util.Map;

/** How long user actions are kept: whole monthly partitions older than this are dropped. */
public record AuditConfig(int retentionDays) {
  public static final int DEFAULT_RETENTION_DAYS = 400;

  public static AuditConfig fromEnvironment(Map<String, String> env) {
    return new AuditConfig(Env.integer(env, "ROLECALL_AUDIT_RETENTION_DAYS", DEFAULT_RETENTION_DAYS, 1, 36500));
  }
}
