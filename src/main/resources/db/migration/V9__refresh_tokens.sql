-- Refresh tokens keep people logged in while access tokens stay short-lived. Opaque secrets stored as
-- their SHA-256 digest (256 random bits: a fast digest is safe). Each use marks the token used and
-- issues the next one of its family; a used token presented again revokes the family, since one of
-- the two presenters stole it.
CREATE TABLE refresh_token (
  id               uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  digest           bytea        NOT NULL,
  family_id        uuid         NOT NULL,
  account_id       uuid         NOT NULL,
  user_id          uuid         NOT NULL,
  -- The password login that started the family: what a "logout everywhere" after it compares with.
  authenticated_at timestamptz  NOT NULL,
  -- The access token issued along with this one, so that logging out with it ends the family.
  access_jti       uuid         NOT NULL,
  created_at       timestamptz  NOT NULL DEFAULT now(),
  expires_at       timestamptz  NOT NULL,
  used_at          timestamptz,
  revoked_at       timestamptz,
  client_ip        varchar(45),
  user_agent       varchar(400),
  FOREIGN KEY (account_id, user_id) REFERENCES app_user (account_id, id) ON DELETE CASCADE
);
-- [jooq ignore start]
CREATE UNIQUE INDEX refresh_token_digest ON refresh_token (digest);
-- [jooq ignore stop]
CREATE INDEX refresh_token_family ON refresh_token (family_id);
CREATE INDEX refresh_token_access_jti ON refresh_token (access_jti);
CREATE INDEX refresh_token_user ON refresh_token (account_id, user_id);
CREATE INDEX refresh_token_expires ON refresh_token (expires_at);
