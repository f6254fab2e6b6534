/**
 * npx tsx bench/services.ts [--services 20000] [--orgs 300] [--requests 300] [--keep]
 *
 * The service catalogue at regional scale, on PostgreSQL (issue 11, point 10: catalogue search p95 ≤ 30 ms at
 * 20,000 services). Loads a scratch database: the app's migrations and reference data, N organizations through
 * the directory repository, then the services set-based: ~1,000 distinct service texts (the demo templates
 * with qualifiers) get their search columns from the text pipeline exactly as a write computes them, and one
 * INSERT … SELECT over generate_series spreads them over the providers, categories, districts and pricing
 * modes. Then the real server runs as a child process on it and anonymous catalogue searches are timed over
 * HTTP: text (simplified and traditional), text + category, category, district, browse. Prints p50/p95 beside
 * the target and writes bench/out/services-postgres.json.
 * PostgreSQL: the server at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), on which a
 * scratch database is created and dropped (kept with --keep).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { client, peakRssMb, pct, r1, secs, startServer, summary } from './lib.ts';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { migrate } from '../src/server/platform/db/migrate.ts';
import { sql } from '../src/server/platform/db/sql.ts';
import { seedReferenceData } from '../src/server/modules/reference/service.ts';
import { DirectoryRepository } from '../src/server/modules/directory/repository.ts';
import { generateOrgs } from '../src/server/modules/directory/demo/generator.ts';
import { serviceSearchColumns } from '../src/server/modules/services/repository.ts';
import { SERVICE_TEMPLATES } from '../src/server/modules/services/demo-seed.ts';
import { scratchDatabase } from '../test/helpers/scratch-db.ts';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : 'true') : undefined;
};
const SERVICES = Number(arg('services') ?? 20000);
const ORGS = Number(arg('orgs') ?? 300);
const REQUESTS = Number(arg('requests') ?? 300);
const KEEP = arg('keep') === 'true';
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET_P95 = 30;
const QUALIFIERS = [
  '',
  '快速',
  '专业',
  '第三方',
  '高端',
  '企业',
  '定制',
  '批次',
  '精密',
  '现场',
  '远程',
  '综合',
  '标准化',
  '一站式',
  '加急',
  '年度',
  '国际',
  '工业',
  '实验室',
  '产品',
];
const SUFFIXES = [
  '',
  '服务',
  '（含报告）',
  '套餐',
  '项目',
  '方案',
  '咨询',
  '外包',
  '托管',
  '评估',
  '认证辅导',
  '包年',
  '单次',
  '季度',
  '整体',
  '全流程',
  '专项',
  '定向',
  '升级',
  '基础',
];

const log = (line: string) => console.log(line);

async function load(url: string) {
  const db = await openDatabase({ databaseUrl: url, poolSize: 4 });
  let t = performance.now();
  await migrate(db);
  await seedReferenceData(db);
  const orgs = [...generateOrgs(ORGS, 1111)];
  const repo = new DirectoryRepository(db);
  for (let i = 0; i < orgs.length; i += 500)
    await db.transaction((tx) =>
      repo
        .with(tx)
        .insertMany(orgs.slice(i, i + 500))
        .then(() => undefined),
    );
  log(`migrations, reference data, ${orgs.length} organizations: ${secs(t)} s`);

  t = performance.now();
  const cats = Object.entries(SERVICE_TEMPLATES).flatMap(([category, ts]) => ts.map((x) => ({ category, ...x })));
  const texts: { n: number; category: string; title: string; sub: string; description: string; deliverables: string; mode: string }[] = [];
  for (const q of QUALIFIERS)
    for (const s of SUFFIXES) for (const c of [cats[(texts.length * 7) % cats.length]]) texts.push({ n: texts.length, ...c, title: `${q}${c.title}${s}` });
  await db.query(sql`CREATE TABLE bench_service_texts (n int PRIMARY KEY, category text, title text, sub text, description text, deliverables text, mode text,
    title_folded text, title_pinyin text, doc tsvector)`);
  for (let i = 0; i < texts.length; i += 200) {
    const rows = texts.slice(i, i + 200).map((x) => {
      const s = serviceSearchColumns({ title: x.title, subcategory: x.sub, description: x.description, deliverables: x.deliverables }, x.category, '');
      return sql`(${x.n}, ${x.category}, ${x.title}, ${x.sub}, ${x.description}, ${x.deliverables}, ${x.mode}, ${s.titleFolded}, ${s.titlePinyin}, ${s.document})`;
    });
    await db.query(sql`INSERT INTO bench_service_texts VALUES ${sql.join(rows, ', ')}`);
  }
  // one set-based insert: text n = g mod #texts, provider = g mod #orgs (its district), prices by mode
  await db.query(sql`
    INSERT INTO services (provider_org_id, title, category_code, subcategory, description, deliverables, pricing_mode, price_fen, price_min_fen,
      price_max_fen, turnaround_days, qualifications, district_code, restricted_kind, status, title_folded, title_pinyin, search_document, updated_at)
    SELECT o.id, t.title, t.category, t.sub, t.description, t.deliverables, t.mode,
      CASE WHEN t.mode = 'fixed' THEN 100000 + (g % 97) * 10000 END,
      CASE WHEN t.mode = 'range' THEN 500000 + (g % 89) * 10000 END,
      CASE WHEN t.mode = 'range' THEN 2000000 + (g % 89) * 10000 END,
      1 + g % 60,
      CASE WHEN t.category = 'testing' THEN jsonb_build_array(jsonb_build_object('kind', 'CMA', 'number', '2220' || g, 'validTo', '2028-12-31')) ELSE '[]'::jsonb END,
      o.district_code, NULL, CASE WHEN g % 50 = 0 THEN 'withdrawn' ELSE 'published' END, t.title_folded, t.title_pinyin, t.doc,
      now() - make_interval(mins => g)
    FROM generate_series(1, ${SERVICES}) g
    JOIN bench_service_texts t ON t.n = g % ${texts.length}
    JOIN (SELECT id, district_code, row_number() OVER (ORDER BY id) - 1 AS rn FROM orgs) o ON o.rn = g % ${orgs.length}`);
  await db.query(sql`DROP TABLE bench_service_texts`);
  await db.query(sql`ANALYZE services`);
  const n = (await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM services`)).rows[0].n;
  log(`${n} services (${texts.length} distinct texts, set-based): ${secs(t)} s`);
  const districts = (await db.query<{ d: string }>(sql`SELECT district_code AS d FROM services GROUP BY 1 ORDER BY count(*) DESC LIMIT 3`)).rows.map(
    (r) => r.d,
  );
  await db.close();
  return { services: n, districts };
}

async function main() {
  const { url, drop } = await scratchDatabase(PG_URL, 'kft_sbench');
  const results: Record<string, unknown> = { services: SERVICES, orgs: ORGS, at: new Date().toISOString(), load: os.loadavg() };
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    const loaded = await load(url);
    server = await startServer({ DATABASE_URL: url });
    const anon = client(server.base, '');
    const e = encodeURIComponent;
    const groups: Record<string, string[]> = {
      text: ['检测', '專利', '力学性能检测', '科技查新', '电磁兼容', '中试', '知识产权', 'EMC', '技术合同', '檢驗'].map((q) => `/api/v1/services?q=${e(q)}`),
      textCategory: ['检测', '咨询', '评估'].map((q) => `/api/v1/services?q=${e(q)}&category=testing,info,transfer`),
      category: ['testing', 'rd', 'ip', 'transfer,finance'].map((c) => `/api/v1/services?category=${c}`),
      district: loaded.districts.map((d) => `/api/v1/services?district=${d}`),
      browse: ['/api/v1/services', '/api/v1/services?page=5', '/api/v1/services?pricingMode=quote'],
    };
    const all = Object.entries(groups).flatMap(([g, ps]) => ps.map((p) => ({ g, p })));
    for (const x of all) await anon.get(x.p); // warm-up
    const timed: { g: string; ms: number; total: number }[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const x = all[i % all.length];
      const res = await anon.get<{ total: number }>(x.p);
      if (res.status !== 200) throw new Error(`${x.p}: ${res.status} ${JSON.stringify(res.body)}`);
      timed.push({ g: x.g, ms: res.ms, total: res.body.total });
    }
    const ms = timed.map((x) => x.ms);
    const s = summary(ms);
    const byGroup = Object.fromEntries(Object.keys(groups).map((g) => [g, summary(timed.filter((x) => x.g === g).map((x) => x.ms))]));
    results.search = { ...s, byGroup };
    results.medianTotal = pct(
      timed.map((x) => x.total),
      50,
    );
    results.serverPeakRssMb = r1(peakRssMb(server.child.pid!));
    results.loadAfter = os.loadavg();
    log(
      `catalogue search (${timed.length} × GET /api/v1/services, ${loaded.services} services): p50 ${s.p50} ms, p95 ${s.p95} ms (target ≤ ${TARGET_P95} ms: ${s.p95 <= TARGET_P95 ? 'met' : 'MISSED'}), max ${s.max} ms; median total ${results.medianTotal}`,
    );
    for (const [g, v] of Object.entries(byGroup)) log(`  ${g}: p50 ${v.p50} ms, p95 ${v.p95} ms`);
    log(
      `load average before ${(results.load as number[]).map((x) => x.toFixed(2)).join(' ')}, after ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    fs.mkdirSync(path.resolve('bench/out'), { recursive: true });
    fs.writeFileSync(path.resolve('bench/out/services-postgres.json'), JSON.stringify(results, null, 2));
  } finally {
    server?.child.kill();
    if (!KEEP) await drop();
    else log(`kept ${url}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
