-- Organizations register themselves (registration module). A registrant's account is an org_member with
-- no organization until the city or district office confirms the claim: the check that every org_member
-- has an organization goes (auth's actsFor already requires a matching organization, so such an account
-- acts for nothing). The check was unnamed in 0001, so it is found by what it says.
DO $$
DECLARE c text;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint
            WHERE conrelid = 'users'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%org_member%org_id%'
  LOOP
    EXECUTE format('ALTER TABLE users DROP CONSTRAINT %I', c);
  END LOOP;
END $$;

-- 机构认领: the claim to act for an organization, from the registration form to the office's decision
CREATE TABLE org_claims (
  id                 bigserial PRIMARY KEY,
  user_id            bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  uscc               text NOT NULL,
  org_name           text NOT NULL,
  district_code      text NOT NULL REFERENCES divisions(code),
  contact_name       text NOT NULL,
  email              text NOT NULL,
  phone              text,
  org_id             bigint REFERENCES orgs(id),   -- the directory's entry: known at submission, or created on confirmation
  status             text NOT NULL DEFAULT 'awaiting_email'
                     CHECK (status IN ('awaiting_email', 'pending', 'confirmed', 'rejected')),
  reviewer_id        bigint REFERENCES users(id),
  reason             text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  email_verified_at  timestamptz,
  decided_at         timestamptz,
  CHECK (status <> 'rejected' OR reason IS NOT NULL)
);
-- one open claim per organization at a time
CREATE UNIQUE INDEX org_claims_open_uscc_idx ON org_claims (uscc) WHERE status IN ('awaiting_email', 'pending');
CREATE INDEX org_claims_review_idx ON org_claims (status, district_code, id DESC);
CREATE INDEX org_claims_user_idx ON org_claims (user_id, id DESC);

-- 成员邀请: a member invites a colleague by email; the link is an auth token (purpose 'invitation')
-- whose detail names the invitation, so revoking the invitation here makes the link useless
CREATE TABLE org_invitations (
  id                 bigserial PRIMARY KEY,
  org_id             bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  email              text NOT NULL,
  display_name       text NOT NULL,
  invited_by         bigint REFERENCES users(id) ON DELETE SET NULL,
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'revoked')),
  accepted_user_id   bigint REFERENCES users(id) ON DELETE SET NULL,
  expires_at         timestamptz NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  decided_at         timestamptz
);
CREATE INDEX org_invitations_org_idx ON org_invitations (org_id, status, id DESC);
CREATE UNIQUE INDEX org_invitations_open_idx ON org_invitations (org_id, lower(email)) WHERE status = 'pending';
