-- Projects, their bots' ingest keys, the account's log obfuscation rules, and the dialog logs.
CREATE TABLE project (
  id          uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id  uuid          NOT NULL REFERENCES account (id),
  name        varchar(200)  NOT NULL,
  description varchar(2000),
  created_at  timestamptz   NOT NULL DEFAULT now(),
  CONSTRAINT project_account_id_key UNIQUE (account_id, id)
);
-- Names are unique within an account, whatever their case.
-- [jooq ignore start]
CREATE UNIQUE INDEX project_account_name_key ON project (account_id, lower(name));
-- [jooq ignore stop]

-- Keys of a project's bots: opaque secrets stored as their SHA-256 digest (256 random bits make a fast
-- digest safe, and a slow hash would cost every batch).
CREATE TABLE ingest_key (
  id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id   uuid        NOT NULL,
  project_id   uuid        NOT NULL,
  prefix       varchar(16) NOT NULL,
  digest       bytea       NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz,
  FOREIGN KEY (account_id, project_id) REFERENCES project (account_id, id) ON DELETE CASCADE
);
-- [jooq ignore start]
CREATE UNIQUE INDEX ingest_key_digest ON ingest_key (digest);
-- [jooq ignore stop]
CREATE INDEX ingest_key_project ON ingest_key (account_id, project_id);

-- Applied in position order to every log text the service hands out. Patterns are RE2 expressions.
CREATE TABLE obfuscation_rule (
  account_id  uuid          NOT NULL REFERENCES account (id),
  position    integer       NOT NULL,
  pattern     varchar(1000) NOT NULL,
  replacement varchar(200)  NOT NULL,
  description varchar(200),
  PRIMARY KEY (account_id, position)
);

-- One row per exchange, partitioned by month of `at` (the exchange's time, which exports select on).
-- Idempotency: an entry is identified by (project, idempotency key, at). A unique key of a partitioned
-- table must include the partition key, so a key reused with another `at` is another exchange; bots
-- retry a batch by resending the same entries, which then conflict and are counted as duplicates.
CREATE TABLE dialog_log (
  account_id      uuid         NOT NULL,
  project_id      uuid         NOT NULL,
  at              timestamptz  NOT NULL,
  dialog_id       varchar(100) NOT NULL,
  channel         varchar(50)  NOT NULL,
  client_id       varchar(100) NOT NULL,
  request         text,
  answer          text,
  state           varchar(200),
  labels          text[]       NOT NULL DEFAULT '{}',
  idempotency_key varchar(100) NOT NULL,
  received_at     timestamptz  NOT NULL DEFAULT now(),
  CONSTRAINT dialog_log_idempotency_key UNIQUE (project_id, idempotency_key, at),
  FOREIGN KEY (account_id, project_id) REFERENCES project (account_id, id)
) /* [jooq ignore start] */ PARTITION BY RANGE (at) /* [jooq ignore stop] */;

-- A project's time range, read from its months' partitions only.
CREATE INDEX dialog_log_project_at ON dialog_log (project_id, at);

-- [jooq ignore start]
-- Rows that no monthly partition covers land here, so an insert never fails for want of one;
-- DialogLogPartitions creates the months ahead of time and moves rows out of here when it must.
CREATE TABLE dialog_log_default PARTITION OF dialog_log DEFAULT;
-- [jooq ignore stop]
