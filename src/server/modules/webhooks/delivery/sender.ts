/**
 * One HTTP attempt at a delivery: POST the stored body, signed, with a timeout and without following
 * redirects (a redirect could lead inside our network, past the address check). The signature is
 * `Kefutong-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, as GitHub and
 * Stripe sign theirs: the timestamp inside the signed text lets a receiver refuse replays.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { guardedLookup, targetProblem } from './address.ts';

const EXCERPT_BYTES = 2048;

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  excerpt: string | null;
  durationMs: number;
  /** `code` or `code:detail`; the presenter translates the code */
  error: string | null;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export async function sendDelivery(
  target: { url: string; secret: string },
  delivery: { id: number; eventType: string; body: string },
  opts: { timeoutMs: number; allowHttp: boolean },
): Promise<AttemptResult> {
  const started = Date.now();
  const done = (r: Omit<AttemptResult, 'durationMs'>): AttemptResult => ({ ...r, durationMs: Date.now() - started });
  const problem = await targetProblem(target.url, opts.allowHttp);
  if (problem) return done({ ok: false, statusCode: null, excerpt: null, error: `refused:${problem.problem}` });
  const t = Math.floor(Date.now() / 1000);
  const url = new URL(target.url);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (r: Omit<AttemptResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(r));
    };
    const req = client.request(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(opts.allowHttp),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(delivery.body),
          'user-agent': 'Kefutong-Webhooks/1',
          'kefutong-event': delivery.eventType,
          'kefutong-delivery': String(delivery.id),
          'kefutong-signature': `t=${t},v1=${signature(target.secret, t, delivery.body)}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const end = () => {
          const code = res.statusCode ?? null;
          const ok = code != null && code >= 200 && code < 300;
          const redirect = code != null && code >= 300 && code < 400;
          finish({
            ok,
            statusCode: code,
            excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8'),
            error: ok ? null : redirect ? 'redirect' : 'status',
          });
          res.destroy();
        };
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          size += c.length;
          if (size >= EXCERPT_BYTES) end(); // the rest is not read: a receiver cannot make us download a large answer
        });
        res.on('end', end);
        res.on('error', end);
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, statusCode: null, excerpt: null, error: 'timeout' });
      req.destroy();
    }, opts.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) =>
      finish({ ok: false, statusCode: null, excerpt: null, error: err.code === 'EREFUSEDADDRESS' ? 'refused:private' : `network:${err.code ?? err.message}` }),
    );
    req.end(delivery.body);
  });
}
