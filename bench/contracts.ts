/**
 * npm run bench:contracts [-- --contracts 200000 --orgs 2000 --requests 100 --keep --no-explain --only register|figures --reuse URL]
 *
 * Technology contracts at regional scale, on PostgreSQL (issue 12 point 9: the register's search and filters p95 ≤
 * 30 ms, the turnover figures by any breakdown p95 ≤ 100 ms, at 200,000 contracts over 5 years). Loads a scratch
 * database: the app's migrations, reference data and the 31 stations, N organizations through the directory
 * repository, then the contracts in one INSERT … SELECT over generate_series, spread evenly from 2022-01-01 to
 * 2026-11-30, each routed to the station of its seller's district: 93% registered, 5% rejected, 2% drafts, and the
 * latest 6,000 in the open states (submitted, needs correction, accepted, under review, expert review), the oldest
 * of them past their deadline. A station's staff account is inserted with one password hash. Then the app runs in
 * this process (bench/lib.ts inProcessApp, every SQL statement captured) and each request is sent through Fastify's
 * inject with a session cookie, one at a time, after a warm-up: the register (all, by state, overdue, type and
 * district, station, a station's inbox, text search on project and party names, a registration number, a deep page),
 * the figures by each breakdown (all years and one year) and the stations' workload. Prints p50/p95/max beside the
 * targets, writes bench/out/contracts-postgres.json and (unless --no-explain) EXPLAIN (ANALYZE, BUFFERS) of each
 * request's slowest statement to bench/out/contracts-explain.txt.
 * PostgreSQL: the server at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), on which a
 * scratch database is created and dropped (kept with --keep).
 */
import fs from 'node:fs';
import { execSync } from 'node:child_process';
import { ADMIN_PASSWORD, explainStatements, inProcessApp, secs, summary } from './lib.ts';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { migrate } from '../src/server/platform/db/migrate.ts';
import { sql } from '../src/server/platform/db/sql.ts';
import { seedReferenceData } from '../src/server/modules/reference/service.ts';
import { DirectoryRepository } from '../src/server/modules/directory/repository.ts';
import { generateOrgs } from '../src/server/modules/directory/demo/generator.ts';
import { hashPassword } from '../src/server/modules/auth/index.ts';
import { ContractRepository } from '../src/server/modules/contracts/repository.ts';
import { ContractFiguresRepository } from '../src/server/modules/contracts/figures-repository.ts';
import { STATIONS } from '../src/server/modules/contracts/stations.ts';
import { scratchDatabase } from '../test/helpers/scratch-db.ts';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : 'true') : undefined;
};
const CONTRACTS = Number(arg('contracts') ?? 200000);
const ORGS = Number(arg('orgs') ?? 2000);
const REQUESTS = Number(arg('requests') ?? 100);
const KEEP = arg('keep') === 'true';
const EXPLAIN = arg('no-explain') === undefined;
/** a database a previous run kept (--keep): measure again without loading (after an index change, say) */
const REUSE = arg('reuse');
const ONLY = arg('only'); // register | figures
const OPEN = Math.min(6000, Math.floor(CONTRACTS / 10));
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const STAFF_PASSWORD = 'bench-station-pass';
const TARGETS = { register: 30, figures: 100 };

// the project names: a subject and a kind of work, so a word of a subject matches about 1 in 24 contracts
const SUBJECTS = [
  '固态锂电池电解质',
  '工业机器人视觉定位',
  '新能源汽车电驱系统',
  '山地城市隧道健康监测',
  '页岩气水平井压裂',
  '智能网联汽车测试',
  '柑橘黄龙病防控',
  '涪陵榨菜低盐腌制',
  '抗肿瘤药物筛选',
  '集成电路先进封装',
  '城市大数据平台',
  '轨道交通信号控制',
  '火锅底料风味保持',
  '中药材规范化种植',
  '废旧动力电池回收',
  '氢燃料电池电堆',
  '无人机电力巡检',
  '石墨烯导热膜',
  '钢结构桥梁焊接',
  '基站节能控制',
  '高性能镁合金',
  '智慧养老服务平台',
  '三峡库区消落带修复',
  '摩托车发动机减排',
];
const WORKS = ['技术开发', '专利权转让', '专利实施许可', '技术咨询', '技术服务', '技术培训'];
const TYPES = ['development', 'transfer', 'license', 'consulting', 'service', 'service'];
const SUBS = ['commissioned', 'patent', 'ordinary', 'consulting', 'service', 'training'];
const FIELDS = [
  'electronics',
  'aerospace',
  'advanced_manufacturing',
  'biomedicine',
  'new_materials',
  'energy',
  'environment',
  'nuclear',
  'agriculture',
  'transport',
  'urban_social',
];
const NATURES = ['university', 'research_institute', 'state_enterprise', 'private_enterprise', 'private_enterprise', 'other_domestic_enterprise', 'foreign'];
const OPEN_STATES = ['submitted', 'needs_correction', 'accepted', 'under_review', 'expert_review', 'submitted'];

const log = (line: string) => console.log(line);
const uptime = () => execSync('uptime').toString().trim();
const arr = (xs: string[]) =>
  sql`ARRAY[${sql.join(
    xs.map((x) => sql`${x}`),
    ', ',
  )}]::text[]`;

async function load(url: string) {
  const db = await openDatabase({ databaseUrl: url, poolSize: 4 });
  let t = performance.now();
  await migrate(db);
  await seedReferenceData(db);
  await new ContractRepository(db).seedStations(STATIONS);
  const orgs = [...generateOrgs(ORGS, 1212)];
  const repo = new DirectoryRepository(db);
  for (let i = 0; i < orgs.length; i += 500)
    await db.transaction((tx) =>
      repo
        .with(tx)
        .insertMany(orgs.slice(i, i + 500))
        .then(() => undefined),
    );
  await db.query(sql`CREATE TABLE bench_orgs AS SELECT o.id, o.name, o.uscc, o.district_code,
      coalesce(r.station_id, (SELECT id FROM contract_stations WHERE district_code IS NULL)) AS station_id,
      coalesce(r.code, 'S01') AS station_code, (row_number() OVER (ORDER BY o.id) - 1)::int AS rn
    FROM orgs o LEFT JOIN LATERAL (SELECT s.id AS station_id, s.code FROM contract_stations s WHERE o.district_code = ANY(s.serves) ORDER BY s.code LIMIT 1) r ON true`);
  log(`migrations, reference data, 31 stations, ${orgs.length} organizations: ${secs(t)} s`);

  t = performance.now();
  const n = ORGS;
  await db.query(sql`
    INSERT INTO contracts (seller_org_id, buyer_org_id, station_id, status, project_name, contract_type, sub_type, signed_on, valid_from, valid_until,
      seller, buyer, seller_division_code, amount_fen, tech_amount_fen, equipment_fen, tech_field, ip_type, plan_source,
      new_investment_fen, new_output_fen, expert_required, clock_started_on, deadline, reject_reason, registration_number, registered_at,
      created_at, updated_at, submitted_at, decided_at)
    SELECT s.id, b.id, CASE WHEN st.status = 'draft' THEN NULL ELSE s.station_id END, st.status,
      (${arr(SUBJECTS)})[1 + g % ${SUBJECTS.length}] || (${arr(WORKS)})[1 + (g / ${SUBJECTS.length}) % ${WORKS.length}] || '（第' || (g % 97 + 1) || '期）',
      (${arr(TYPES)})[1 + (g / ${SUBJECTS.length}) % ${WORKS.length}], (${arr(SUBS)})[1 + (g / ${SUBJECTS.length}) % ${WORKS.length}],
      d.day - 3, d.day - 3, d.day + 700,
      jsonb_build_object('name', s.name, 'uscc', s.uscc, 'countryCode', 'CHN', 'divisionCode', s.district_code, 'nature', (${arr(NATURES)})[1 + g % ${NATURES.length}]),
      jsonb_build_object('name', b.name, 'uscc', b.uscc, 'countryCode', 'CHN', 'divisionCode', b.district_code, 'nature', (${arr(NATURES)})[1 + (g / 7) % ${NATURES.length}]),
      s.district_code, a.amt, a.amt - a.equip, a.equip, (${arr(FIELDS)})[1 + g % ${FIELDS.length}], 'invention_patent', 'none',
      NULL, NULL, a.amt - a.equip >= 500000000,
      CASE WHEN st.status <> 'draft' THEN d.day END,
      CASE WHEN st.status <> 'draft' THEN d.day + CASE WHEN a.amt - a.equip >= 500000000 THEN 42 ELSE 21 END END,
      CASE WHEN st.status = 'rejected' THEN '合同标的不属于技术合同范围' END,
      CASE WHEN st.status = 'registered' THEN to_char(d.day + d.took, 'YYYY') || coalesce(s.district_code, '500000') || s.station_code || lpad(g::text, 6, '0') END,
      CASE WHEN st.status = 'registered' THEN (d.day + d.took + time '15:00') AT TIME ZONE 'Asia/Shanghai' END,
      (d.day - 1 + time '10:00') AT TIME ZONE 'Asia/Shanghai',
      (d.day + CASE WHEN st.status IN ('registered', 'rejected') THEN d.took ELSE 0 END + time '15:00') AT TIME ZONE 'Asia/Shanghai',
      CASE WHEN st.status <> 'draft' THEN (d.day + time '09:00') AT TIME ZONE 'Asia/Shanghai' END,
      CASE WHEN st.status IN ('registered', 'rejected') THEN (d.day + d.took + time '15:00') AT TIME ZONE 'Asia/Shanghai' END
    FROM generate_series(1, ${CONTRACTS}) g
    CROSS JOIN LATERAL (SELECT CASE
      WHEN g > ${CONTRACTS - OPEN} THEN (${arr(OPEN_STATES)})[1 + g % ${OPEN_STATES.length}]
      WHEN g % 100 < 93 THEN 'registered' WHEN g % 100 < 98 THEN 'rejected' ELSE 'draft' END AS status) st
    CROSS JOIN LATERAL (SELECT (date '2022-01-01' + ((g - 1)::bigint * (date '2026-11-30' - date '2022-01-01') / ${CONTRACTS})::int) AS day,
      (3 + g % 25) AS took) d
    CROSS JOIN LATERAL (SELECT ((20000 + (g::bigint * 7919) % 3000000) * 100)::bigint AS amt) a0
    CROSS JOIN LATERAL (SELECT a0.amt, (a0.amt * (g % 3) / 10)::bigint AS equip) a
    JOIN bench_orgs s ON s.rn = g % ${n}
    JOIN bench_orgs b ON b.rn = (g * 31 + 7) % ${n}`);
  log(`${CONTRACTS} contracts (set-based): ${secs(t)} s`);
  await derived(db);
  const { rows: busiest } = await db.query<{ station_id: number; code: string }>(sql`
    SELECT x.station_id, s.code FROM contracts x JOIN contract_stations s ON s.id = x.station_id GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`);
  const hash = await hashPassword(STAFF_PASSWORD);
  const { rows: u } = await db.query<{ id: number }>(sql`INSERT INTO users (username, password_hash, role, display_name)
    VALUES ('bench-station', ${hash}, 'station_staff', '登记员') RETURNING id`);
  await db.query(sql`INSERT INTO contract_station_staff (station_id, user_id) VALUES (${busiest[0].station_id}, ${u[0].id})`);
  await db.query(sql`DROP TABLE bench_orgs`);
  // as autovacuum leaves a table that has settled: statistics and the visibility map (index-only scans)
  await db.query(sql`VACUUM ANALYZE`);
  const { rows: by } = await db.query<{ status: string; n: number }>(sql`SELECT status, count(*)::int AS n FROM contracts GROUP BY 1 ORDER BY 2 DESC`);
  log(`states: ${by.map((r) => `${r.status} ${r.n}`).join(', ')}; station staff at ${busiest[0].code}`);
  await db.close();
  return sampleOf(url);
}

/**
 * What the app keeps beside the contracts, which an INSERT … SELECT bypasses: the figures' roll-up (counted again
 * from the contracts when empty) and the search documents (the module's own backfill, as at a start after 0035).
 */
async function derived(db: Awaited<ReturnType<typeof openDatabase>>) {
  let t = performance.now();
  const { rows } = await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM contract_figures`);
  if (rows[0].n === 0) {
    await new ContractFiguresRepository(db).rebuild();
    const { rows: r } = await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM contract_figures`);
    log(`figures' roll-up counted from the contracts: ${r[0].n} rows, ${secs(t)} s`);
  }
  t = performance.now();
  const repo = new ContractRepository(db);
  let filled = 0;
  for (let n = await repo.fillSearchDocuments(); n > 0; n = await repo.fillSearchDocuments()) filled += n;
  if (filled) log(`search documents of ${filled} contracts (the start's backfill, jieba in this process): ${secs(t)} s`);
}

async function sampleOf(url: string) {
  const db = await openDatabase({ databaseUrl: url, poolSize: 1 });
  const { rows: sample } = await db.query<{ number: string; seller: string; station: number; district: string }>(sql`
    SELECT registration_number AS number, seller->>'name' AS seller, station_id AS station, seller_division_code AS district
    FROM contracts WHERE status = 'registered' AND seller_division_code IS NOT NULL ORDER BY id DESC LIMIT 1`);
  await db.close();
  return { sample: sample[0] };
}

async function main() {
  const scratch = REUSE ? { url: REUSE, drop: async () => {} } : await scratchDatabase(PG_URL, 'cf_contracts_bench');
  log(`PostgreSQL ${REUSE ? 'kept' : 'scratch'} database ${new URL(scratch.url).pathname.slice(1)}; ${uptime()}`);
  try {
    if (REUSE) {
      const db = await openDatabase({ databaseUrl: REUSE, poolSize: 1 });
      await migrate(db);
      await derived(db);
      await db.query(sql`VACUUM ANALYZE contracts`);
      await db.close();
    }
    const { sample } = REUSE ? await sampleOf(REUSE) : await load(scratch.url);
    const app = await inProcessApp(scratch.url);
    const pause = () => new Promise((r) => setTimeout(r, 1000));
    const login = async (username: string, password: string) => {
      let res = await app.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      // the event-loop guard answers 503 while the machine is overloaded (other work on its 2 cores): wait it out
      for (let i = 0; res.statusCode === 503 && i < 60; i++) {
        await pause();
        res = await app.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      }
      const c = res.cookies.find((x) => x.name === 'kft_session');
      if (!c) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      return `${c.name}=${c.value}`;
    };
    const admin = await login('admin', ADMIN_PASSWORD);
    const staff = await login('bench-station', STAFF_PASSWORD);
    const partyWord = sample.seller.slice(2, 6);
    const register: [string, string, string][] = [
      ['register: all (city)', admin, '/api/v1/contracts'],
      ['register: registered', admin, '/api/v1/contracts?status=registered'],
      ['register: open states', admin, '/api/v1/contracts?status=submitted,accepted,under_review,expert_review'],
      ['register: overdue', admin, '/api/v1/contracts?overdue=true'],
      ['register: type + district', admin, `/api/v1/contracts?type=transfer&district=${sample.district}`],
      ['register: station + registered', admin, `/api/v1/contracts?station=${sample.station}&status=registered`],
      ['register: station inbox (staff)', staff, '/api/v1/contracts?status=submitted'],
      ['register: station all (staff)', staff, '/api/v1/contracts'],
      ['register: text 锂电池', admin, `/api/v1/contracts?q=${encodeURIComponent('锂电池')}`],
      ['register: text 隧道 + registered', admin, `/api/v1/contracts?q=${encodeURIComponent('隧道')}&status=registered`],
      [`register: party ${partyWord}`, admin, `/api/v1/contracts?q=${encodeURIComponent(partyWord)}`],
      ['register: registration number', admin, `/api/v1/contracts?q=${sample.number}`],
      ['register: page 50', admin, '/api/v1/contracts?status=registered&page=50'],
    ];
    const figures: [string, string, string][] = [];
    for (const by of ['month', 'type', 'field', 'district', 'station', 'sellerNature', 'buyerNature'])
      figures.push(
        [`figures by ${by}`, admin, `/api/v1/contract-figures?by=${by}`],
        [`figures by ${by}, 2025`, admin, `/api/v1/contract-figures?by=${by}&year=2025`],
      );
    figures.push(['workload 2025 (city)', admin, '/api/v1/contract-workload?from=2025-01-01&to=2025-12-31']);
    const results: Record<string, ReturnType<typeof summary> & { target: number; total?: number }> = {};
    const time = async (label: string, cookie: string, url: string, target: number) => {
      let total: number | undefined;
      for (let i = 0; i < 5; i++) {
        let res = await app.app.inject({ url, headers: { cookie } });
        for (let k = 0; res.statusCode === 503 && k < 60; k++) {
          await pause();
          res = await app.app.inject({ url, headers: { cookie } });
        }
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        total = res.json().total?.count ?? res.json().total;
      }
      const xs: number[] = [];
      let shed = 0;
      while (xs.length < REQUESTS) {
        const t0 = performance.now();
        const res = await app.app.inject({ url, headers: { cookie } });
        const ms = performance.now() - t0;
        if (res.statusCode === 503) {
          shed++; // the overload guard's answer: not a measurement of the route
          await pause();
        } else xs.push(ms);
      }
      if (shed) log(`  (${shed} answers 503 from the overload guard, not counted)`);
      results[label] = { ...summary(xs), target, ...(typeof total === 'number' ? { total } : {}) };
      const s = results[label];
      log(
        `${label.padEnd(36)} p50 ${String(s.p50).padStart(6)}  p95 ${String(s.p95).padStart(6)}  max ${String(s.max).padStart(6)} ms  (target p95 ≤ ${target}${s.p95 <= target ? ', met' : ', MISSED'})${typeof total === 'number' ? `  rows ${total}` : ''}`,
      );
    };
    if (ONLY !== 'figures') for (const [label, cookie, url] of register) await time(label, cookie, url, TARGETS.register);
    if (ONLY !== 'register') for (const [label, cookie, url] of figures) await time(label, cookie, url, TARGETS.figures);
    log(uptime());
    fs.mkdirSync('bench/out', { recursive: true });
    fs.writeFileSync('bench/out/contracts-postgres.json', JSON.stringify({ contracts: CONTRACTS, orgs: ORGS, load: uptime(), results }, null, 2));
    if (EXPLAIN) {
      const out: string[] = [];
      for (const [label, cookie, url] of [...(ONLY !== 'figures' ? register : []), ...(ONLY !== 'register' ? figures : [])]) {
        app.setLabel(label);
        await app.app.inject({ url, headers: { cookie } });
      }
      app.setLabel('');
      await explainStatements(app.pgc, app.captured, out);
      fs.writeFileSync('bench/out/contracts-explain.txt', out.join('\n'));
      log('EXPLAIN ANALYZE of each request’s slowest statement: bench/out/contracts-explain.txt');
    }
    await app.close();
  } finally {
    if (KEEP || REUSE) log(`kept ${scratch.url}`);
    else await scratch.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
