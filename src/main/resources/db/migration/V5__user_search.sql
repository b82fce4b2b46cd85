-- The user list at a million users in one account (docs/benchmarks.md has the figures and plans).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- [jooq ignore start]
-- Substring filters ("ada love", "lovelace", "@acme") of three or more characters find their rows here.
CREATE INDEX app_user_name_trgm ON app_user USING gin (lower(first_name || ' ' || last_name) gin_trgm_ops);
CREATE INDEX app_user_login_trgm ON app_user USING gin (lower(login) gin_trgm_ops);
-- The list asks the planner how many users a filter should match (never counting them): statistics on
-- ten times the default sample see fragments down to about 0.1 % of the users.
ALTER INDEX app_user_name_trgm ALTER COLUMN 1 SET STATISTICS 1000;
ALTER INDEX app_user_login_trgm ALTER COLUMN 1 SET STATISTICS 1000;

-- One B-tree per sort order, ending with the keyset tiebreaker id, so that any page, however deep, is a
-- range scan that stops after the page. Each carries what the filters read (INCLUDE), so that walking
-- the order and testing each user is an index-only scan: no heap page per user passed over.
CREATE INDEX app_user_by_name ON app_user (account_id, lower(last_name), lower(first_name), id)
  INCLUDE (first_name, last_name, login, active);
CREATE INDEX app_user_by_login ON app_user (account_id, lower(login), id)
  INCLUDE (login, first_name, last_name, active);
CREATE INDEX app_user_by_created ON app_user (account_id, created_at, id)
  INCLUDE (first_name, last_name, login, active);
-- Never-logged-in users come last in both directions: one index per direction.
CREATE INDEX app_user_by_last_login ON app_user (account_id, coalesce(last_login_at, 'infinity'), id)
  INCLUDE (last_login_at, first_name, last_name, login, active);
CREATE INDEX app_user_by_last_login_desc ON app_user (account_id, coalesce(last_login_at, '-infinity'), id)
  INCLUDE (last_login_at, first_name, last_name, login, active);

-- A rare role's holders, read from the index alone; it supersedes the (account_id, role) index.
CREATE INDEX user_role_account_role_user ON user_role (account_id, role, user_id);
DROP INDEX user_role_account_role;
-- [jooq ignore stop]
