-- Which credential acted (the web app's session, a login's bearer token, an API token, a service
-- client), with its id: an action by a leaked API token can then be told from one by its owner.
ALTER TABLE audit_event ADD COLUMN credential varchar(80);
