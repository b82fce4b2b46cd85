-- The platform's services (channels, analytics, the dialer…) authenticate to the decision API, the
-- introspection endpoint and the change feed as service clients, with HTTP Basic. The secret has 256
-- random bits and only its SHA-256 digest is kept, as for API tokens.
CREATE TABLE service_client (
  id            uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  name          varchar(100) NOT NULL CHECK (length(name) > 0),
  digest        bytea        NOT NULL,
  -- Chosen explicitly at creation (--all-accounts); otherwise the accounts listed below.
  all_accounts  boolean      NOT NULL,
  created_at    timestamptz  NOT NULL DEFAULT now(),
  revoked_at    timestamptz
);

CREATE TABLE service_client_account (
  client_id   uuid NOT NULL REFERENCES service_client (id) ON DELETE CASCADE,
  account_id  uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  PRIMARY KEY (client_id, account_id)
);

-- Instances cache clients; a revocation (or an operator's edit) reaches them at commit, as identity
-- changes do (migration V8). Payload: 'service_client:<id>'.
-- [jooq ignore start]
CREATE FUNCTION rolecall_notify_service_client() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'service_client' THEN
    PERFORM pg_notify('rolecall_identity', 'service_client:' || OLD.id);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('rolecall_identity', 'service_client:' || OLD.client_id);
  ELSE
    PERFORM pg_notify('rolecall_identity', 'service_client:' || NEW.client_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER service_client_changed AFTER UPDATE OR DELETE ON service_client
  FOR EACH ROW EXECUTE FUNCTION rolecall_notify_service_client();
CREATE TRIGGER service_client_account_changed AFTER INSERT OR UPDATE OR DELETE ON service_client_account
  FOR EACH ROW EXECUTE FUNCTION rolecall_notify_service_client();
-- [jooq ignore stop]
