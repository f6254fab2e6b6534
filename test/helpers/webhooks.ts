/**
 * A webhook receiver the tests start (node:http on a free port): it records every request and answers
 * with the statuses it is told (a queue, then the default). And `pump`, which runs the outbox and the
 * delivery worker until a condition holds: on a shared PostgreSQL server another database's open
 * transaction can hold events back for a moment (the outbox reads below the oldest running one), so
 * tests wait for the state, never for a fixed time.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Services } from '../../src/server/app.ts';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** the status of each next answer, in order; afterwards `status` */
  answers: number[];
  status: number;
  /** what the receiver writes in its answers */
  answerBody: string;
  close(): Promise<void>;
}

export async function startReceiver(path = '/hook'): Promise<Receiver> {
  const r = { received: [] as Received[], answers: [] as number[], status: 200, answerBody: 'ok' } as Receiver;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      r.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = r.answers.shift() ?? r.status;
      res.end(r.answerBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  r.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return r;
}

/**
 * Drains the outbox and sends due deliveries, on every given app, until `done()` holds: a state, waited for up to
 * two minutes (a count of rounds ran out on a loaded machine, where one round takes far longer than on a quiet one).
 */
export async function pump(apps: Services[], done: () => boolean): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    await Promise.all(apps.map((s) => s.events.drain()));
    await Promise.all(apps.map((s) => s.webhooks.deliverDue()));
    if (done()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('pump: the expected deliveries did not arrive');
}

/** A receiver's check of a delivery's signature, as docs/WEBHOOKS.md tells receivers to do it. */
export function signatureParts(header: string | string[] | undefined): { t: number; v1: string } {
  const parts = Object.fromEntries(
    String(header)
      .split(',')
      .map((p) => p.split('=') as [string, string]),
  );
  return { t: Number(parts.t), v1: parts.v1 };
}
