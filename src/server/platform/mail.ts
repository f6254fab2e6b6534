/**
 * Email the platform sends on a user's behalf (a verification link, a password reset): sent straight
 * away, after the transaction that issued the link committed. Without SMTP_URL the message is written
 * to the server log instead, so a developer can follow the link; tests start a real SMTP server.
 */
import nodemailer from 'nodemailer';

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
  const transport = nodemailer.createTransport(opts.smtpUrl);
  return {
    async send(m) {
      await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text });
    },
    close: () => transport.close(),
  };
}
