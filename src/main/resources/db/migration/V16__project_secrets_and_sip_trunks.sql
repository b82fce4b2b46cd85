-- A project's secrets: name -> value, the value sealed with the secrets key (AES-GCM, context
-- "project-secret:<id>"), so that only an explicit reveal shows it.
CREATE TABLE project_secret (
  id               uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id       uuid         NOT NULL,
  project_id       uuid         NOT NULL,
  name             varchar(100) NOT NULL,
  value_ciphertext bytea        NOT NULL,
  created_at       timestamptz  NOT NULL DEFAULT now(),
  created_by       varchar(320) NOT NULL,
  updated_at       timestamptz  NOT NULL DEFAULT now(),
  updated_by       varchar(320) NOT NULL,
  FOREIGN KEY (account_id, project_id) REFERENCES project (account_id, id) ON DELETE CASCADE
);
-- [jooq ignore start]
CREATE UNIQUE INDEX project_secret_name_key ON project_secret (project_id, lower(name));
-- [jooq ignore stop]
CREATE INDEX project_secret_account_project ON project_secret (account_id, project_id, name, id);

-- The account's SIP trunks; the password is write-only, sealed with context "sip-trunk:<id>".
CREATE TABLE sip_trunk (
  id                  uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id          uuid         NOT NULL REFERENCES account (id),
  name                varchar(100) NOT NULL,
  host                varchar(255) NOT NULL,
  port                integer      NOT NULL CHECK (port BETWEEN 1 AND 65535),
  transport           varchar(3)   NOT NULL CHECK (transport IN ('udp', 'tcp', 'tls')),
  login               varchar(200),
  password_ciphertext bytea,
  caller_ids          text[]       NOT NULL DEFAULT '{}',
  created_at          timestamptz  NOT NULL DEFAULT now(),
  updated_at          timestamptz  NOT NULL DEFAULT now()
);
-- [jooq ignore start]
CREATE UNIQUE INDEX sip_trunk_name_key ON sip_trunk (account_id, lower(name));
-- [jooq ignore stop]
CREATE INDEX sip_trunk_account_name ON sip_trunk (account_id, name, id);
