/**
 * Email the platform sends on a user's behalf (a verification link, a password reset): sent straight
 * away, after the transaction that issued the link committed. Without SMTP_URL the message is written
 * to the server log instead, so a developer can follow the link; tests start a real SMTP server.
 */
import { createRequire } from 'node:module';
import type Nodemailer from 'nodemailer';

/** nodemailer, loaded only when SMTP is configured (~40 ms of CPU a start without it would pay) */
export function loadNodemailer(): typeof Nodemailer {
  return createRequire(import.meta.url)('nodemailer') as typeof Nodemailer;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailer(opts: { smtpUrl?: string; from: string; log: (line: string) => void }): Mailer {
  if (!opts.smtpUrl) {
    return {
      async send(m) {
        opts.log(`email (SMTP_URL unset, not sent) to ${m.to}: ${m.subject}\n${m.text}`);
      },
      close() {},
    };
  }
  const transport = loadNodemailer().createTransport(opts.smtpUrl);
  return {
    async send(m) {
      await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text });
    },
    close: () => transport.close(),
  };
}
