-- An account is the tenant: every tenant table carries its id.
CREATE TABLE account (
  id         uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  name       varchar(200) NOT NULL,
  created_at timestamptz  NOT NULL DEFAULT now()
);
