-- Users of an account, their roles, and what authentication needs to keep.
CREATE TABLE app_user (
  id                 uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id         uuid         NOT NULL REFERENCES account (id),
  login              varchar(320) NOT NULL,
  first_name         varchar(100) NOT NULL,
  last_name          varchar(100) NOT NULL,
  password_hash      varchar(255) NOT NULL,
  password_temporary boolean      NOT NULL DEFAULT false,
  active             boolean      NOT NULL DEFAULT true,
  created_at         timestamptz  NOT NULL DEFAULT now(),
  updated_at         timestamptz  NOT NULL DEFAULT now(),
  last_login_at      timestamptz,
  -- Tokens issued before this instant are refused: logout everywhere, deactivation, a password set by an admin.
  tokens_valid_after timestamptz  NOT NULL DEFAULT now(),
  CONSTRAINT app_user_account_id_key UNIQUE (account_id, id)
);
CREATE INDEX app_user_account ON app_user (account_id);
-- Logins are unique across the service, whatever their case.
-- [jooq ignore start]
CREATE UNIQUE INDEX app_user_login_key ON app_user (lower(login));
-- [jooq ignore stop]

CREATE TABLE user_role (
  account_id uuid        NOT NULL,
  user_id    uuid        NOT NULL,
  role       varchar(32) NOT NULL,
  PRIMARY KEY (user_id, role),
  FOREIGN KEY (account_id, user_id) REFERENCES app_user (account_id, id) ON DELETE CASCADE
);
CREATE INDEX user_role_account_role ON user_role (account_id, role);

-- Login tokens revoked one by one (logout); kept until they would have expired anyway.
CREATE TABLE revoked_token (
  jti        uuid        PRIMARY KEY,
  user_id    uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
CREATE INDEX revoked_token_expires ON revoked_token (expires_at);

-- Failed logins, counted by the throttle across every instance; rows older than its window are purged.
CREATE TABLE login_failure (
  id        bigserial    PRIMARY KEY,
  login     varchar(320) NOT NULL,
  client_ip varchar(45)  NOT NULL,
  failed_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX login_failure_login_ip ON login_failure (login, client_ip, failed_at);
CREATE INDEX login_failure_ip ON login_failure (client_ip, failed_at);
CREATE INDEX login_failure_at ON login_failure (failed_at);

-- JWT signing keys, shared by every instance; the secret is encrypted with the service's secrets key.
CREATE TABLE signing_key (
  kid               varchar(40) PRIMARY KEY,
  secret_ciphertext bytea       NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);
