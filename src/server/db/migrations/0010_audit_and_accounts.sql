-- 安全审计: one append-only log of every security event and decision (platform/audit). Each entry carries
-- the hash of the one before it, so a changed or removed entry breaks the chain at that point; the
-- trigger refuses UPDATE and DELETE (and TRUNCATE) outright, except the retention purge, which
-- deletes the oldest entries in a transaction that sets kft.audit_purge and records that it did.
CREATE TABLE audit_log (
  id              bigint PRIMARY KEY,
  at              timestamptz NOT NULL,
  type            text NOT NULL,
  outcome         text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  actor_id        bigint,                 -- no foreign key: the log outlives the accounts it names
  actor_name      text,
  actor_role      text,
  district_code   text,                   -- the district the entry concerns, so a district office sees its own
  subject_type    text,
  subject_id      text,
  ip              text,
  user_agent      text,
  request_id      text,
  detail          jsonb NOT NULL DEFAULT '{}',
  prev_hash       text NOT NULL,
  hash            text NOT NULL
);
CREATE INDEX audit_log_type_idx ON audit_log (type, id DESC);
CREATE INDEX audit_log_district_idx ON audit_log (district_code, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id DESC);
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('kft.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Rate limits shared by every app process: one counter per key and fixed window (platform/http/rate-limit).
CREATE TABLE rate_limit_hits (
  key             text PRIMARY KEY,
  window_start    timestamptz NOT NULL,
  hits            integer NOT NULL
);

-- Accounts: lockout, password policy, second factor, sessions a user can see and end.
ALTER TABLE users
  ADD COLUMN email_verified_at   timestamptz,
  ADD COLUMN locked_until        timestamptz,
  ADD COLUMN password_changed_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN totp_secret         text,
  ADD COLUMN totp_enabled_at     timestamptz,
  ADD COLUMN updated_at          timestamptz NOT NULL DEFAULT now();
CREATE UNIQUE INDEX users_email_idx ON users (lower(email)) WHERE email IS NOT NULL;

CREATE TABLE password_history (
  id              bigserial PRIMARY KEY,
  user_id         bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  password_hash   text NOT NULL,
  at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_history_user_idx ON password_history (user_id, id DESC);

-- failed sign-ins, per account name and per address, for the lockout window
CREATE TABLE login_failures (
  id              bigserial PRIMARY KEY,
  username        text NOT NULL,
  ip              text NOT NULL,
  at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_username_idx ON login_failures (username, at);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, at);

ALTER TABLE sessions
  ADD COLUMN id            bigserial UNIQUE,
  ADD COLUMN last_seen_at  timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN ip            text,
  ADD COLUMN user_agent    text;

-- one-time links sent by email (verify an address, reset a password, accept an invitation): only the
-- SHA-256 of the token is kept, and a token works once, before it expires
CREATE TABLE auth_tokens (
  id              bigserial PRIMARY KEY,
  token_hash      text NOT NULL UNIQUE,
  purpose         text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'invitation')),
  user_id         bigint REFERENCES users(id) ON DELETE CASCADE,
  detail          jsonb NOT NULL DEFAULT '{}',
  expires_at      timestamptz NOT NULL,
  used_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_tokens_user_idx ON auth_tokens (user_id, purpose);
