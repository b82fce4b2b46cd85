-- Login tokens are signed with ES256 so that other services can verify them with the published public
-- keys. The HS256 secrets go: tokens they signed stop working, and their holders log in again.
DELETE FROM signing_key;
ALTER TABLE signing_key RENAME COLUMN secret_ciphertext TO private_key_ciphertext;
-- X.509 SubjectPublicKeyInfo: public, served as a JWK, so not encrypted.
ALTER TABLE signing_key ADD COLUMN public_key bytea NOT NULL;
-- A retired key verifies nothing any more and leaves the published key set at once.
ALTER TABLE signing_key ADD COLUMN retired_at timestamptz;

-- Deactivating a user ends their API tokens and refresh tokens for good, whatever path deactivates
-- them (one user, a bulk operation, an operator's SQL): reactivation never brings them back.
-- Deleting a user removes both by the foreign keys' cascade.
-- [jooq ignore start]
CREATE FUNCTION app_user_revoke_credentials_on_deactivation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE api_token SET revoked_at = clock_timestamp()
    WHERE account_id = NEW.account_id AND user_id = NEW.id AND revoked_at IS NULL;
  UPDATE refresh_token SET revoked_at = clock_timestamp()
    WHERE account_id = NEW.account_id AND user_id = NEW.id AND revoked_at IS NULL;
  RETURN NULL;
END;
$$;

CREATE TRIGGER app_user_deactivation_credentials
  AFTER UPDATE OF active ON app_user
  FOR EACH ROW WHEN (OLD.active AND NOT NEW.active)
  EXECUTE FUNCTION app_user_revoke_credentials_on_deactivation();
-- [jooq ignore stop]
