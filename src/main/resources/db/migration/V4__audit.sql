-- User actions: append-only, partitioned by month so that retention drops whole partitions, the
-- only way events ever leave. account_id is null for service-level security events (failed logins
-- for logins that exist nowhere), which belong to no account.
CREATE TABLE audit_event (
  id           uuid         NOT NULL DEFAULT gen_random_uuid(),
  at           timestamptz  NOT NULL DEFAULT clock_timestamp(),
  account_id   uuid,
  actor_id     uuid,
  actor_login  varchar(320),
  action       varchar(64)  NOT NULL,
  target_type  varchar(32),
  target_id    varchar(64),
  target_label varchar(400),
  changes      jsonb,
  source_ip    varchar(45),
  user_agent   varchar(512),
  outcome      varchar(16)  NOT NULL,
  detail       varchar(500),
  PRIMARY KEY (at, id)
) /* [jooq ignore start] */ PARTITION BY RANGE (at) /* [jooq ignore stop] */;

CREATE INDEX audit_event_account_at ON audit_event (account_id, at, id);
CREATE INDEX audit_event_account_actor ON audit_event (account_id, actor_id, at);
CREATE INDEX audit_event_account_target ON audit_event (account_id, target_id, at);

-- [jooq ignore start]
-- Rows that no monthly partition covers land here, so an insert never fails for want of one.
CREATE TABLE audit_event_default PARTITION OF audit_event DEFAULT;

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
-- [jooq ignore stop]
