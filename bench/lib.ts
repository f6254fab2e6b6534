/** What the benchmarks share: the server under test, an HTTP client, percentiles, and EXPLAIN ANALYZE of the statements a request ran. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type pg from 'pg';

export const ADMIN_PASSWORD = 'bench-admin-pass';

/** The real server as a child process, with the same command line as `npm start`, so the figures are those of the shipped server. */
export async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const child = spawn(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO: 'false',
      ADMIN_PASSWORD,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      // a benchmark is one client signing in hundreds of members and writing as fast as it can: the rate limits
      // (tested on their own in accounts.test.ts) would measure themselves, not the routes
      RATE_LIMIT_LOGINS_PER_MINUTE: '1000000',
      RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (process.env.BENCH_SERVER_LOG) fs.appendFileSync(process.env.BENCH_SERVER_LOG, d);
      if (d.toString().includes('is running at')) resolve();
    });
    child.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

/** The peak resident memory of a process (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmHWM:\s+(\d+)/)![1]) / 1024;
}

export interface Res<T> {
  status: number;
  body: T;
  ms: number;
}
export interface Client {
  get<T = unknown>(p: string): Promise<Res<T>>;
  post<T = unknown>(p: string, body?: unknown): Promise<Res<T>>;
  delete<T = unknown>(p: string): Promise<Res<T>>;
}

/** Timed JSON requests with a session cookie. */
export function client(base: string, cookie: string): Client {
  const call = async <T>(method: string, p: string, body?: unknown) => {
    const t0 = performance.now();
    const res = await fetch(base + p, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, ms };
  };
  return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b), delete: (p) => call('DELETE', p) };
}

export async function signIn(base: string, username: string, password: string): Promise<Client> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  return client(base, login.headers.get('set-cookie')!.split(';')[0]);
}

export const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
export const r1 = (n: number) => +n.toFixed(1);
export const summary = (xs: number[]) => ({ n: xs.length, p50: r1(pct(xs, 50)), p95: r1(pct(xs, 95)), max: r1(Math.max(...xs)) });
export const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

export interface CapturedStatement {
  label: string;
  ms: number;
  text: string;
  values: unknown[];
}

/**
 * For each request label: its statements' times, then EXPLAIN (ANALYZE, BUFFERS) of its slowest
 * statement and of any other over 5 ms, each inside a transaction that is rolled back (so writes
 * leave nothing behind). Appends the report lines to `out`.
 */
export async function explainStatements(pgc: pg.Client, captured: CapturedStatement[], out: string[], maxParams = 2000): Promise<void> {
  const byLabel = new Map<string, CapturedStatement[]>();
  for (const c of captured) byLabel.set(c.label, [...(byLabel.get(c.label) ?? []), c]);
  for (const [l, list] of byLabel) {
    out.push(`======== ${l}: ${list.length} statements, ${r1(list.reduce((a, c) => a + c.ms, 0))} ms in SQL: ${list.map((c) => r1(c.ms)).join(' + ')}`);
    const sorted = [...list].sort((a, b) => b.ms - a.ms);
    for (const c of sorted.filter((c, i) => i === 0 || c.ms > 5)) {
      await pgc.query('BEGIN');
      try {
        const plan = await pgc.query(`EXPLAIN (ANALYZE, BUFFERS) ${c.text}`, c.values);
        out.push(
          `-- ${r1(c.ms)} ms in the app; parameters ${JSON.stringify(c.values).slice(0, maxParams)}`,
          c.text.trim(),
          '',
          ...plan.rows.map((x) => x['QUERY PLAN'] as string),
          '',
        );
      } catch (err) {
        out.push(`-- ${r1(c.ms)} ms; EXPLAIN failed: ${(err as Error).message}`, c.text.trim(), '');
      } finally {
        await pgc.query('ROLLBACK');
      }
    }
  }
}

/**
 * The app in this process on a loaded PostgreSQL database, every SQL statement captured with its time
 * under the current label, and a plain connection with the app's session settings for EXPLAIN.
 * For --explain: run requests with `app.inject` after `setLabel`, then `explainStatements(pgc, captured, …)`.
 */
export async function inProcessApp(url: string) {
  const { buildApp } = await import('../src/server/app.ts');
  const { loadConfig } = await import('../src/server/config.ts');
  const { bootstrap } = await import('../src/server/bootstrap.ts');
  const { openDatabase, sessionOptions } = await import('../src/server/platform/db/database.ts');
  type Db = Awaited<ReturnType<typeof openDatabase>>;
  type Q = Pick<Db, 'query'>;
  const config = loadConfig({ ...process.env, DATABASE_URL: url, DEMO: 'false', ADMIN_PASSWORD, LOG_LEVEL: 'silent' });
  const inner = await openDatabase({ databaseUrl: url, poolSize: config.databasePoolSize, randomPageCost: config.randomPageCost });
  let label = '';
  const captured: CapturedStatement[] = [];
  const capture = (q: Q): Q => ({
    async query(s) {
      const t0 = performance.now();
      const res = await q.query(s);
      const { text, values } = s.toQuery();
      if (label) captured.push({ label, ms: performance.now() - t0, text, values });
      return res as never;
    },
  });
  const db: Db = { ...inner, ...capture(inner), transaction: (fn) => inner.transaction((tx) => fn(capture(tx))) };
  const { app, services } = await buildApp({ config, db });
  await bootstrap(db, config, services, () => {}); // the admin account, when the server never ran on this database
  const { default: pgModule } = await import('pg');
  const pgc = new pgModule.Client({ connectionString: url, options: sessionOptions(config.randomPageCost) });
  await pgc.connect();
  return {
    app,
    captured,
    pgc,
    setLabel: (l: string) => {
      label = l;
    },
    close: async () => {
      await pgc.end();
      await app.close();
      await inner.close();
    },
  };
}
