/**
 * Which local account a provider's identity is: the stored link (issuer + subject), else the account with
 * the same address when the provider vouches for it (email_verified), else — with OIDC_PROVISION — a new
 * account whose role, organization and district come from the claims (OIDC_ROLE_MAP, OIDC_ORG_CLAIM, …).
 */
import crypto from 'node:crypto';
import type { OidcConfig } from '../../../config.ts';
import type { AuthService } from '../service.ts';
import type { Role } from '../schemas.ts';
import type { Claims } from './provider.ts';
import type { LinkedBy, SsoRepository } from './repository.ts';
import type { SsoError } from './schemas.ts';

/** The directory's one answer single sign-on needs: the organization of a USCC (app.ts passes the face's). */
export type OrgByUscc = (uscc: string) => Promise<{ id: number } | null>;

export type Resolved = { userId: number; identityId: number; linkedBy: LinkedBy | null } | { error: SsoError; reason: string; userId?: number };

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

export class SsoAccounts {
  constructor(
    private readonly repo: SsoRepository,
    private readonly auth: AuthService,
    private readonly settings: OidcConfig,
    private readonly orgByUscc: OrgByUscc,
  ) {}

  async resolve(claims: Claims): Promise<Resolved> {
    const { issuer } = this.settings;
    const linked = await this.repo.identity(issuer, claims.sub);
    if (linked) return { userId: Number(linked.user_id), identityId: Number(linked.id), linkedBy: null };

    const email = text(claims.email);
    // only the provider's word that the address is its user's lets it stand for a local account
    if (email && claims.email_verified !== true) return { error: 'email_not_verified', reason: 'email_not_verified' };
    const byEmail = email ? await this.repo.userByEmail(email) : undefined;
    if (byEmail) return this.link(Number(byEmail.id), claims, email, 'email');
    if (!this.settings.provision) return { error: 'no_account', reason: email ? 'no_account_with_email' : 'no_email' };
    return this.provision(claims, email);
  }

  private async link(userId: number, claims: Claims, email: string | null, linkedBy: LinkedBy): Promise<Resolved> {
    const row = await this.repo.link({ userId, issuer: this.settings.issuer, subject: claims.sub, email, linkedBy, createdBy: null });
    // a second sign-in of the same identity raced this one and linked it first: use that link
    const identity = row ?? (await this.repo.identity(this.settings.issuer, claims.sub))!;
    if (Number(identity.user_id) !== userId) return { error: 'no_account', reason: 'linked_elsewhere' };
    return { userId, identityId: Number(identity.id), linkedBy: row ? linkedBy : null };
  }

  /** A new account from the claims; refused when the claims do not say enough for its role. */
  private async provision(claims: Claims, email: string | null): Promise<Resolved> {
    const role = this.roleOf(claims);
    const uscc = this.settings.orgClaim ? text(claims[this.settings.orgClaim]) : null;
    const org = uscc ? await this.orgByUscc(uscc) : null;
    const districtCode = this.settings.districtClaim ? text(claims[this.settings.districtClaim]) : null;
    if (role === 'org_member' && !org) return { error: 'provision_refused', reason: uscc ? 'unknown_org' : 'no_org' };
    if (role === 'district_admin' && !districtCode) return { error: 'provision_refused', reason: 'no_district' };
    const username = await this.freeUsername(text(claims.preferred_username) ?? email?.split('@')[0] ?? `sso-${claims.sub}`);
    try {
      const user = await this.auth.createUser({
        username,
        // a password nobody knows: the account signs in through the provider
        password: crypto.randomBytes(32).toString('base64url'),
        role,
        displayName: (text(claims.name) ?? text(claims.preferred_username) ?? username).slice(0, 100),
        orgId: role === 'org_member' ? org!.id : null,
        districtCode: role === 'district_admin' ? districtCode : null,
        email,
      });
      return this.link(user.id, claims, email, 'provisioned');
    } catch (err) {
      // an unknown district code (foreign key) or an address taken meanwhile: the claims do not fit
      return { error: 'provision_refused', reason: (err as { code?: string }).code === '23503' ? 'unknown_district' : 'insert_failed' };
    }
  }

  /** The first of the role claim's values that OIDC_ROLE_MAP knows; none = an organization's member. */
  roleOf(claims: Claims): Role {
    const raw = this.settings.roleClaim ? claims[this.settings.roleClaim] : undefined;
    const values = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
    for (const v of values) if (this.settings.roleMap[v]) return this.settings.roleMap[v];
    return 'org_member';
  }

  private async freeUsername(wanted: string): Promise<string> {
    const base =
      wanted
        .toLowerCase()
        .replace(/[^a-z0-9._@-]+/g, '-')
        .slice(0, 48) || 'sso';
    for (let i = 1; i <= 20; i++) {
      const name = i === 1 ? base : `${base}-${i}`;
      if (!(await this.repo.usernameTaken(name))) return name;
    }
    return `${base}-${crypto.randomBytes(4).toString('hex')}`;
  }
}
