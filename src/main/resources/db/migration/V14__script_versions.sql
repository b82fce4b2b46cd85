-- A project's script code: every save is a new version holding all its files (path -> text), so that any
-- version can be read, compared or deployed as it was. Versions are numbered 1, 2, ... per project; the
-- number is the version's ETag, and a save names the number it was based on.
CREATE TABLE script_version (
  id           uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id   uuid         NOT NULL,
  project_id   uuid         NOT NULL,
  number       integer      NOT NULL CHECK (number > 0),
  files        jsonb        NOT NULL,
  size_bytes   integer      NOT NULL CHECK (size_bytes >= 0),
  message      varchar(500) NOT NULL,
  -- The author is kept by id and by login as it was then: the user may be deleted later.
  author_id    uuid,
  author_login varchar(200) NOT NULL,
  created_at   timestamptz  NOT NULL DEFAULT now(),
  CONSTRAINT script_version_number_key UNIQUE (project_id, number),
  CONSTRAINT script_version_account_id_key UNIQUE (account_id, id),
  FOREIGN KEY (account_id, project_id) REFERENCES project (account_id, id) ON DELETE CASCADE
);
CREATE INDEX script_version_account_project ON script_version (account_id, project_id, number DESC);
