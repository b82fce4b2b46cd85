-- Every change to what authorization reads (a user, their roles, a revoked login token, an API token, an
-- account's name) tells every instance at commit, whatever path made it (the service, a bulk operation, an
-- operator's SQL console), so that the instances' identity caches drop what changed.
-- Payloads: 'user:<id>', 'api_token:<digest in hex>', 'account:<id>'.
-- [jooq ignore start]
CREATE FUNCTION rolecall_notify_app_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('rolecall_identity', 'user:' || OLD.id);
  RETURN NULL;
END;
$$;

-- The rows of user_role and revoked_token name their user in user_id.
CREATE FUNCTION rolecall_notify_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('rolecall_identity', 'user:' || OLD.user_id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('rolecall_identity', 'user:' || NEW.user_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER app_user_identity_changed AFTER UPDATE OR DELETE ON app_user
  FOR EACH ROW EXECUTE FUNCTION rolecall_notify_app_user();
CREATE TRIGGER user_role_identity_changed AFTER INSERT OR UPDATE OR DELETE ON user_role
  FOR EACH ROW EXECUTE FUNCTION rolecall_notify_user();
CREATE TRIGGER revoked_token_identity_changed AFTER INSERT OR UPDATE OR DELETE ON revoked_token
  FOR EACH ROW EXECUTE FUNCTION rolecall_notify_user();

CREATE FUNCTION rolecall_notify_api_token() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('rolecall_identity', 'api_token:' || encode(OLD.digest, 'hex'));
  RETURN NULL;
END;
$$;

-- Its last use is kept to the minute and concerns nobody's cache.
CREATE TRIGGER api_token_changed AFTER UPDATE ON api_token
  FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
    OR OLD.permissions IS DISTINCT FROM NEW.permissions OR OLD.user_id IS DISTINCT FROM NEW.user_id
    OR OLD.digest IS DISTINCT FROM NEW.digest)
  EXECUTE FUNCTION rolecall_notify_api_token();
CREATE TRIGGER api_token_deleted AFTER DELETE ON api_token
  FOR EACH ROW EXECUTE FUNCTION rolecall_notify_api_token();

CREATE FUNCTION rolecall_notify_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('rolecall_identity', 'account:' || OLD.id);
  RETURN NULL;
END;
$$;

CREATE TRIGGER account_changed AFTER UPDATE OR DELETE ON account
  FOR EACH ROW EXECUTE FUNCTION rolecall_notify_account();
-- [jooq ignore stop]
