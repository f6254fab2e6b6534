/**
 * Process hardening: the embedded database's DATA_DIR admits one server process (real processes
 * spawned here, one killed with SIGKILL), and an import left 'running' by a dead process is failed at
 * the next start while a live process's job, on another server, is left alone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootstrap } from '../../src/server/bootstrap.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/platform/db/database.ts';
import { sql } from '../../src/server/platform/db/sql.ts';
import { migrate } from '../../src/server/platform/db/migrate.ts';
import { engines, freshPostgresDatabase, startApp, type TestApp } from '../helpers/app.ts';

interface Server {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

/** The server as `npm start` runs it (scripts/start.mjs: the bundle of the sources, built when stale). */
function startServer(dataDir: string, env: Record<string, string> = {}): Server {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', DEMO: 'false', ADMIN_PASSWORD: 'process-test-1', DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out: () => text, exited };
}

/** Resolves once the server says it is ready (listening, and its start finished); rejects if it exits first. */
function ready(s: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => /ready in [\d.]+ s/.test(s.out()) && resolve();
    s.child.stdout!.on('data', check);
    void s.exited.then((code) => reject(new Error(`server exited (${code}) before ready:\n${s.out()}`)));
    check();
  });
}

describe('the embedded database directory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kft-lock-'));
  const servers: Server[] = [];
  afterAll(() => {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lets one process in, names it to a second, and is taken over after the first is killed', async () => {
    const first = startServer(dir);
    servers.push(first);
    await ready(first);
    // where the start's time went, in one line of the start log (bench:start reads it too)
    expect(first.out()).toMatch(
      /start phases: modules [\d.]+ s · database [\d.]+ s · migrate [\d.]+ s · app [\d.]+ s · seed [\d.]+ s.* · listen [\d.]+ s · demo [\d.]+ s · .*surveys [\d.]+ s · statistics [\d.]+ s · .*cpu [\d.]+ s\n/,
    );
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'kefutong.lock'), 'utf8'));
    expect(lock.pid).toBe(first.child.pid);

    const second = startServer(dir);
    servers.push(second);
    expect(await second.exited).toBe(3);
    expect(second.out()).toContain(`正被另一个科服通进程使用（pid ${first.child.pid}，启动于 ${lock.startedAt}）`);
    expect(second.out()).toContain(`in use by another Kefutong process (pid ${first.child.pid}, started ${lock.startedAt})`);
    expect(first.child.exitCode).toBeNull();

    // a crash leaves the lock file behind: stale, since its process is gone
    first.child.kill('SIGKILL');
    await first.exited;
    expect(fs.existsSync(path.join(dir, 'kefutong.lock'))).toBe(true);
    const third = startServer(dir);
    servers.push(third);
    await ready(third);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'kefutong.lock'), 'utf8')).pid).toBe(third.child.pid);
    // a clean stop removes it
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    expect(fs.existsSync(path.join(dir, 'kefutong.lock'))).toBe(false);
  }, 480_000);
});

describe('a fresh start with demo data', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kft-fresh-'));
  let server: Server | undefined;
  afterAll(() => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('listens before the demo data is in, and says ready only once it is', async () => {
    server = startServer(dir, { DEMO: 'true', DEMO_ORG_COUNT: '60', DEMO_INSTRUMENT_COUNT: '20' });
    await ready(server);
    const out = server.out();
    const serving = out.indexOf('serving in');
    const orgs = out.indexOf('Loaded 60 demo organizations.');
    const done = out.search(/ready in [\d.]+ s/);
    expect(serving).toBeGreaterThan(-1);
    expect(orgs).toBeGreaterThan(serving);
    expect(done).toBeGreaterThan(orgs);
    expect(out).toContain('(loading the demo data: the pages say so until it is in)');
    const url = out.match(/科服通 is running at (\S+)\//)![1];
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${url}/api/v1/status`)).json()).toEqual({ stage: 'ready' });
    const list = await (await fetch(`${url}/api/v1/orgs?pageSize=1`)).json();
    expect(list.total).toBe(60);
    // the demo's bulletin, published after the figures it cites were counted, is on the front page
    const number = out.match(/Published the demo statistical bulletin (\S+)\./)?.[1];
    expect(number).toMatch(/〔\d{4}〕1号$/);
    const front = await (await fetch(`${url}/api/v1/portal/front`)).json();
    expect(front.bulletin).toMatchObject({ number });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 480_000);
});

const runningJob = (t: TestApp, id: string, owner: number | null) =>
  t.db.query(sql`INSERT INTO org_imports (id, filename, dry_run, status, created_by, owner_lease)
    VALUES (${id}, 'a.xlsx', false, 'running', NULL, ${owner})`);
const statusOf = async (t: TestApp, id: string) =>
  (await t.db.query<{ status: string; failure: { code: string; message: string } | null }>(sql`SELECT status, failure FROM org_imports WHERE id = ${id}`))
    .rows[0];

describe.each(engines())('imports left by a dead process on %s', (engine) => {
  it('are failed at start with the reason; a job of this live process is not', async () => {
    const t = await startApp(engine);
    try {
      const dead = '00000000-0000-4000-8000-000000000001';
      const legacy = '00000000-0000-4000-8000-000000000002';
      const mine = '00000000-0000-4000-8000-000000000003';
      await runningJob(t, dead, t.services.lease.owner === 12345 ? 12346 : 12345);
      await runningJob(t, legacy, null);
      await runningJob(t, mine, t.services.lease.owner);
      // the start path itself: bootstrap runs it
      await bootstrap(t.db, t.config, t.services, () => {});
      const reason = '服务重启，导入中断，请重新上传文件。已导入的批次保留，重新上传时会报告为已存在。';
      expect(await statusOf(t, dead)).toMatchObject({ status: 'failed', failure: { code: 'import_interrupted', message: reason } });
      expect((await statusOf(t, legacy)).status).toBe('failed');
      expect((await statusOf(t, mine)).status).toBe('running');
      // read in the reader's language
      const job = await t.request({ url: `/api/v1/orgs/imports/${dead}`, role: 'admin', lang: 'en' });
      expect(job.json().failure.message).toMatch(/^The server restarted and the import was interrupted/);
    } finally {
      await t.db.query(sql`DELETE FROM org_imports`);
      await t.close();
    }
  });
});

describe.runIf(engines().includes('postgres'))('two app processes on one PostgreSQL', () => {
  it('leaves a job running in the other live process alone, and fails it once that process is gone', async () => {
    const { url, drop } = await freshPostgresDatabase();
    const config = loadConfig({ DEMO: 'false', DATABASE_URL: url });
    const open = async () => {
      const db = await openDatabase({ databaseUrl: url, poolSize: 5 });
      await migrate(db);
      const built = await buildApp({ config, db });
      return { db, ...built };
    };
    const one = await open();
    const two = await open();
    try {
      const id = '00000000-0000-4000-8000-0000000000aa';
      await one.db.query(
        sql`INSERT INTO org_imports (id, filename, dry_run, status, owner_lease) VALUES (${id}, 'x.csv', true, 'running', ${one.services.lease.owner})`,
      );
      const status = async () => (await two.db.query<{ status: string }>(sql`SELECT status FROM org_imports WHERE id = ${id}`)).rows[0].status;
      expect(await two.services.imports.failAbandoned()).toBe(0);
      expect(await status()).toBe('running');
      // the first process "dies": its session ends without a word, as under kill -9. Termination is a signal the
      // backend acts on a moment later; with a timeout PostgreSQL waits until it has exited and let go of its locks
      await two.db.query(sql`SELECT pg_terminate_backend(l.pid, 30000) FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.objid = ${one.services.lease.owner}::int::oid`);
      expect(await two.services.imports.failAbandoned()).toBe(1);
      expect(await status()).toBe('failed');
    } finally {
      await one.app.close();
      await one.db.close();
      await two.app.close();
      await two.db.close();
      await drop();
    }
  }, 120_000);
});
