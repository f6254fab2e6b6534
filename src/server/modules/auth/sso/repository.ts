/** SQL of single sign-on: the links between a provider's identities and accounts, and sign-ins under way. */
import { sql } from '../../../platform/db/sql.ts';
import type { Queryable } from '../../../platform/db/database.ts';
import type { UserRow } from '../repository.ts';

export type LinkedBy = 'email' | 'admin' | 'provisioned';

export interface IdentityRow {
  id: number;
  user_id: number;
  issuer: string;
  subject: string;
  email: string | null;
  linked_by: LinkedBy;
  created_at: Date;
  last_login_at: Date | null;
}

export interface PendingLogin {
  code_verifier: string;
  nonce: string;
  return_to: string;
}

export class SsoRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): SsoRepository {
    return new SsoRepository(tx);
  }

  async savePending(stateHash: string, p: PendingLogin, expiresAt: Date): Promise<void> {
    await this.db.query(sql`
      INSERT INTO sso_logins (state_hash, code_verifier, nonce, return_to, expires_at)
      VALUES (${stateHash}, ${p.code_verifier}, ${p.nonce}, ${p.return_to}, ${expiresAt})`);
    // housekeeping: sign-ins abandoned at the provider go when someone starts a new one
    await this.db.query(sql`DELETE FROM sso_logins WHERE expires_at < now() - interval '1 hour'`);
  }

  /** The sign-in of this state, removed as it is read: a state answers once. */
  async takePending(stateHash: string): Promise<PendingLogin | undefined> {
    const { rows } = await this.db.query<PendingLogin>(sql`
      DELETE FROM sso_logins WHERE state_hash = ${stateHash} AND expires_at > now()
      RETURNING code_verifier, nonce, return_to`);
    return rows[0];
  }

  async identity(issuer: string, subject: string): Promise<IdentityRow | undefined> {
    return (await this.db.query<IdentityRow>(sql`SELECT * FROM sso_identities WHERE issuer = ${issuer} AND subject = ${subject}`)).rows[0];
  }

  async identityById(id: number): Promise<IdentityRow | undefined> {
    return (await this.db.query<IdentityRow>(sql`SELECT * FROM sso_identities WHERE id = ${id}`)).rows[0];
  }

  async identitiesOf(userId: number): Promise<IdentityRow[]> {
    return (await this.db.query<IdentityRow>(sql`SELECT * FROM sso_identities WHERE user_id = ${userId} ORDER BY id`)).rows;
  }

  async link(l: { userId: number; issuer: string; subject: string; email: string | null; linkedBy: LinkedBy; createdBy: number | null }) {
    const { rows } = await this.db.query<IdentityRow>(sql`
      INSERT INTO sso_identities (user_id, issuer, subject, email, linked_by, created_by)
      VALUES (${l.userId}, ${l.issuer}, ${l.subject}, ${l.email}, ${l.linkedBy}, ${l.createdBy})
      ON CONFLICT (issuer, subject) DO NOTHING
      RETURNING *`);
    return rows[0];
  }

  async unlink(id: number): Promise<void> {
    await this.db.query(sql`DELETE FROM sso_identities WHERE id = ${id}`);
  }

  async touch(id: number, email: string | null): Promise<void> {
    await this.db.query(sql`UPDATE sso_identities SET last_login_at = now(), email = coalesce(${email}, email) WHERE id = ${id}`);
  }

  /** The account whose address this is (addresses are unique regardless of case: users_email_idx). */
  async userByEmail(email: string): Promise<UserRow | undefined> {
    return (await this.db.query<UserRow>(sql`SELECT * FROM users WHERE lower(email) = lower(${email})`)).rows[0];
  }

  async usernameTaken(username: string): Promise<boolean> {
    return (await this.db.query(sql`SELECT 1 FROM users WHERE username = ${username}`)).rows.length > 0;
  }
}
