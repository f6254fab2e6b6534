/**
 * An organization registers itself: the account (an org_member acting for nothing yet) and its claim
 * in one transaction; the emailed link proves the address and puts the claim before the district's
 * office; the office confirms it (linking the account to the directory's entry, created from the claim
 * when the USCC is new) or rejects it with a reason. Every step is in the audit trail.
 */
import type { Database } from '../../platform/db/database.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../../platform/http/errors.ts';
import type { Locale } from '../../platform/http/i18n.ts';
import type { AuthService, CurrentUser } from '../auth/index.ts';
import type { DirectoryService } from '../directory/index.ts';
import { notify } from '../notifications/index.ts';
import { ClaimRepository, type Claim } from './repository.ts';
import type { ClaimListQuery, RegistrationInput } from './schemas.ts';
import { mayReviewClaim, mayReviewClaims, reviewScope } from './policy.ts';
import type { RegistrationMail } from './mail.ts';

const VERIFY_TTL_MINUTES = 24 * 60;
const UNIQUE_VIOLATION = '23505';

const actor = (u: CurrentUser) => ({ id: u.id, username: u.username, role: u.role });
const claimDetail = (c: Pick<Claim, 'uscc' | 'orgName'>, extra: Record<string, unknown> = {}) => ({ uscc: c.uscc, orgName: c.orgName, ...extra });

export class RegistrationService {
  private readonly repo: ClaimRepository;

  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
    private readonly directory: DirectoryService,
    private readonly mail: RegistrationMail,
  ) {
    this.repo = new ClaimRepository(db);
  }

  async register(input: RegistrationInput, locale: Locale): Promise<Claim> {
    // reads first (on PGlite's one connection nothing may read through the pool inside the transaction)
    const problems: FieldError[] = await this.directory.referenceProblems({ categories: [], districtCode: input.districtCode, clusterId: null });
    if (problems.length) throw invalid(problems);
    await this.assertFree(input);
    const existing = await this.directory.byUscc(input.uscc);
    // auth's password policy (400 naming the password), before anything is written
    await this.auth.checkNewPassword(null, input.username, input.password);

    const { claimId, token } = await this.db
      .transaction(async (tx) => {
        const user = await this.auth.createUser(
          { username: input.username, password: input.password, role: 'org_member', displayName: input.contactName, email: input.email, orgId: null },
          tx,
        );
        const claimId = await this.repo.with(tx).insert({
          userId: user.id,
          uscc: input.uscc,
          orgName: existing?.name ?? input.orgName,
          districtCode: input.districtCode,
          contactName: input.contactName,
          email: input.email,
          phone: input.phone ?? null,
          orgId: existing?.id ?? null,
        });
        const token = await this.auth.issueToken('verify_email', { userId: user.id, ttlMinutes: VERIFY_TTL_MINUTES, detail: { claimId } }, tx);
        await recordAudit(tx, {
          type: 'registration.submitted',
          actor: actor(user),
          districtCode: input.districtCode,
          subject: { type: 'org_claim', id: claimId },
          detail: claimDetail({ uscc: input.uscc, orgName: input.orgName }, { existingOrgId: existing?.id ?? null }),
        });
        return { claimId, token };
      })
      .catch(async (err: { code?: string }) => {
        // two registrations racing for one username, email or USCC: the unique indexes decide; say which, as 409
        if (err.code === UNIQUE_VIOLATION) await this.assertFree(input);
        throw err;
      });
    const claim = (await this.repo.byId(claimId))!;
    await this.mail.send(claim.email, 'verify', locale, { name: claim.contactName, orgName: claim.orgName, link: this.mail.link('/verify-email', token) });
    return claim;
  }

  private async assertFree(input: RegistrationInput): Promise<void> {
    if (await this.auth.userExists(input.username)) throw taken('username', 'registration.usernameTaken', { value: input.username });
    if (await this.auth.userIdByEmail(input.email)) throw taken('email', 'registration.emailTaken', { value: input.email });
    if (await this.repo.openForUscc(input.uscc)) throw taken('uscc', 'registration.claimOpen', { value: input.uscc });
  }

  /** The emailed link: the address is proved, and the claim goes to the district's office. */
  async verifyEmail(token: string): Promise<Claim> {
    const claimId = await this.db.transaction(async (tx) => {
      const { userId, detail } = await this.auth.useToken(token, 'verify_email', tx);
      const claim = await this.repo.with(tx).byId(Number(detail.claimId), true);
      if (!claim || claim.userId !== userId) throw notFound('registration.claimNotFound');
      await this.auth.markEmailVerified(claim.userId, tx);
      await this.repo.with(tx).markEmailVerified(claim.id);
      await notify(tx, await this.auth.officeUserIds(claim.districtCode, tx), 'registration.claimPending', null, claimDetail(claim), '/admin/claims');
      await recordAudit(tx, {
        type: 'registration.email_verified',
        actor: { id: claim.userId, username: claim.username, role: 'org_member' },
        districtCode: claim.districtCode,
        subject: { type: 'org_claim', id: claim.id },
        detail: claimDetail(claim),
      });
      return claim.id;
    });
    return (await this.repo.byId(claimId))!;
  }

  /** The registrant's own latest claim, for the page that tells them where it stands. */
  myClaim(user: CurrentUser): Promise<Claim | null> {
    return this.repo.latestOfUser(user.id);
  }

  async list(q: ClaimListQuery, user: CurrentUser) {
    if (!mayReviewClaims(user)) throw forbidden();
    const scope = reviewScope(user);
    if (scope && q.district && q.district !== scope) throw forbidden('registration.outsideDistrict', { district: scope });
    return this.repo.list({ status: q.status, district: scope ?? q.district }, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  }

  async confirm(id: number, reviewer: CurrentUser, locale: Locale): Promise<Claim> {
    const claim = await this.reviewable(id, reviewer);
    // the directory's entry: the one claimed, one created since, or a new one from the claim's data
    // (created by the reviewer, under the directory's own rules, before the claim is decided)
    const orgId =
      claim.orgId ??
      (await this.directory.byUscc(claim.uscc))?.id ??
      (
        await this.directory.create(
          {
            uscc: claim.uscc,
            name: claim.orgName,
            districtCode: claim.districtCode,
            contactPerson: claim.contactName,
            contactEmail: claim.email,
            contactPhone: claim.phone,
            formerNames: [],
            kinds: [],
            categories: [],
            recognitions: [],
          },
          reviewer,
        )
      ).id;
    await this.db.transaction(async (tx) => {
      const locked = await this.repo.with(tx).byId(id, true);
      if (locked?.status !== 'pending') throw conflict('registration.claimDecided', { status: locked?.status });
      await this.auth.assignOrg(claim.userId, orgId, tx);
      await this.repo.with(tx).decide(id, { status: 'confirmed', reviewerId: reviewer.id, reason: null, orgId });
      await recordAudit(tx, {
        type: 'registration.claim_confirmed',
        actor: actor(reviewer),
        districtCode: claim.districtCode,
        subject: { type: 'org_claim', id },
        detail: claimDetail(claim, { orgId }),
      });
    });
    await this.mail.send(claim.email, 'confirmed', locale, { name: claim.contactName, orgName: claim.orgName, link: this.mail.link('/login') });
    return (await this.repo.byId(id))!;
  }

  async reject(id: number, reason: string, reviewer: CurrentUser, locale: Locale): Promise<Claim> {
    const claim = await this.reviewable(id, reviewer);
    await this.db.transaction(async (tx) => {
      const locked = await this.repo.with(tx).byId(id, true);
      if (locked?.status !== 'pending') throw conflict('registration.claimDecided', { status: locked?.status });
      await this.repo.with(tx).decide(id, { status: 'rejected', reviewerId: reviewer.id, reason, orgId: null });
      await recordAudit(tx, {
        type: 'registration.claim_rejected',
        actor: actor(reviewer),
        districtCode: claim.districtCode,
        subject: { type: 'org_claim', id },
        detail: claimDetail(claim, { reason }),
      });
    });
    await this.mail.send(claim.email, 'rejected', locale, { name: claim.contactName, orgName: claim.orgName, reason });
    return (await this.repo.byId(id))!;
  }

  /** A pending claim this reviewer may decide (404 for one they may not see at all). */
  private async reviewable(id: number, reviewer: CurrentUser): Promise<Claim> {
    if (!mayReviewClaims(reviewer)) throw forbidden();
    const claim = await this.repo.byId(id);
    if (!claim) throw notFound('registration.claimNotFound');
    if (!mayReviewClaim(reviewer, claim)) throw forbidden('registration.outsideDistrict', { district: reviewer.districtCode });
    if (claim.status !== 'pending') throw conflict('registration.claimDecided', { status: claim.status });
    return claim;
  }
}

/** 409 naming the field by its label: the value is already in use. */
export const taken = (path: string, key: string, params: Record<string, unknown>) => conflict(key, params, [{ path, key, params }]);
