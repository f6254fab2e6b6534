/**
 * A real SMTP server for tests that follow emailed links: it keeps every message it receives, with its
 * text body decoded (nodemailer sends UTF-8 text quoted-printable or base64), and waits for one to arrive.
 */
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailbox {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** The first message to this address (after `skip` earlier ones) that matches, once it has arrived. */
  waitFor(to: string, match?: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

const decodeWords = (s: string) =>
  // whitespace between two encoded words is folding, not text (RFC 2047)
  s.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );

export function parseMail(raw: string, to: string): ReceivedMail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const headers = head.replace(/\r?\n[ \t]+/g, ' ');
  const subject = decodeWords(/^Subject: (.*)$/im.exec(headers)?.[1] ?? '');
  const encoding = /^Content-Transfer-Encoding: (.*)$/im.exec(headers)?.[1]?.trim().toLowerCase();
  let text = body;
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    text = Buffer.from(bytes, 'latin1').toString('utf8');
  } else if (encoding === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else text = Buffer.from(body, 'latin1').toString('utf8'); // 8bit: the bytes as sent
  return { to, subject, text: text.replace(/\r\n/g, '\n') };
}

/** The first link in a message that contains `path`. */
export function linkIn(mail: ReceivedMail, path: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(path));
  if (!link) throw new Error(`no link with ${path} in: ${mail.text}`);
  return link;
}

/** port 0: any free port; onMail: also told of each message (the browser tests' catcher writes them to files). */
export async function startMailbox(port = 0, onMail?: (m: ReceivedMail) => void): Promise<Mailbox> {
  const received: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('latin1')));
      stream.on('end', () => {
        for (const rcpt of session.envelope.rcptTo) {
          const m = parseMail(raw, rcpt.address);
          received.push(m);
          onMail?.(m);
        }
        for (const w of waiters.splice(0)) w();
        cb();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const actual = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    received,
    async waitFor(to, match = () => true, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((m) => m.to.toLowerCase() === to.toLowerCase() && match(m));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no email to ${to} arrived (received: ${received.map((m) => `${m.to}: ${m.subject}`).join('; ')})`);
        await new Promise<void>((ok) => {
          waiters.push(ok);
          setTimeout(ok, 500);
        });
      }
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
