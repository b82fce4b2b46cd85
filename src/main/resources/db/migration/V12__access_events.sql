-- The change feed's outbox: what other services must hear to drop what they cached about a user (their
-- deactivation or deletion, a change of their roles, the revocation of their login tokens or of an API
-- token). Triggers write it in the same transaction as the change, whatever path made it (the service, a
-- bulk operation, an operator's SQL console). No foreign keys: an event outlives the user it is about.
CREATE TABLE access_event (
  id           bigint      PRIMARY KEY,
  account_id   uuid        NOT NULL,
  user_id      uuid        NOT NULL,
  kind         varchar(32) NOT NULL,
  api_token_id uuid,
  occurred_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX access_event_occurred ON access_event (occurred_at);

-- The last id handed out. One row, locked by each numbering until its transaction ends.
CREATE TABLE access_event_sequencer (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_id   bigint  NOT NULL
);
-- Every event up to this id has been purged by the retention: a resume point before it has a gap.
CREATE TABLE access_event_retention (
  singleton      boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  purged_through bigint  NOT NULL
);

-- [jooq ignore start]
INSERT INTO access_event_sequencer (last_id) VALUES (0);
INSERT INTO access_event_retention (purged_through) VALUES (0);

-- Until its transaction commits, an event has a provisional negative id, which no reader can see.
CREATE SEQUENCE access_event_provisional_id;
ALTER TABLE access_event ALTER COLUMN id SET DEFAULT -nextval('access_event_provisional_id');

-- Ids follow commit order, not insert order: a sequence's values are taken before commit and commits
-- interleave, so a reader could see id 8 committed while 7 is still to come, and skip 7 for good.
-- Instead a deferred trigger numbers the transaction's events at commit, under the lock of the
-- sequencer's one row, which is held until the transaction has committed. The next numbering waits for
-- that lock, so an id is only given once every lower id is visible: ids are dense and in commit order,
-- and "every event after the last id I read" never misses one. A transaction that fails after its
-- numbering rolls its ids back too.
--
-- The cost: committing transactions that changed identities (and only those) are serialised for the few
-- statements of their numbering, since the lock is taken at commit rather than at the change. Taken at
-- commit, it is never held while waiting for a row lock, so it adds no deadlock. (The alternative, a
-- watermark of committed transactions with pg_snapshot_xmin, serialises nothing but needs a relay that
-- renumbers after the fact, or readers that hold back behind the oldest running transaction of the whole
-- database, a console's forgotten transaction included.)
-- A REPEATABLE READ or SERIALIZABLE transaction that changes identities while another commits such a
-- change fails with a serialisation error and must be retried, as such transactions must anyway.
--
-- The trigger fires for each event, but its first call numbers all of the transaction's events at once
-- (the provisional rows a transaction can see are its own: others' are uncommitted or numbered), in the
-- order they were written, and announces the new last id once; the later calls find nothing to do.
CREATE FUNCTION access_event_number() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  base    bigint;
  counted bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM access_event WHERE id = NEW.id) THEN
    RETURN NULL;
  END IF;
  SELECT last_id INTO base FROM access_event_sequencer FOR UPDATE;
  WITH numbered AS (
    SELECT id AS provisional, base + row_number() OVER (ORDER BY id DESC) AS final
    FROM access_event WHERE id < 0
  )
  UPDATE access_event e SET id = n.final FROM numbered n WHERE e.id = n.provisional;
  GET DIAGNOSTICS counted = ROW_COUNT;
  UPDATE access_event_sequencer SET last_id = base + counted;
  PERFORM pg_notify('rolecall_access_events', (base + counted)::text);
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER access_event_numbered AFTER INSERT ON access_event
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW.id < 0) EXECUTE FUNCTION access_event_number();

-- A user deactivated, deleted, or whose login tokens were all revoked (logout everywhere, a password
-- change, an admin's reset: each moves tokens_valid_after forward). Deactivation moves it too (V3), but
-- user.deactivated already says that every credential of theirs is dead.
CREATE FUNCTION access_event_app_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO access_event (account_id, user_id, kind) VALUES (OLD.account_id, OLD.id, TG_ARGV[0]);
  RETURN NULL;
END;
$$;

CREATE TRIGGER app_user_deactivated_event AFTER UPDATE ON app_user
  FOR EACH ROW WHEN (OLD.active AND NOT NEW.active)
  EXECUTE FUNCTION access_event_app_user('user.deactivated');
CREATE TRIGGER app_user_tokens_revoked_event AFTER UPDATE ON app_user
  FOR EACH ROW WHEN (NEW.tokens_valid_after > OLD.tokens_valid_after AND NOT (OLD.active AND NOT NEW.active))
  EXECUTE FUNCTION access_event_app_user('user.tokens_revoked');
CREATE TRIGGER app_user_deleted_event AFTER DELETE ON app_user
  FOR EACH ROW EXECUTE FUNCTION access_event_app_user('user.deleted');

-- Roles: one event per user per statement, however many of their roles it touched. A user deleted in the
-- same statement (roles go by the cascade) has user.deleted, which says more.
CREATE FUNCTION access_event_user_role() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO access_event (account_id, user_id, kind)
      SELECT DISTINCT r.account_id, r.user_id, 'user.roles_changed' FROM new_roles r
      WHERE EXISTS (SELECT 1 FROM app_user u WHERE u.id = r.user_id);
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO access_event (account_id, user_id, kind)
      SELECT DISTINCT r.account_id, r.user_id, 'user.roles_changed' FROM old_roles r
      WHERE EXISTS (SELECT 1 FROM app_user u WHERE u.id = r.user_id);
  ELSE
    INSERT INTO access_event (account_id, user_id, kind)
      SELECT r.account_id, r.user_id, 'user.roles_changed'
      FROM (SELECT account_id, user_id FROM new_roles UNION SELECT account_id, user_id FROM old_roles) r
      WHERE EXISTS (SELECT 1 FROM app_user u WHERE u.id = r.user_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER user_role_inserted_event AFTER INSERT ON user_role
  REFERENCING NEW TABLE AS new_roles
  FOR EACH STATEMENT EXECUTE FUNCTION access_event_user_role();
CREATE TRIGGER user_role_deleted_event AFTER DELETE ON user_role
  REFERENCING OLD TABLE AS old_roles
  FOR EACH STATEMENT EXECUTE FUNCTION access_event_user_role();
CREATE TRIGGER user_role_updated_event AFTER UPDATE ON user_role
  REFERENCING OLD TABLE AS old_roles NEW TABLE AS new_roles
  FOR EACH STATEMENT EXECUTE FUNCTION access_event_user_role();

-- An API token revoked, or deleted while it still worked. Deactivation revokes its owner's tokens (V10),
-- so each of them has its event too; a deleted owner's tokens go by the cascade under user.deleted.
CREATE FUNCTION access_event_api_token() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.id = OLD.user_id) THEN
    RETURN NULL;
  END IF;
  INSERT INTO access_event (account_id, user_id, kind, api_token_id)
    VALUES (OLD.account_id, OLD.user_id, 'api_token.revoked', OLD.id);
  RETURN NULL;
END;
$$;

CREATE TRIGGER api_token_revoked_event AFTER UPDATE ON api_token
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
  EXECUTE FUNCTION access_event_api_token();
CREATE TRIGGER api_token_deleted_event AFTER DELETE ON api_token
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL)
  EXECUTE FUNCTION access_event_api_token();
-- [jooq ignore stop]
