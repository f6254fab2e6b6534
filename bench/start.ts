/**
 * npm run bench:start [-- --runs 3] [--keep]
 *
 * How long `npm start` takes to be ready: three starts on a fresh data directory (embedded PGlite, demo data on,
 * the default) and three restarts on the data the last fresh start left. The real server runs as a child process
 * with the same command line as `npm start` (read from package.json), in a scratch DATA_DIR on a free port.
 * Each run is timed at this side from spawn to *serving* (the "serving in" line, and the first 200 of GET /healthz
 * and of the front page GET /, which the server answers while the demo data still loads, with a banner) and to
 * *ready* (the "ready in" line: demo data in, statistics counted, GET /readyz 200), and the server's own
 * "start phases:" line (where its time went) is printed with it. Then the medians and the machine's
 * load average (os.loadavg(), before and after), since on two shared cores the load decides the figures.
 * The server is stopped with SIGTERM after each run (a clean stop, as an operator's restart would be).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 0) || 3;
const keep = args.includes('--keep');

/** `npm start`'s command line: "node --max-old-space-size=256 --import tsx src/server/main.ts" → node's arguments. */
function startArgs(): string[] {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  const [bin, ...rest] = pkg.scripts.start.split(/\s+/);
  if (bin !== 'node') throw new Error(`npm start runs "${bin}", not node: ${pkg.scripts.start}`);
  return rest;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Run {
  servingMs: number;
  pageMs: number;
  readyMs: number;
  healthzMs: number;
  inProcess: string;
  phases: string;
}

async function startOnce(dataDir: string): Promise<Run> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ADMIN_PASSWORD: 'bench-start-admin',
  };
  // npm start's defaults: the embedded database, demo data on
  delete env.DATABASE_URL;
  delete env.DEMO;
  const t0 = performance.now();
  const child = spawn(process.execPath, startArgs(), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  try {
    const line = (re: RegExp) =>
      new Promise<number>((resolve, reject) => {
        const check = () => {
          if (re.test(out)) resolve(performance.now() - t0);
        };
        child.stdout!.on('data', check);
        check();
        void exited.then((c) => reject(new Error(`server exited (${c}) before ${re}:\n${out}`)));
      });
    child.stdout!.on('data', (d: Buffer) => (out += d));
    child.stderr!.on('data', (d: Buffer) => (out += d));
    const ready = line(/ready in /);
    const servingMs = await line(/serving in /);
    const firstOk = async (url: string) => {
      for (;;) {
        const ok = await fetch(url)
          .then((r) => r.status === 200)
          .catch(() => false);
        if (ok) return performance.now() - t0;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const healthzMs = await firstOk(`http://127.0.0.1:${port}/healthz`);
    const pageMs = await firstOk(`http://127.0.0.1:${port}/`);
    const readyMs = await ready;
    return {
      servingMs,
      pageMs,
      readyMs,
      healthzMs,
      inProcess: out.match(/ready in ([\d.]+ s)/)?.[1] ?? '?',
      phases: out.match(/start phases: (.*)/)?.[1] ?? '(no phases line)',
    };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

async function main() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kft-bench-start-'));
  console.log(
    `bench:start — ${runs} fresh starts, ${runs} restarts; node ${process.version}, ${os.cpus().length} cores; command: node ${startArgs().join(' ')}`,
  );
  console.log(`load average (1 / 5 / 15 min) before: ${load()}`);
  const fresh: Run[] = [];
  const again: Run[] = [];
  let last = '';
  try {
    for (let i = 1; i <= runs; i++) {
      last = path.join(scratch, `fresh-${i}`);
      const r = await startOnce(last);
      fresh.push(r);
      console.log(
        `fresh   #${i}: serving ${s1(r.servingMs)} (healthz 200 at ${s1(r.healthzMs)}, front page at ${s1(r.pageMs)}), ready ${s1(r.readyMs)} (the server says ${r.inProcess})  load ${load()}\n          ${r.phases}`,
      );
    }
    for (let i = 1; i <= runs; i++) {
      const r = await startOnce(last);
      again.push(r);
      console.log(
        `restart #${i}: serving ${s1(r.servingMs)} (healthz 200 at ${s1(r.healthzMs)}, front page at ${s1(r.pageMs)}), ready ${s1(r.readyMs)} (the server says ${r.inProcess})  load ${load()}\n          ${r.phases}`,
      );
    }
  } finally {
    if (!keep) fs.rmSync(scratch, { recursive: true, force: true });
    else console.log(`kept ${scratch}`);
  }
  console.log(
    `median, spawn to serving: fresh data directory ${s1(median(fresh.map((r) => r.servingMs)))} (target ≤ 10 s), restart ${s1(median(again.map((r) => r.servingMs)))} (target ≤ 3 s)`,
  );
  console.log(
    `median, spawn to ready (demo data in, statistics counted): fresh ${s1(median(fresh.map((r) => r.readyMs)))}, restart ${s1(median(again.map((r) => r.readyMs)))}`,
  );
  console.log(`load average (1 / 5 / 15 min) after: ${load()}`);
  fs.mkdirSync('bench/out', { recursive: true });
  fs.writeFileSync('bench/out/start.json', JSON.stringify({ at: new Date().toISOString(), loadavg: os.loadavg(), fresh, restart: again }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
