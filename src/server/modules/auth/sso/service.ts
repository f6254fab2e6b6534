/**
 * Single sign-on (统一身份认证) through the city's OpenID provider: Kefutong is a relying party. A sign-in
 * starts here (a row with the PKCE verifier and nonce, keyed by the state's hash; the state itself goes to
 * the browser in a cookie), the provider answers at the callback, and the answer either opens a session
 * or names what went wrong with a code the login page explains. Every outcome goes to the audit trail.
 */
import crypto from 'node:crypto';
import type { OidcConfig } from '../../../config.ts';
import type { Database } from '../../../platform/db/database.ts';
import { recordAudit, type AuditActor } from '../../../platform/audit/index.ts';
import type { AuthService } from '../service.ts';
import { UserRepository } from '../repository.ts';
import { type OrgByUscc, SsoAccounts } from './accounts.ts';
import { type Claims, OidcProvider } from './provider.ts';
import { SsoRepository } from './repository.ts';
import type { SsoError } from './schemas.ts';

const PENDING_MINUTES = 10;
const stateHash = (state: string) => crypto.createHash('sha256').update(state).digest('hex');

/** A same-site path to return to after signing in; anything else (another site, //host, garbage) is '/'. */
export function safeReturnTo(returnTo: string | undefined): string {
  if (!returnTo?.startsWith('/')) return '/';
  try {
    const url = new URL(returnTo, 'http://kft.invalid');
    if (url.origin !== 'http://kft.invalid' || url.pathname.startsWith('/login')) return '/';
    return url.pathname + url.search + url.hash;
  } catch {
    return '/';
  }
}

export type CallbackOutcome = { session: { token: string; expiresAt: Date }; returnTo: string } | { error: SsoError };

export class SsoService {
  readonly repo: SsoRepository;
  private readonly users: UserRepository;
  private readonly provider: OidcProvider | null;
  private readonly accounts: SsoAccounts | null;

  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
    private readonly settings: OidcConfig | null,
    orgByUscc: OrgByUscc,
  ) {
    this.repo = new SsoRepository(db);
    this.users = new UserRepository(db);
    this.provider = settings ? new OidcProvider(settings) : null;
    this.accounts = settings ? new SsoAccounts(this.repo, auth, settings, orgByUscc) : null;
  }

  status(): { enabled: boolean; name?: string } {
    return this.settings ? { enabled: true, ...(this.settings.name ? { name: this.settings.name } : {}) } : { enabled: false };
  }

  get issuer(): string | null {
    return this.settings?.issuer ?? null;
  }

  /** The provider's authorization URL and the state for the browser's cookie, or why not. */
  async start(returnTo: string | undefined): Promise<{ url: string; state: string } | { error: SsoError }> {
    if (!this.provider) return { error: 'unavailable' };
    try {
      const a = await this.provider.authorizationUrl();
      const expiresAt = new Date(Date.now() + PENDING_MINUTES * 60_000);
      await this.repo.savePending(stateHash(a.state), { code_verifier: a.codeVerifier, nonce: a.nonce, return_to: safeReturnTo(returnTo) }, expiresAt);
      return { url: a.url, state: a.state };
    } catch (err) {
      await this.failed('provider_unreachable', err);
      return { error: 'provider_error' };
    }
  }

  /**
   * The provider's answer. `query` is the callback's query string as received, `cookieState` the state
   * this browser was given at the start: a state from anywhere else (a forged or replayed link) is refused.
   */
  async callback(query: Record<string, unknown>, search: string, cookieState: string | undefined): Promise<CallbackOutcome> {
    if (!this.provider || !this.accounts || !this.settings) return { error: 'unavailable' };
    const state = typeof query.state === 'string' ? query.state : '';
    if (!state || !cookieState || state.length !== cookieState.length || !crypto.timingSafeEqual(Buffer.from(state), Buffer.from(cookieState))) {
      return this.refuse('state_mismatch', 'state_mismatch');
    }
    const pending = await this.repo.takePending(stateHash(state));
    if (!pending) return this.refuse('state_mismatch', 'state_unknown_or_expired');
    if (typeof query.error === 'string') return this.refuse(query.error === 'access_denied' ? 'denied' : 'provider_error', `provider:${query.error}`);

    let claims: Claims;
    try {
      // the URL the provider redirected to, as configured (a proxy in front may show the app another host)
      const url = new URL(this.settings.redirectUrl);
      url.search = search;
      claims = await this.provider.exchange(url, { state, nonce: pending.nonce, codeVerifier: pending.code_verifier });
    } catch (err) {
      return this.refuse('provider_error', 'token_exchange', undefined, err);
    }

    const found = await this.accounts.resolve(claims);
    if ('error' in found) return this.refuse(found.error, found.reason, claims.sub);
    const row = await this.users.byId(found.userId);
    if (!row) return this.refuse('no_account', 'account_gone', claims.sub);
    const actor: AuditActor = { id: Number(row.id), username: row.username, role: row.role };
    if (row.disabled_at) return this.refuse('account_disabled', 'account_disabled', claims.sub, undefined, actor);

    const email = typeof claims.email === 'string' && claims.email_verified === true ? claims.email : null;
    await this.repo.touch(found.identityId, email);
    const detail = { issuer: this.settings.issuer, subject: claims.sub };
    if (found.linkedBy)
      await recordAudit(this.db, { type: 'auth.sso_linked', actor, subject: { type: 'user', id: row.id }, detail: { ...detail, linkedBy: found.linkedBy } });
    const session = await this.auth.openSession(Number(row.id));
    await recordAudit(this.db, { type: 'auth.sso_login', actor, districtCode: row.district_code, subject: { type: 'user', id: row.id }, detail });
    return { session, returnTo: pending.return_to };
  }

  private async refuse(error: SsoError, reason: string, subject?: string, err?: unknown, actor?: AuditActor): Promise<CallbackOutcome> {
    await this.failed(reason, err, subject, actor);
    return { error };
  }

  /** A failure in the audit trail: the reason and the provider's words, never a code or token. */
  private async failed(reason: string, err?: unknown, subject?: string, actor?: AuditActor): Promise<void> {
    const detail: Record<string, unknown> = { issuer: this.settings?.issuer ?? null, reason };
    if (subject) detail.subject = subject;
    if (err) detail.error = String((err as { code?: string }).code ?? (err as Error).name ?? 'error').slice(0, 80);
    await recordAudit(this.db, {
      type: 'auth.sso_failed',
      outcome: 'failure',
      actor: actor ?? null,
      subject: actor?.id ? { type: 'user', id: actor.id } : null,
      detail,
    });
  }
}
