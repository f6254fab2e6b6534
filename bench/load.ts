/**
 * npm run bench:load -- [--directory 56000] [--achievements 200000] [--instruments 20000] [--bookings 200000]
 *                       [--database-url postgres://… (reuse a loaded database)] [--keep] [--duration 20] [--connections 50]
 *                       [--cache both|on|off] [--only bare,healthz,broad,narrow,filters,achievements,availability] [--load-only]
 *
 * Throughput under concurrent load (issue 13), on PostgreSQL: the real server (same command line as `npm start`) at
 * the scale of the issue, and autocannon at 50 connections against, in one run:
 *   - a bare Fastify route (a separate process: the ceiling of this machine), and /healthz
 *   - directory search with a broad word (检测, 软件, 科技 … with and without filters, pages 1–3)
 *   - directory search with a narrow word (a fragment of one organization's name)
 *   - the filter-only directory list (category × district × kind)
 *   - achievement search (keywords of the loaded achievements)
 *   - availability search of the instrument catalogue (free for N hours tomorrow or next week, by class / district / word)
 * Each search route cycles through at least 500 distinct queries and filter sets, drawn in a Zipf mix (the k-th
 * commonest asked with weight 1/k), as a portal sees. Printed per route: req/s, p50, p99, errors (non-2xx,
 * timeouts), the share of the bare route, Node's CPU per request (the server process's user+system time over the
 * run / requests), and the response cache's hit rate (GET /readyz before and after). Runs with the cache on and
 * off (a server restart between). Writes bench/out/load.json.
 *
 * Loading (when no --database-url): bench/market.ts --load-only --keep (achievements, demands, experts and their
 * 400 owner organizations) into a scratch database, bench/instruments.ts --load-into (instruments, opening hours,
 * bookings and their 300 owners) into the same, then generated organizations up to --directory, then VACUUM ANALYZE.
 * A loaded database is kept with --keep and reused with --database-url.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { startServer } from './lib.ts';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { sql } from '../src/server/platform/db/sql.ts';
import { DirectoryRepository } from '../src/server/modules/directory/repository.ts';
import { generateOrgs, rng } from '../src/server/modules/directory/demo/generator.ts';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : 'true') : undefined;
};
const DIRECTORY = Number(arg('directory') ?? 56000);
const ACHIEVEMENTS = Number(arg('achievements') ?? 200000);
const INSTRUMENTS = Number(arg('instruments') ?? 20000);
const BOOKINGS = Number(arg('bookings') ?? 200000);
const REUSE_URL = arg('database-url');
const KEEP = arg('keep') === 'true';
const DURATION = Number(arg('duration') ?? 20);
const CONNECTIONS = Number(arg('connections') ?? 50);
const CACHE = (arg('cache') ?? 'both') as 'both' | 'on' | 'off';
const ONLY = arg('only')?.split(',');
const LOAD_ONLY = arg('load-only') === 'true';
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const OUT = path.resolve('bench/out');
const TARGETS = { cachedReqPerSec: 1000, cachedP99: 100, uncachedReqPerSec: 300, availabilityReqPerSec: 300 };

const log = (line: string) => console.log(line);
const load1 = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

// ------------------------------------------------------------------ loading

function runChild(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stdout.write(d);
    });
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

async function loadAll(): Promise<string> {
  const t0 = performance.now();
  const market = await runChild(['bench/market.ts', '--load-only', '--keep', '--achievements', String(ACHIEVEMENTS), '--demands', '5000', '--experts', '5000']);
  const url = market.match(/kept database (\S+)/)?.[1];
  if (!url) throw new Error('the market loader did not say which database it kept');
  await runChild(['bench/instruments.ts', '--load-only', '--load-into', url, '--instruments', String(INSTRUMENTS), '--bookings', String(BOOKINGS)]);
  // the rest of the directory: generated organizations up to the scale asked
  const db = await openDatabase({ databaseUrl: url, poolSize: 2 });
  try {
    const have = (await db.query<{ n: number; usccs: string[] }>(sql`SELECT count(*)::int AS n, array_agg(uscc) AS usccs FROM orgs`)).rows[0];
    const taken = new Set(have.usccs ?? []);
    const more = [...generateOrgs(Math.max(0, DIRECTORY - have.n) + 1000, 9191)].filter((o) => !taken.has(o.uscc)).slice(0, Math.max(0, DIRECTORY - have.n));
    const repo = new DirectoryRepository(db);
    for (let i = 0; i < more.length; i += 500) await db.transaction(async (tx) => void (await repo.with(tx).insertMany(more.slice(i, i + 500))));
    // VACUUM too, as autovacuum would have by the time a portal serves them (this machine's PostgreSQL runs with
    // autovacuum off): without it the 55,000 organizations written last have no visibility map (no index-only
    // scans) and their first readers set every row's hint bits, and every cache-off figure was that much lower
    await db.query(sql`VACUUM ANALYZE`);
  } finally {
    await db.close();
  }
  log(`loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s into ${url}`);
  return url;
}

// ------------------------------------------------------------------ the traffic

const BROAD = [
  '检测',
  '软件',
  '科技',
  '技术',
  '服务',
  '信息',
  '咨询',
  '工程',
  '研究',
  '设计',
  '数据',
  '智能',
  '材料',
  '医药',
  '检验',
  '环境',
  '电子',
  '管理',
  '知识产权',
  '孵化',
];
const CATEGORIES = ['rd', 'info', 'testing', 'finance', 'transfer', 'incubation', 'ip', 'popularization'];
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const TZ = 8 * HOUR;
const iso = (t: number) => new Date(t + TZ).toISOString().replace(/\.\d{3}Z$/, '+08:00');
const enc = encodeURIComponent;

interface Traffic {
  label: string;
  paths: string[];
}

async function traffic(url: string): Promise<{ sets: Traffic[]; scale: Record<string, number> }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = async <T>(text: string) => (await c.query(text)).rows as T[];
    const scale = (
      await q<Record<string, number>>(`SELECT (SELECT count(*)::int FROM orgs) AS orgs,
        (SELECT count(*)::int FROM achievements WHERE status = 'published') AS achievements,
        (SELECT count(*)::int FROM instruments) AS instruments, (SELECT count(*)::int FROM bookings) AS bookings`)
    )[0];
    const districts = (await q<{ code: string }>(`SELECT code FROM divisions WHERE valid_to IS NULL AND code LIKE '5001%' ORDER BY code`)).map((d) => d.code);
    const r = rng(1313);
    const broad: string[] = [];
    for (const w of BROAD)
      for (const extra of ['', ...CATEGORIES.map((c) => `&category=${c}`), ...districts.slice(0, 12).map((d) => `&district=${d}`)])
        for (const page of [1, 2]) broad.push(`/api/v1/orgs?q=${enc(w)}${extra}${page > 1 ? `&page=${page}` : ''}`);
    const names = await q<{ name: string }>(`SELECT name FROM orgs ORDER BY md5(id::text) LIMIT 700`);
    const narrow = [
      ...new Set(
        names
          .map((n) => n.name.replace(/^重庆(市)?/, '').replace(/(股份)?有限(责任)?公司$|研究院$|研究所$|中心$/, ''))
          .filter((n) => n.length >= 2)
          .map((n) => n.slice(0, Math.min(n.length, 2 + r.int(0, 2)))),
      ),
    ].map((n) => `/api/v1/orgs?q=${enc(n)}`);
    const filters: string[] = [];
    for (const cat of ['', ...CATEGORIES])
      for (const d of ['', ...districts])
        for (const kind of ['', 'enterprise', 'service_provider'])
          if (cat || d || kind)
            filters.push(`/api/v1/orgs?${[cat && `category=${cat}`, d && `district=${d}`, kind && `kind=${kind}`].filter(Boolean).join('&')}`);
    const keywords = await q<{ k: string }>(`SELECT k FROM (SELECT DISTINCT unnest(keywords) AS k FROM achievements) x ORDER BY md5(k) LIMIT 600`);
    const achievements = keywords.map((k) => `/api/v1/achievements?q=${enc(k.k)}`);
    const classes = (await q<{ code: string }>(`SELECT code FROM instrument_classes ORDER BY code`)).map((x) => x.code);
    const today = Math.floor((Date.now() + TZ) / DAY) * DAY - TZ;
    const availability: string[] = [];
    for (let i = 0; i < 600; i++) {
      const day = today + (1 + (i % 14)) * DAY;
      const from = day + (8 + (i % 3)) * HOUR;
      const to = from + [4, 5, 9][i % 3] * HOUR;
      let p = `freeFrom=${enc(iso(from))}&freeTo=${enc(iso(to))}&minHours=${1 + (i % 4)}`;
      if (i % 3 === 1) p += `&class=${classes[i % classes.length]}`;
      if (i % 3 === 2) p += `&district=${districts[i % districts.length]}`;
      availability.push(`/api/v1/instruments?${p}`);
    }
    return {
      scale,
      sets: [
        { label: 'directory search, broad word', paths: broad },
        { label: 'directory search, narrow word', paths: narrow },
        { label: 'directory list, filters only', paths: filters },
        { label: 'achievement search', paths: achievements },
        { label: 'availability search', paths: availability },
      ],
    };
  } finally {
    await c.end();
  }
}

/** An endless Zipf-like sequence over the paths (weight 1/k for the k-th), shuffled first so rank is not path order. */
function zipf(paths: string[], seed: number): () => string {
  const r = rng(seed);
  const order = [...paths].sort(() => r.next() - 0.5);
  const cumulative: number[] = [];
  let sum = 0;
  for (let k = 0; k < order.length; k++) {
    sum += 1 / (k + 1);
    cumulative.push(sum);
  }
  return () => {
    const x = r.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return order[lo];
  };
}

// ------------------------------------------------------------------ measuring

interface Figure {
  label: string;
  distinct: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  share: number | null;
  nodeCpuMsPerRequest: number | null;
  cacheHitRate: number | null;
}

function cpuMs(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime in clock ticks (100 Hz)
}

async function cacheStats(base: string): Promise<{ hits: number; misses: number } | null> {
  const res = await fetch(`${base}/readyz`);
  const body = (await res.json()) as { responseCache?: { hits: number; misses: number } };
  return body.responseCache ?? null;
}

async function hammer(base: string, label: string, next: () => string, distinct: number, pid: number | null, ceiling: number | null): Promise<Figure> {
  const before = pid ? await cacheStats(base) : null;
  const cpu0 = pid ? cpuMs(pid) : 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [{ setupRequest: (req) => ({ ...req, path: next() }) }],
  });
  const cpu1 = pid ? cpuMs(pid) : 0;
  const after = pid ? await cacheStats(base) : null;
  const requests = result.requests.total;
  const hits = before && after ? after.hits - before.hits : 0;
  const lookups = before && after ? hits + after.misses - before.misses : 0;
  const fig: Figure = {
    label,
    distinct,
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    requests,
    share: ceiling ? +(result.requests.average / ceiling).toFixed(3) : null,
    nodeCpuMsPerRequest: pid && requests ? +((cpu1 - cpu0) / requests).toFixed(2) : null,
    cacheHitRate: lookups ? +(hits / lookups).toFixed(3) : null,
  };
  log(
    `  ${label.padEnd(32)} ${String(fig.reqPerSec).padStart(6)} req/s  p50 ${String(fig.p50).padStart(4)} ms  p99 ${String(fig.p99).padStart(5)} ms  errors ${fig.errors}` +
      `${fig.share !== null ? `  share ${fig.share}` : ''}${fig.nodeCpuMsPerRequest !== null ? `  node CPU ${fig.nodeCpuMsPerRequest} ms/req` : ''}` +
      `${fig.cacheHitRate !== null ? `  cache hits ${(fig.cacheHitRate * 100).toFixed(1)} %` : ''}  (${distinct} distinct; load ${load1()})`,
  );
  return fig;
}

async function bareServer(): Promise<{ child: ChildProcess; base: string }> {
  const port = 3990 + Math.floor(Math.random() * 9);
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
    child.on('exit', (c) => reject(new Error(`bare server exited ${c}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

const wanted = (key: string) => !ONLY || ONLY.includes(key);
const KEYS = ['broad', 'narrow', 'filters', 'achievements', 'availability'];

async function runWith(url: string, cache: boolean, sets: Traffic[], ceiling: number): Promise<Figure[]> {
  const { child, base } = await startServer({ DATABASE_URL: url, RESPONSE_CACHE: String(cache) });
  const figures: Figure[] = [];
  try {
    log(`cache ${cache ? 'on' : 'off'} (server pid ${child.pid})`);
    if (wanted('healthz')) figures.push(await hammer(base, '/healthz', () => '/healthz', 1, child.pid!, ceiling));
    for (const [i, set] of sets.entries()) {
      if (!wanted(KEYS[i])) continue;
      // warm-up: every distinct query once, so that a cold PostgreSQL buffer cache is not what is measured
      for (const p of set.paths) await fetch(base + p).then((r) => r.arrayBuffer());
      figures.push(await hammer(base, set.label, zipf(set.paths, 77 + i), set.paths.length, child.pid!, ceiling));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  return figures.map((f) => ({ ...f, label: `${f.label}${cache ? '' : ' (cache off)'}` }));
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
  log(
    `kefutong load bench · PostgreSQL · ${CONNECTIONS} connections × ${DURATION} s · ${os.cpus().length} cores · node ${process.version} · commit ${head} · load ${load1()}`,
  );
  let url = REUSE_URL;
  let drop = async () => {};
  if (!url) {
    url = await loadAll();
    if (LOAD_ONLY) return log(`loaded: reuse with --database-url ${url}`);
    const dbName = new URL(url).pathname.slice(1);
    drop = KEEP
      ? async () => log(`kept database ${url}`)
      : async () => {
          const c = new pg.Client({ connectionString: PG_URL });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
          await c.end();
        };
  }
  try {
    const { sets, scale } = await traffic(url);
    log(`data scale: ${JSON.stringify(scale)}`);
    const bare = await bareServer();
    let ceiling: Figure;
    try {
      ceiling = await hammer(bare.base, 'bare Fastify /hello', () => '/hello', 1, null, null);
    } finally {
      bare.child.kill('SIGTERM');
    }
    const figures: Figure[] = [ceiling];
    for (const cache of CACHE === 'both' ? [true, false] : [CACHE === 'on']) figures.push(...(await runWith(url, cache, sets, ceiling.reqPerSec)));
    const file = path.join(OUT, 'load.json');
    fs.writeFileSync(
      file,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          commit: head,
          scale,
          connections: CONNECTIONS,
          durationSeconds: DURATION,
          targets: TARGETS,
          loadAverage: os.loadavg(),
          figures,
        },
        null,
        2,
      ),
    );
    log(`written ${file}`);
  } finally {
    await drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
