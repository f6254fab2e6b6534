/**
 * 忘记密码: a one-time link by email (30 minutes). The request answers the same whether or not the
 * account exists, and sends nothing when it does not, so the form cannot be used to find accounts.
 */
import type { Database } from '../../../platform/db/database.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/http/errors.ts';
import type { Locale } from '../../../platform/http/i18n.ts';
import type { AuthService } from '../../auth/index.ts';
import type { RegistrationMail } from '../mail.ts';

const RESET_TTL_MINUTES = 30;

export class RecoveryService {
  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
    private readonly mail: RegistrationMail,
  ) {}

  /** Resolves once the request is recorded; the email itself goes out without the caller waiting for it. */
  async requestReset(login: string, locale: Locale): Promise<void> {
    const id = login.includes('@') ? await this.auth.userIdByEmail(login) : await this.auth.activeUserId(login);
    const user = id == null ? null : await this.auth.userById(id);
    const email = user ? (await this.auth.emailsOf([user.id])).get(user.id)?.email : null;
    if (!user || !email || (await this.auth.activeUserId(user.username)) == null) return;
    const token = await this.db.transaction(async (tx) => {
      const token = await this.auth.issueToken('reset_password', { userId: user.id, ttlMinutes: RESET_TTL_MINUTES }, tx);
      await recordAudit(tx, {
        type: 'auth.password_reset_requested',
        actor: null,
        districtCode: user.districtCode,
        subject: { type: 'user', id: user.id },
        detail: { username: user.username },
      });
      return token;
    });
    // not awaited: an answer that waits for the mail server would take longer for accounts that exist
    void this.mail.send(email, 'reset', locale, { name: user.displayName, minutes: RESET_TTL_MINUTES, link: this.mail.link('/reset-password', token) });
  }

  /**
   * Uses the link and sets the password. auth's setPassword reads the account before its own transaction
   * (on PGlite's one connection it cannot run inside ours), so: the policy first (a refused password leaves
   * the link usable), then the link is used up (once only, even when two requests race), then the password set.
   */
  async reset(token: string, password: string): Promise<void> {
    const peeked = await this.auth.peekToken(token, 'reset_password');
    const user = peeked?.userId == null ? null : await this.auth.userById(peeked.userId);
    if (!user) throw linkInvalid();
    await this.auth.checkNewPassword(user.id, user.username, password);
    // biome-ignore lint/correctness/useHookAtTopLevel: auth's one-time token, not a React hook
    await this.auth.useToken(token, 'reset_password');
    await this.auth.setPassword(user.id, password, { actor: null });
    await recordAudit(this.db, {
      type: 'auth.password_reset',
      actor: { id: user.id, username: user.username, role: user.role },
      districtCode: user.districtCode,
      subject: { type: 'user', id: user.id },
      detail: { username: user.username },
    });
  }
}

const linkInvalid = () => new AppError(400, 'link_invalid', 'auth.linkInvalid', {}, [{ path: 'token', key: 'auth.linkInvalid' }]);
