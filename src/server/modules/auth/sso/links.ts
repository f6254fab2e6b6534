/**
 * Links made and removed by hand: an administrator ties an account to a provider identity (for an account
 * whose address the provider does not know, or does not vouch for) or unties it. Both are audited.
 */
import type { Database } from '../../../platform/db/database.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { CurrentUser } from '../schemas.ts';
import { UserRepository } from '../repository.ts';
import { type IdentityRow, SsoRepository } from './repository.ts';

export const presentLink = (r: IdentityRow) => ({
  id: Number(r.id),
  issuer: r.issuer,
  subject: r.subject,
  email: r.email,
  linkedBy: r.linked_by,
  createdAt: r.created_at,
  lastLoginAt: r.last_login_at,
});

export class SsoLinks {
  private readonly repo: SsoRepository;
  private readonly users: UserRepository;

  constructor(
    private readonly db: Database,
    private readonly defaultIssuer: string | null,
  ) {
    this.repo = new SsoRepository(db);
    this.users = new UserRepository(db);
  }

  async list(userId: number) {
    if (!(await this.users.byId(userId))) throw notFound('sso.userNotFound');
    return (await this.repo.identitiesOf(userId)).map(presentLink);
  }

  async link(admin: CurrentUser, userId: number, input: { issuer?: string; subject: string }) {
    const issuer = input.issuer ?? this.defaultIssuer;
    if (!issuer) throw new AppError(400, 'sso_not_enabled', 'sso.notEnabled', {}, [{ path: 'issuer', key: 'sso.notEnabled' }]);
    const user = await this.users.byId(userId);
    if (!user) throw notFound('sso.userNotFound');
    return this.db.transaction(async (tx) => {
      const row = await this.repo.with(tx).link({ userId, issuer, subject: input.subject, email: null, linkedBy: 'admin', createdBy: admin.id });
      if (!row) {
        const taken = await this.repo.with(tx).identity(issuer, input.subject);
        const owner = taken ? await this.users.with(tx).byId(Number(taken.user_id)) : undefined;
        const params = { username: owner?.username ?? '' };
        throw new AppError(409, 'sso_already_linked', 'sso.alreadyLinked', params, [{ path: 'subject', key: 'sso.alreadyLinked', params }]);
      }
      await recordAudit(tx, {
        type: 'auth.sso_linked',
        actor: { id: admin.id, username: admin.username, role: admin.role },
        districtCode: user.district_code,
        subject: { type: 'user', id: userId },
        detail: { issuer, subject: input.subject, linkedBy: 'admin' },
      });
      return presentLink(row);
    });
  }

  async unlink(admin: CurrentUser, userId: number, linkId: number): Promise<void> {
    const row = await this.repo.identityById(linkId);
    if (!row || Number(row.user_id) !== userId) throw notFound('sso.linkNotFound');
    const user = await this.users.byId(userId);
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).unlink(linkId);
      await recordAudit(tx, {
        type: 'auth.sso_unlinked',
        actor: { id: admin.id, username: admin.username, role: admin.role },
        districtCode: user?.district_code ?? null,
        subject: { type: 'user', id: userId },
        detail: { issuer: row.issuer, subject: row.subject },
      });
    });
  }
}
