-- API tokens for scripts: opaque secrets stored as their SHA-256 digest (a slow hash would cost every
-- request; the secret has 256 random bits, so a fast digest is safe).
CREATE TABLE api_token (
  id           uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id   uuid         NOT NULL,
  user_id      uuid         NOT NULL,
  name         varchar(100) NOT NULL,
  prefix       varchar(16)  NOT NULL,
  digest       bytea        NOT NULL,
  permissions  varchar(40)[],
  created_at   timestamptz  NOT NULL DEFAULT now(),
  expires_at   timestamptz  NOT NULL,
  last_used_at timestamptz,
  revoked_at   timestamptz,
  FOREIGN KEY (account_id, user_id) REFERENCES app_user (account_id, id) ON DELETE CASCADE
);
-- [jooq ignore start]
CREATE UNIQUE INDEX api_token_digest ON api_token (digest);
-- [jooq ignore stop]
CREATE INDEX api_token_user ON api_token (account_id, user_id);
