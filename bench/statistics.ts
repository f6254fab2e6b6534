/**
 * npm run bench:statistics -- [--engine postgres|pglite] [--orgs 56000] [--quarters 19] [--instruments 2000] [--bookings 1000000]
 *                             [--submits 200] [--accepts 25] [--requests 200] [--database-url postgres://… | --data-dir DIR (reuse)]
 *                             [--keep] [--load-only]
 *
 * Issue 14 point 7 at the issue's scale: 56,000 organizations, 1,120,000 survey filings (20 quarterly rounds × 56,000
 * organizations: 19 past quarters and the current one, all accepted but the filing members' own, so they feed the
 * surveyed indicators) and 1,000,000 bookings. Loading, set-based:
 *   - bench/instruments.ts --load-only as a child (its migrations, reference data, 300 owner organizations, the
 *     instruments and the bookings, through an unlogged staging table);
 *   - generated organizations up to --orgs through the directory repository (the text pipeline's search columns);
 *   - a quarterly copy of the shipped annual form, the rounds, and each round's filings in one INSERT … SELECT over
 *     the organizations, values derived from the organization (employees from its profile, so a member's prefilled
 *     submit is valid and never "far from last period");
 *   - members for --submits organizations of 渝中区 and that district's office (one argon2 hash for all); the
 *     current quarter's round, accepted for everyone but those members (pending); ANALYZE.
 * Then the real server runs as a child process (after its first count of every figure) and, over HTTP:
 *   - the dashboards of the city, 渝中区 and a cluster, and the front page: --requests sequential GETs each after a warm-up;
 *   - a filing's submit: each member opens its own filing (prefilled from the last quarter) and submits it, one
 *     distinct filing per member;
 *   - freshness: the district office accepts --accepts of them one after the other; from each accept's request until
 *     the city's dashboard shows its 从业人员 for the quarter moved by exactly the filing's employees (polled).
 * Prints p50/p95/max beside the targets and the load average before and after; writes bench/out/statistics-<engine>.json.
 * PostgreSQL: a scratch database on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), dropped
 * unless --keep. PGlite: a temporary data directory. A reused database gets its members' filings back to pending.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { client, signIn, startServer, summary, secs, type Client } from './lib.ts';
import { openDatabase, type Database } from '../src/server/platform/db/database.ts';
import { sql } from '../src/server/platform/db/sql.ts';
import { DirectoryRepository } from '../src/server/modules/directory/repository.ts';
import { generateOrgs } from '../src/server/modules/directory/demo/generator.ts';
import { SHIPPED_FORMS } from '../src/server/modules/surveys/shipped.ts';
import { hashPassword } from '../src/server/modules/auth/index.ts';
import { scratchDatabase } from '../test/helpers/scratch-db.ts';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : 'true') : undefined;
};
const ENGINE = (arg('engine') ?? 'postgres') as 'postgres' | 'pglite';
const ORGS = Number(arg('orgs') ?? 56000);
const QUARTERS = Number(arg('quarters') ?? 19); // past quarters; with the current one, 20 rounds
const INSTRUMENTS = Number(arg('instruments') ?? 2000);
const BOOKINGS = Number(arg('bookings') ?? 1000000);
const SUBMITS = Number(arg('submits') ?? 200);
const ACCEPTS = Number(arg('accepts') ?? 25);
const REQUESTS = Number(arg('requests') ?? 200);
const KEEP = arg('keep') === 'true';
const LOAD_ONLY = arg('load-only') === 'true';
const REUSE_URL = arg('database-url');
const REUSE_DIR = arg('data-dir');
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGETS = { dashboardP95: ENGINE === 'postgres' ? 100 : 300, submitP95: 50, visibleMs: 1000, frontP95: 30 };
const DISTRICT = '500103'; // 渝中区: the district of the members who file and of the office that accepts
const PASSWORD = 'bench-member-pass';
const FORM_CODE = 'kf_quarterly';

const log = (line: string) => console.log(line);
const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** Beijing's current quarter and the quarters before it, oldest first. */
function quarters(n: number): { current: string; past: string[] } {
  const now = new Date(Date.now() + 8 * 3600_000);
  let y = now.getUTCFullYear();
  let q = Math.floor(now.getUTCMonth() / 3) + 1;
  const current = `${y}-Q${q}`;
  const past: string[] = [];
  for (let i = 0; i < n; i++) {
    q--;
    if (q === 0) {
      q = 4;
      y--;
    }
    past.unshift(`${y}-Q${q}`);
  }
  return { current, past };
}
const quarterEnd = (p: string) => {
  const y = Number(p.slice(0, 4));
  const q = Number(p.slice(6));
  return new Date(Date.UTC(y, q * 3, 0)).toISOString().slice(0, 10);
};

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

// ------------------------------------------------------------------ loading

async function load(target: { url?: string; dataDir?: string }): Promise<Record<string, number>> {
  const seconds: Record<string, number> = {};
  let t = performance.now();
  // instruments and bookings (and the migrations, reference data and their 300 owners) by their own loader
  const common = ['--load-only', '--instruments', String(INSTRUMENTS), '--bookings', String(BOOKINGS)];
  if (target.url) await runChild(['bench/instruments.ts', ...common, '--load-into', target.url]);
  else {
    const out = await runChild(['bench/instruments.ts', ...common, '--engine', 'pglite', '--keep']);
    const dir = out.match(/kept PGlite data in (\S+)/)?.[1];
    if (!dir) throw new Error('the instruments loader did not say where it kept its data');
    fs.renameSync(dir, target.dataDir!);
  }
  seconds.instrumentsAndBookings = +secs(t);

  const db = await openDatabase(target.url ? { databaseUrl: target.url, poolSize: 2 } : { dataDir: target.dataDir! });
  try {
    t = performance.now();
    await loadOrgs(db);
    seconds.orgs = +secs(t);
    t = performance.now();
    await loadFilings(db);
    seconds.filings = +secs(t);
    t = performance.now();
    await loadUsers(db);
    await loadCurrentRound(db);
    seconds.usersAndCurrentRound = +secs(t);
    t = performance.now();
    await db.query(sql`ANALYZE`);
    seconds.analyze = +secs(t);
    const n = (q: string) => db.query<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${q}`)).then((r) => r.rows[0].n);
    seconds.scaleOrgs = await n('orgs');
    seconds.scaleFilings = await n('survey_filings');
    seconds.scaleBookings = await n('bookings');
  } finally {
    await db.close();
  }
  return seconds;
}

async function loadOrgs(db: Database): Promise<void> {
  const have = (await db.query<{ n: number; usccs: string[] }>(sql`SELECT count(*)::int AS n, array_agg(uscc) AS usccs FROM orgs`)).rows[0];
  const taken = new Set(have.usccs ?? []);
  const want = Math.max(0, ORGS - have.n);
  const more = [...generateOrgs(want + 2000, 5656)].filter((o) => !taken.has(o.uscc)).slice(0, want);
  const repo = new DirectoryRepository(db);
  const per = db.engine === 'pglite' ? 200 : 500;
  const t = performance.now();
  for (let i = 0; i < more.length; i += per) {
    await db.transaction(async (tx) => void (await repo.with(tx).insertMany(more.slice(i, i + per))));
    if ((i / per) % 20 === 19) log(`  … ${(have.n + i + per).toLocaleString()} organizations (${secs(t)} s)`);
  }
  log(`organizations: ${have.n} from the instruments loader + ${more.length} generated`);
}

/**
 * The quarterly form (the shipped annual form's fields under its own code), the past quarters' rounds city-wide,
 * and every organization's accepted filing of each, in one statement. An organization's figures: employees its
 * profile's (so the current quarter's prefill equals the last period's), 1/4 of them R&D staff, revenue by size and
 * quarter; one in twenty runs an incubator.
 */
async function loadFilings(db: Database): Promise<void> {
  const shipped = SHIPPED_FORMS.find((f) => f.code === 'kf_annual')!;
  const def = { ...shipped, code: FORM_CODE, titleZh: '科技服务业机构季度统计报表', titleEn: 'S&T service organizations: quarterly report' };
  const { rows } = await db.query<{ id: number }>(sql`
    INSERT INTO survey_forms (code, version, title_zh, title_en, definition, origin, filename)
    VALUES (${FORM_CODE}, 1, ${def.titleZh}, ${def.titleEn}, ${JSON.stringify(def)}::jsonb, 'upload', 'bench-quarterly.xlsx') RETURNING id`);
  const formId = Number(rows[0].id);
  const { past } = quarters(QUARTERS);
  for (const p of past)
    await db.query(sql`
      INSERT INTO survey_rounds (form_id, title_zh, title_en, frequency, period, population, deadline, created_at)
      VALUES (${formId}, ${`${p} 科技服务业季度统计调查`}, ${`${p} quarterly survey`}, 'quarterly', ${p}, '{"kinds":[],"categories":[],"districts":[]}'::jsonb,
              ${quarterEnd(p)}::date + 30, ${quarterEnd(p)}::date)`);
  // one statement per round: PGlite holds a whole statement's rows in memory
  const rounds = (await db.query<{ id: number; period: string }>(sql`SELECT id, period FROM survey_rounds WHERE form_id = ${formId} ORDER BY period`)).rows;
  const t = performance.now();
  for (const [k, r] of rounds.entries()) {
    await insertAccepted(db, r.id, quarterEnd(r.period), k, sql`TRUE`);
    if (k % 5 === 4) log(`  … ${k + 1} of ${rounds.length} rounds' filings (${secs(t)} s)`);
  }
  log(`${rounds.length} past quarterly rounds ${past[0]}…${past.at(-1)}, their filings accepted`);
}

/**
 * The current quarter's round, city-wide, as it stands late in the quarter: every organization's filing accepted
 * except those of the members who will file (pending), so an acceptance lands in a period of ~56,000 accepted filings.
 * Made when missing (a database loaded before this step gets it on reuse).
 */
async function loadCurrentRound(db: Database): Promise<void> {
  const { current } = quarters(QUARTERS);
  const form = await db.query<{ id: number }>(sql`SELECT id FROM survey_forms WHERE code = ${FORM_CODE}`);
  const have = await db.query<{ id: number }>(sql`SELECT id FROM survey_rounds WHERE form_id = ${form.rows[0].id} AND period = ${current}`);
  if (have.rows.length) {
    // a reused database: the members' filings back to pending (the server's start recounts every figure)
    await db.query(sql`
      UPDATE survey_filings SET status = 'pending', "values" = '{}', figures = '{}', confirmations = '{}', reason = NULL, submitted_at = NULL,
        submitted_by = NULL, decided_at = NULL, decided_by = NULL, version = version + 1
      WHERE round_id = ${Number(have.rows[0].id)} AND org_id IN (SELECT org_id FROM users WHERE username LIKE 'bench-member-%')`);
    return;
  }
  const { rows } = await db.query<{ id: number }>(sql`
    INSERT INTO survey_rounds (form_id, title_zh, title_en, frequency, period, population, deadline)
    VALUES (${form.rows[0].id}, ${`${current} 科技服务业季度统计调查`}, ${`${current} quarterly survey`}, 'quarterly', ${current},
            '{"kinds":[],"categories":[],"districts":[]}'::jsonb, ${quarterEnd(current)}::date + 30) RETURNING id`);
  const members = sql`o.id IN (SELECT org_id FROM users WHERE username LIKE 'bench-member-%')`;
  const now = new Date(Date.now() - 21 * 86400_000).toISOString().slice(0, 10); // decided (end + 20 days) yesterday
  await insertAccepted(db, Number(rows[0].id), now, QUARTERS, sql`NOT ${members}`);
  await db.query(sql`
    INSERT INTO survey_filings (round_id, org_id, org_name, district_code, cluster_id, categories)
    SELECT ${Number(rows[0].id)}, o.id, o.name, o.district_code, o.cluster_id, o.categories FROM orgs o WHERE ${members}`);
  log(`current round ${current}: accepted for every organization but the ${SUBMITS} members' (pending)`);
}

/** Every organization's (matching `which`) accepted filing of a round, values derived from the organization. */
async function insertAccepted(db: Database, roundId: number, end: string, k: number, which: ReturnType<typeof sql>): Promise<void> {
  await db.query(sql`
      INSERT INTO survey_filings (round_id, org_id, org_name, district_code, cluster_id, categories, status, "values", figures, version,
        submitted_at, decided_at, updated_at)
      SELECT ${roundId}, o.id, o.name, o.district_code, o.cluster_id, o.categories, 'accepted', v.vals, v.figs, 3,
        ${end}::timestamptz + interval '10 days', ${end}::timestamptz + interval '20 days', ${end}::timestamptz + interval '20 days'
      FROM orgs o
      CROSS JOIN LATERAL (SELECT coalesce(o.employees, 10) AS e, (o.id % 20 = 0) AS inc,
        (coalesce(o.employees, 10) * 250000 + (o.id % 97) * 10000 + ${k} * 5000)::numeric AS rev) b
      CROSS JOIN LATERAL (SELECT
        jsonb_build_object('employees', b.e, 'rd_staff', b.e / 4, 'revenue', b.rev, 'service_revenue', b.rev * 0.6, 'output', b.rev * 1.2,
          'rd_spending', b.rev * 0.05, 'runs_incubator', CASE WHEN b.inc THEN 'yes' ELSE 'no' END, 'contact', '填报人' || o.id)
          || CASE WHEN b.inc THEN jsonb_build_object('incubator_area', 2000 + o.id % 5000, 'core_space_area', 1000 + o.id % 1000, 'citizens_served', 100 + o.id % 900)
             ELSE '{}'::jsonb END AS vals,
        jsonb_build_object('employees', b.e, 'revenue', b.rev, 'output', b.rev * 1.2, 'rd_spending', b.rev * 0.05)
          || CASE WHEN b.inc THEN jsonb_build_object('incubator_area', 2000 + o.id % 5000, 'core_space_area', 1000 + o.id % 1000, 'citizens_served', 100 + o.id % 900)
             ELSE '{}'::jsonb END AS figs) v
      WHERE ${which}`);
}

/** Members of the first --submits organizations of 渝中区 (by id) and the district's office, sharing one hash. */
async function loadUsers(db: Database): Promise<void> {
  const hash = await hashPassword(PASSWORD);
  await db.query(sql`
    INSERT INTO users (username, password_hash, role, display_name, org_id)
    SELECT 'bench-member-' || id, ${hash}, 'org_member', '基准填报人' || id, id FROM orgs WHERE district_code = ${DISTRICT} ORDER BY id LIMIT ${SUBMITS}`);
  await db.query(sql`
    INSERT INTO users (username, password_hash, role, display_name, district_code) VALUES ('bench-office', ${hash}, 'district_admin', '渝中区科技局', ${DISTRICT})`);
}

// ------------------------------------------------------------------ HTTP figures

interface Indicator {
  indicator: string;
  scope: string;
  category: string | null;
  trend: { period: string; value: number }[];
}

async function timeGets(c: Client, label: string, p: string) {
  for (let i = 0; i < 10; i++) await c.get(p);
  const xs: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const r = await c.get(p);
    if (r.status !== 200) throw new Error(`${p}: ${r.status}`);
    xs.push(r.ms);
  }
  const s = summary(xs);
  log(`${label.padEnd(40)} p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms`);
  return s;
}

/** The city dashboard's 从业人员 (employees, city-wide) for a period. */
async function cityEmployees(c: Client, period: string): Promise<number> {
  const d = await c.get<{ indicators: Indicator[] }>('/api/v1/dashboards/chongqing');
  if (d.status !== 200) throw new Error(`dashboard: ${d.status}`);
  const i = d.body.indicators.find((x) => x.indicator === 'employees' && x.scope === 'chongqing' && !x.category);
  return i?.trend.find((x) => x.period === period)?.value ?? 0;
}

async function measure(base: string) {
  const anon = client(base, '');
  const out: Record<string, unknown> = {};
  out.dashboardCity = await timeGets(anon, 'dashboard chongqing', '/api/v1/dashboards/chongqing');
  out.dashboardDistrict = await timeGets(anon, `dashboard district:${DISTRICT}`, `/api/v1/dashboards/district:${DISTRICT}`);
  out.dashboardCluster = await timeGets(anon, 'dashboard cluster:western-science-city', '/api/v1/dashboards/cluster:western-science-city');
  out.front = await timeGets(anon, 'portal front', '/api/v1/portal/front');

  const { current } = quarters(QUARTERS);
  // each member submits its own filing, prefilled from the last quarter
  const submitted: { id: number; version: number; employees: number }[] = [];
  const submitMs: number[] = [];
  for (const orgId of MEMBER_ORG_IDS.slice(0, SUBMITS)) {
    const me = await signIn(base, `bench-member-${orgId}`, PASSWORD);
    const list = await me.get<{ items: { id: number }[] }>('/api/v1/survey-filings?status=pending');
    const filing = await me.get<{ id: number; version: number; values: Record<string, unknown>; prefilled: boolean }>(
      `/api/v1/survey-filings/${list.body.items[0].id}`,
    );
    if (!filing.body.prefilled) throw new Error(`filing ${filing.body.id} is not prefilled`);
    const res = await me.post<{ id: number; version: number; status: string; values: { employees: number } }>(
      `/api/v1/survey-filings/${filing.body.id}/submit`,
      {
        values: filing.body.values,
        version: filing.body.version,
        confirmations: {},
      },
    );
    if (res.status !== 200 || res.body.status !== 'submitted') throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
    submitMs.push(res.ms);
    submitted.push({ id: res.body.id, version: res.body.version, employees: res.body.values.employees });
  }
  out.submit = summary(submitMs);
  log(`${'filing submit (distinct filings)'.padEnd(40)} p50 ${(out.submit as { p50: number }).p50} ms, p95 ${(out.submit as { p95: number }).p95} ms`);

  // freshness: accept one filing, then read the city's dashboard until the quarter's employees moved by it
  const office = await signIn(base, 'bench-office', PASSWORD);
  const visible: number[] = [];
  const acceptMs: number[] = [];
  const polls: number[] = [];
  for (const f of submitted.slice(0, ACCEPTS)) {
    const before = await cityEmployees(anon, current);
    const t1 = performance.now();
    const res = await office.post<{ status: string }>(`/api/v1/survey-filings/${f.id}/review`, { decision: 'accept', version: f.version });
    if (res.status !== 200 || res.body.status !== 'accepted') throw new Error(`accept: ${res.status} ${JSON.stringify(res.body)}`);
    acceptMs.push(res.ms);
    let n = 0;
    for (;;) {
      n++;
      const now = await cityEmployees(anon, current);
      if (now === before + f.employees) break;
      if (now !== before) throw new Error(`the figure moved by ${now - before}, not by the filing's ${f.employees}`);
      if (performance.now() - t1 > 60_000) throw new Error('not visible within 60 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    polls.push(n);
    visible.push(performance.now() - t1);
  }
  out.accept = summary(acceptMs);
  out.visible = summary(visible);
  out.pollsUntilVisible = summary(polls);
  log(`${'filing accept (HTTP)'.padEnd(40)} p50 ${(out.accept as { p50: number }).p50} ms, p95 ${(out.accept as { p95: number }).p95} ms`);
  log(
    `${'accepted → on the city dashboard'.padEnd(40)} p50 ${(out.visible as { p50: number }).p50} ms, max ${(out.visible as { max: number }).max} ms (polls: max ${(out.pollsUntilVisible as { max: number }).max})`,
  );
  return out;
}

/** The organizations whose members file (as loadUsers made them), read back before the server starts. */
let MEMBER_ORG_IDS: number[] = [];

async function main() {
  fs.mkdirSync(path.resolve('bench/out'), { recursive: true });
  log(
    `kefutong statistics bench · ${ENGINE} · ${ORGS.toLocaleString()} orgs · ${QUARTERS} quarters · ${BOOKINGS.toLocaleString()} bookings · load ${loadavg()}`,
  );
  let url = REUSE_URL;
  let dataDir = REUSE_DIR;
  let drop = async () => {};
  let seconds: Record<string, number> | null = null;
  if (ENGINE === 'postgres' && !url) {
    const scratch = await scratchDatabase(PG_URL, 'kft_stbench');
    url = scratch.url;
    drop = KEEP ? async () => log(`kept database ${url}`) : scratch.drop;
    const t = performance.now();
    seconds = await load({ url });
    log(`loaded in ${secs(t)} s: ${JSON.stringify(seconds)}`);
  } else if (ENGINE === 'pglite' && !dataDir) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kft-stbench-'));
    fs.rmdirSync(dataDir);
    const dir = dataDir;
    drop = KEEP ? async () => log(`kept PGlite data in ${dir}`) : async () => fs.rmSync(dir, { recursive: true, force: true });
    const t = performance.now();
    seconds = await load({ dataDir });
    log(`loaded in ${secs(t)} s: ${JSON.stringify(seconds)}`);
  }
  try {
    {
      const db = await openDatabase(url ? { databaseUrl: url, poolSize: 1 } : { dataDir: dataDir! });
      await loadCurrentRound(db);
      MEMBER_ORG_IDS = (await db.query<{ id: number }>(sql`SELECT org_id AS id FROM users WHERE username LIKE 'bench-member-%' ORDER BY org_id`)).rows.map(
        (r) => Number(r.id),
      );
      await db.close();
    }
    if (LOAD_ONLY) return;
    const loadBefore = os.loadavg();
    const t = performance.now();
    const server = await startServer(url ? { DATABASE_URL: url } : { DATA_DIR: dataDir! });
    log(`server listening in ${secs(t)} s`);
    // the start counts every figure (the surveyed ones over every accepted filing) after listening: wait for it
    while ((await fetch(`${server.base}/readyz`)).status !== 200) await new Promise((r) => setTimeout(r, 200));
    log(`server ready (first count of every figure done) in ${secs(t)} s`);
    try {
      const figures = await measure(server.base);
      const result = {
        at: new Date().toISOString(),
        engine: ENGINE,
        scale: { orgs: ORGS, quarters: QUARTERS, instruments: INSTRUMENTS, bookings: BOOKINGS, loaded: seconds },
        targets: TARGETS,
        loadBefore,
        loadAfter: os.loadavg(),
        ...figures,
      };
      fs.writeFileSync(path.resolve(`bench/out/statistics-${ENGINE}.json`), JSON.stringify(result, null, 2));
      log(`load average before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${loadavg()}`);
    } finally {
      server.child.kill('SIGTERM');
      await new Promise((r) => server.child.once('exit', r));
    }
  } finally {
    await drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
