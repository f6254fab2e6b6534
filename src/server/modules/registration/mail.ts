/**
 * The emails of the registration flows, in the language the caller used. Sent after the transaction
 * that issued the link committed; a failed send is logged and does not undo the step (the user can ask
 * again), and never tells an anonymous caller whether an account exists.
 */
import type { Mailer } from '../../platform/mail.ts';
import { type Locale, translate } from '../../platform/http/i18n.ts';

export type MailKind = 'verify' | 'claimPending' | 'confirmed' | 'rejected' | 'invitation' | 'reset';

export class RegistrationMail {
  constructor(
    private readonly mailer: Mailer,
    private readonly publicUrl: string,
    private readonly log: (line: string) => void,
  ) {}

  /** A link into the web app, e.g. link('/verify-email', token). */
  link(page: string, token?: string): string {
    return token ? `${this.publicUrl}${page}${page.includes('?') ? '' : '?token='}${encodeURIComponent(token)}` : `${this.publicUrl}${page}`;
  }

  async send(to: string, kind: MailKind, locale: Locale, params: Record<string, unknown>): Promise<void> {
    const subject = translate(locale, `registration.mail.${kind}.subject`, params);
    const text = translate(locale, `registration.mail.${kind}.body`, params);
    await this.mailer.send({ to, subject, text }).catch((err: Error) => this.log(`registration email (${kind}) to ${to} failed: ${err.message}`));
  }
}
