-- Deactivating a user revokes every token they hold, whatever path deactivates them (one user, a
-- bulk operation, an operator's SQL), so that reactivating them never brings old tokens back.
-- [jooq ignore start]
CREATE FUNCTION app_user_revoke_tokens_on_deactivation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.tokens_valid_after := clock_timestamp();
  RETURN NEW;
END;
$$;

CREATE TRIGGER app_user_deactivation
  BEFORE UPDATE OF active ON app_user
  FOR EACH ROW WHEN (OLD.active AND NOT NEW.active)
  EXECUTE FUNCTION app_user_revoke_tokens_on_deactivation();
-- [jooq ignore stop]
