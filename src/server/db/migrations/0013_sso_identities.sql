-- 统一身份认证 (single sign-on): which identity at which OpenID provider is which local account, and the
-- sign-ins under way (between the redirect to the provider and its answer).
CREATE TABLE sso_identities (
  id              bigserial PRIMARY KEY,
  user_id         bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  issuer          text NOT NULL,
  subject         text NOT NULL,
  email           text,                    -- as the provider said at the last sign-in, for the admin's eyes
  linked_by       text NOT NULL CHECK (linked_by IN ('email', 'admin', 'provisioned')),
  created_by      bigint REFERENCES users(id) ON DELETE SET NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_login_at   timestamptz,
  UNIQUE (issuer, subject)
);
CREATE INDEX sso_identities_user_idx ON sso_identities (user_id);

-- one row per sign-in started: only the state's SHA-256 is kept (the state itself is in the browser's
-- cookie), with the PKCE verifier and nonce; a row is used once and lives ten minutes
CREATE TABLE sso_logins (
  state_hash      text PRIMARY KEY,
  code_verifier   text NOT NULL,
  nonce           text NOT NULL,
  return_to       text NOT NULL,
  expires_at      timestamptz NOT NULL
);
CREATE INDEX sso_logins_expires_idx ON sso_logins (expires_at);
