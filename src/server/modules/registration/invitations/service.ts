/**
 * A confirmed member invites colleagues: an emailed one-time link (an auth token whose detail names the
 * invitation); the colleague chooses a username and password and is a member of the organization, with
 * the address verified (the link proved it). Revoking the invitation makes the link useless.
 */
import type { Database } from '../../../platform/db/database.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.ts';
import type { Locale } from '../../../platform/http/i18n.ts';
import type { AuthService, CurrentUser } from '../../auth/index.ts';
import type { DirectoryService } from '../../directory/index.ts';
import { mayManageMembers } from '../policy.ts';
import type { AcceptInput } from '../schemas.ts';
import type { RegistrationMail } from '../mail.ts';
import { taken } from '../service.ts';
import { type Invitation, InvitationRepository } from './repository.ts';

const INVITATION_TTL_DAYS = 7;

const linkInvalid = () => new AppError(400, 'link_invalid', 'auth.linkInvalid', {}, [{ path: 'token', key: 'auth.linkInvalid' }]);

export class InvitationService {
  private readonly repo: InvitationRepository;

  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
    private readonly directory: DirectoryService,
    private readonly mail: RegistrationMail,
  ) {
    this.repo = new InvitationRepository(db);
  }

  async members(orgId: number, user: CurrentUser) {
    if (!mayManageMembers(user, orgId)) throw forbidden();
    const org = await this.directory.get(orgId);
    const ids = await this.auth.orgMemberIds(orgId);
    const people = await this.auth.emailsOf(ids);
    return {
      orgName: org.name,
      members: ids.map((id) => ({ id, displayName: people.get(id)?.displayName ?? '', email: people.get(id)?.email ?? null })),
      invitations: await this.repo.open(orgId),
    };
  }

  async invite(orgId: number, input: { email: string; displayName: string }, user: CurrentUser, locale: Locale): Promise<Invitation> {
    if (!mayManageMembers(user, orgId)) throw forbidden();
    const org = await this.directory.get(orgId);
    if (await this.auth.userIdByEmail(input.email)) throw taken('email', 'registration.emailTaken', { value: input.email });
    await this.repo.retireExpired(orgId, input.email);
    if (await this.repo.openForEmail(orgId, input.email)) throw taken('email', 'registration.alreadyInvited', { value: input.email });
    const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86400_000);
    const { id, token } = await this.db.transaction(async (tx) => {
      const id = await this.repo.with(tx).insert({ orgId, email: input.email, displayName: input.displayName, invitedBy: user.id, expiresAt });
      const token = await this.auth.issueToken('invitation', { userId: null, ttlMinutes: INVITATION_TTL_DAYS * 24 * 60, detail: { invitationId: id } }, tx);
      await recordAudit(tx, {
        type: 'registration.invitation_sent',
        actor: { id: user.id, username: user.username, role: user.role },
        districtCode: org.districtCode,
        subject: { type: 'org_invitation', id },
        detail: { orgId, orgName: org.name, email: input.email },
      });
      return { id, token };
    });
    await this.mail.send(input.email, 'invitation', locale, {
      name: input.displayName,
      orgName: org.name,
      inviter: user.displayName,
      days: INVITATION_TTL_DAYS,
      link: this.mail.link(`/invitations/${encodeURIComponent(token)}`),
    });
    return (await this.repo.byId(id))!;
  }

  async revoke(orgId: number, id: number, user: CurrentUser): Promise<void> {
    if (!mayManageMembers(user, orgId)) throw forbidden();
    const inv = await this.repo.byId(id);
    if (!inv || inv.orgId !== orgId || inv.status !== 'pending') throw notFound('registration.invitationNotFound');
    await this.repo.settle(id, 'revoked', null);
  }

  /** What the link shows before it is accepted (it is not used up by looking). */
  async preview(token: string) {
    const inv = await this.openInvitation(token);
    const org = await this.directory.get(inv.orgId);
    return { orgName: org.name, invitedByName: inv.invitedByName, email: inv.email, displayName: inv.displayName, expiresAt: inv.expiresAt };
  }

  async accept(token: string, input: AcceptInput): Promise<{ username: string; orgId: number }> {
    const inv = await this.openInvitation(token);
    const org = await this.directory.get(inv.orgId);
    if (await this.auth.userExists(input.username)) throw taken('username', 'registration.usernameTaken', { value: input.username });
    if (await this.auth.userIdByEmail(inv.email)) throw taken('email', 'registration.emailTaken', { value: inv.email });
    await this.auth.checkNewPassword(null, input.username, input.password);
    return this.db.transaction(async (tx) => {
      // the token is used up in the transaction that creates the account: a rejected password leaves it usable
      await this.auth.useToken(token, 'invitation', tx);
      const locked = await this.repo.with(tx).byId(inv.id, true);
      if (locked?.status !== 'pending') throw linkInvalid();
      const user = await this.auth.createUser(
        { username: input.username, password: input.password, role: 'org_member', displayName: input.displayName, email: inv.email, orgId: inv.orgId },
        tx,
      );
      await this.auth.markEmailVerified(user.id, tx);
      await this.repo.with(tx).settle(inv.id, 'accepted', user.id);
      await recordAudit(tx, {
        type: 'registration.invitation_accepted',
        actor: { id: user.id, username: user.username, role: user.role },
        districtCode: org.districtCode,
        subject: { type: 'user', id: user.id },
        detail: { orgId: inv.orgId, orgName: org.name, invitationId: inv.id },
      });
      return { username: user.username, orgId: inv.orgId };
    });
  }

  private async openInvitation(token: string): Promise<Invitation> {
    const found = await this.auth.peekToken(token, 'invitation');
    const inv = found ? await this.repo.byId(Number(found.detail.invitationId)) : null;
    if (inv?.status !== 'pending' || inv.expiresAt <= new Date()) throw linkInvalid();
    return inv;
  }
}
