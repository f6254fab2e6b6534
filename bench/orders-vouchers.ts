/**
 * npx tsx bench/orders-vouchers.ts [--services 20000] [--orders 100000] [--orgs 1000] [--buyers 300] [--users 20]
 *                                  [--requests 300] [--seconds 10] [--keep] [--no-explain]
 *
 * Orders and vouchers at regional scale, on PostgreSQL (issue 11, point 10: an order's page p95 ≤ 30 ms, checkout
 * with a voucher p95 ≤ 50 ms, catalogue search p95 ≤ 30 ms, at 100,000 orders and 20,000 services). Loads a scratch
 * database: the app's migrations and reference data, N organizations through the directory repository (the first
 * --buyers of them given a valid 科技型中小企业 recognition: the buyers; the others the providers), the services
 * set-based as bench/services.ts does, then 100,000 orders with their quotes, milestones, deliveries and messages in
 * one INSERT … SELECT over generate_series each, spread over buyers, services (so providers) and every state; members
 * of --users buyers inserted with one password hash. The real server then runs as a child process: a voucher scheme
 * with a large budget is created and a voucher issued to every buyer through the API, and with the members' session
 * cookies, one at a time and interleaved, are timed over HTTP: GET /api/v1/orders/{id}, GET …/{id}/voucher (the
 * checkout's options), POST …/{id}/voucher then DELETE it (checkout with a voucher and back), GET
 * /api/v1/services?q=检测, GET /healthz. Then a load figure: 50 connections for --seconds on GET /api/v1/orders/{id},
 * then on /healthz. Prints p50/p95 beside the targets, writes bench/out/orders-vouchers-postgres.json and (unless
 * --no-explain) EXPLAIN (ANALYZE, BUFFERS) of each request's slowest statement to bench/out/orders-vouchers-explain.txt.
 * PostgreSQL: the server at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), on which a
 * scratch database is created and dropped (kept with --keep).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { ADMIN_PASSWORD, type Client, client, explainStatements, inProcessApp, pct, peakRssMb, r1, secs, signIn, startServer, summary } from './lib.ts';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { migrate } from '../src/server/platform/db/migrate.ts';
import { sql } from '../src/server/platform/db/sql.ts';
import { seedReferenceData } from '../src/server/modules/reference/service.ts';
import { DirectoryRepository } from '../src/server/modules/directory/repository.ts';
import { generateOrgs } from '../src/server/modules/directory/demo/generator.ts';
import { serviceSearchColumns } from '../src/server/modules/services/repository.ts';
import { SERVICE_TEMPLATES } from '../src/server/modules/services/demo-seed.ts';
import { hashPassword } from '../src/server/modules/auth/index.ts';
import { scratchDatabase } from '../test/helpers/scratch-db.ts';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : 'true') : undefined;
};
const SERVICES = Number(arg('services') ?? 20000);
const ORDERS = Number(arg('orders') ?? 100000);
const ORGS = Number(arg('orgs') ?? 1000);
const BUYERS = Number(arg('buyers') ?? 300);
const USERS = Number(arg('users') ?? 20);
const REQUESTS = Number(arg('requests') ?? 300);
const SECONDS = Number(arg('seconds') ?? 10);
const CONNECTIONS = 50;
const KEEP = arg('keep') === 'true';
const EXPLAIN = arg('no-explain') === undefined;
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MEMBER_PASSWORD = 'bench-member-pass';
const TARGETS = { order: 30, checkout: 50, search: 30 };
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
// the states of the orders, by (g / buyers) mod 10, so every buyer has orders in every state
const STATES = ['requested', 'quoted', 'confirmed', 'confirmed', 'delivered', 'accepted', 'paid', 'paid', 'disputed', 'cancelled'];

const log = (line: string) => console.log(line);
const uptime = () => execSync('uptime').toString().trim();

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
  await db.query(sql`CREATE TABLE bench_orgs AS SELECT id, district_code, (row_number() OVER (ORDER BY id) - 1)::int AS rn FROM orgs`);
  // the buyers: a valid 科技型中小企业 recognition (the default eligibility of a scheme)
  await db.query(sql`INSERT INTO org_recognitions (org_id, kind, valid_from, valid_to, certificate_no)
    SELECT id, 'tech_sme', '2025-01-01', '2099-12-31', 'BENCH' || id FROM bench_orgs WHERE rn < ${BUYERS}`);
  log(`migrations, reference data, ${orgs.length} organizations (${BUYERS} tech-SME buyers): ${secs(t)} s`);

  // the services, as bench/services.ts loads them, of the providers only (not the buyers)
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
  const providers = ORGS - BUYERS;
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
    JOIN bench_orgs o ON o.rn = ${BUYERS} + g % ${providers}`);
  await db.query(sql`DROP TABLE bench_service_texts`);
  log(`${SERVICES} services of ${providers} providers (set-based): ${secs(t)} s`);

  // the orders: buyer g mod #buyers, service (so provider) by a stride over the services, the state by (g / #buyers) mod 10
  t = performance.now();
  await db.query(sql`CREATE TABLE bench_services AS SELECT id, provider_org_id, district_code, title, category_code, restricted_kind,
    (row_number() OVER (ORDER BY id) - 1)::int AS rn FROM services`);
  await db.query(sql`
    INSERT INTO orders (order_no, service_id, buyer_org_id, provider_org_id, district_code, title, category_code, restricted_kind, requirement, status,
      quote, total_fen, invoice_no, confirmed_at, delivered_at, accepted_at, paid_at, cancel_reason, dispute_reason, buyer_rating, created_at, updated_at)
    SELECT 'FW' || to_char(now() - make_interval(mins => g), 'YYYYMMDD') || '-' || lpad(g::text, 6, '0'),
      s.id, b.id, s.provider_org_id, s.district_code, s.title, s.category_code, s.restricted_kind,
      '需求说明：' || s.title || '，样品第 ' || g || ' 批，请按国家标准出具报告并注明检测依据。', st.status,
      CASE WHEN st.status IN ('requested') THEN NULL ELSE jsonb_build_object(
        'lines', jsonb_build_array(jsonb_build_object('name', s.title, 'quantity', 1, 'unitFen', a.amt, 'amountFen', a.amt)),
        'subtotalFen', a.amt, 'taxFen', 0, 'totalFen', a.amt, 'note', '') END,
      CASE WHEN st.status IN ('requested') THEN 0 ELSE a.amt END,
      CASE WHEN st.status = 'paid' THEN '5000' || g || '2026' END,
      CASE WHEN st.status IN ('confirmed','delivered','accepted','paid','disputed') THEN now() - make_interval(mins => g) + interval '1 day' END,
      CASE WHEN st.status IN ('delivered','accepted','paid','disputed') THEN now() - make_interval(mins => g) + interval '5 days' END,
      CASE WHEN st.status IN ('accepted','paid') THEN now() - make_interval(mins => g) + interval '6 days' END,
      CASE WHEN st.status = 'paid' THEN now() - make_interval(mins => g) + interval '7 days' END,
      CASE WHEN st.status = 'cancelled' THEN '需求变更，取消本次委托' END,
      CASE WHEN st.status = 'disputed' THEN '报告缺少检测依据' END,
      CASE WHEN st.status = 'paid' THEN 1 + g % 5 END,
      now() - make_interval(mins => g), now() - make_interval(mins => g)
    FROM generate_series(1, ${ORDERS}) g
    CROSS JOIN LATERAL (SELECT (ARRAY[${sql.join(
      STATES.map((x) => sql`${x}`),
      ', ',
    )}]::text[])[1 + (g / ${BUYERS}) % 10] AS status) st
    CROSS JOIN LATERAL (SELECT (100000 + (g % 97) * 10000)::bigint AS amt) a
    JOIN bench_orgs b ON b.rn = g % ${BUYERS}
    JOIN bench_services s ON s.rn = (g::bigint * 7919) % ${SERVICES}`);
  await db.query(sql`INSERT INTO order_milestones (order_id, title, due_on, done_at, created_at)
    SELECT o.id, m.title, (o.created_at + m.days * interval '1 day')::date, CASE WHEN o.status IN ('accepted','paid') THEN o.created_at + m.days * interval '1 day' END, o.created_at
    FROM orders o CROSS JOIN (VALUES ('样品接收', 2), ('出具报告', 5)) m(title, days)
    WHERE o.status NOT IN ('requested','quoted','cancelled')`);
  await db.query(sql`INSERT INTO order_deliverables (order_id, round, note, created_at)
    SELECT id, 1, '检测报告已上传，请查收。', delivered_at FROM orders WHERE delivered_at IS NOT NULL`);
  await db.query(sql`INSERT INTO order_messages (order_id, author_org_id, body, created_at)
    SELECT o.id, CASE WHEN k = 1 THEN o.buyer_org_id ELSE o.provider_org_id END,
      CASE WHEN k = 1 THEN '请问样品需要寄送多少份？' WHEN k = 2 THEN '三份即可，请注明批号。' ELSE '已寄出，请查收。' END, o.created_at + k * interval '1 hour'
    FROM orders o CROSS JOIN generate_series(1, 3) k`);
  // members of the first buyers: one password hash for all
  const hash = await hashPassword(MEMBER_PASSWORD);
  await db.query(sql`INSERT INTO users (username, password_hash, role, display_name, org_id)
    SELECT 'bench-buyer-' || rn, ${hash}, 'org_member', '采购员' || rn, id FROM bench_orgs WHERE rn < ${USERS}`);
  await db.query(sql`DROP TABLE bench_services`);
  await db.query(sql`ANALYZE`);
  const count = async (table: string) => (await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`)).rows[0].n;
  const scale = {
    orgs: await count('orgs'),
    services: await count('services'),
    orders: await count('orders'),
    milestones: await count('order_milestones'),
    deliverables: await count('order_deliverables'),
    messages: await count('order_messages'),
    byStatus: Object.fromEntries(
      (await db.query<{ status: string; n: number }>(sql`SELECT status, count(*)::int AS n FROM orders GROUP BY 1 ORDER BY 1`)).rows.map((r) => [
        r.status,
        r.n,
      ]),
    ),
  };
  log(
    `${scale.orders} orders (${Object.entries(scale.byStatus)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}), ${scale.milestones} milestones, ${scale.deliverables} deliveries, ${scale.messages} messages (set-based): ${secs(t)} s`,
  );
  const members = (
    await db.query<{ username: string; org_id: number }>(
      sql`SELECT 'bench-buyer-' || rn AS username, id::int AS org_id FROM bench_orgs WHERE rn < ${USERS} ORDER BY rn`,
    )
  ).rows;
  const buyers = (await db.query<{ id: number }>(sql`SELECT id::int AS id FROM bench_orgs WHERE rn < ${BUYERS} ORDER BY rn`)).rows.map((r) => r.id);
  const orders = (
    await db.query<{ id: number; buyer: number; status: string }>(
      sql`SELECT o.id::int AS id, o.buyer_org_id::int AS buyer, o.status FROM orders o JOIN bench_orgs b ON b.id = o.buyer_org_id AND b.rn < ${USERS} ORDER BY o.id`,
    )
  ).rows;
  await db.query(sql`DROP TABLE bench_orgs`);
  await db.close();
  return { scale, members, buyers, orders };
}

/** `connections` loops, each one request at a time, for `seconds`: requests per second and latency percentiles. */
async function loadFigure(base: string, paths: () => string, cookie: string, seconds: number, connections: number) {
  const ms: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const s = performance.now();
        const res = await fetch(base + paths(), { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
        ms.push(performance.now() - s);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return { connections, seconds: r1(elapsed), requests: ms.length, rps: Math.round(ms.length / elapsed), p50: r1(pct(ms, 50)), p99: r1(pct(ms, 99)), errors };
}

async function main() {
  const uptimeBefore = uptime();
  log(`uptime before: ${uptimeBefore}`);
  const { url, drop } = await scratchDatabase(PG_URL, 'kft_ovbench');
  const results: Record<string, unknown> = { at: new Date().toISOString(), uptimeBefore, load: os.loadavg() };
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    const loaded = await load(url);
    results.scale = loaded.scale;
    // the writes of one benchmark user go far beyond 120 a minute: the limiter still runs, with a high ceiling
    server = await startServer({ DATABASE_URL: url, RATE_LIMIT_WRITES_PER_MINUTE: '100000', RATE_LIMIT_LOGINS_PER_MINUTE: '1000' });
    const base = server.base;
    const admin = await signIn(base, 'admin', ADMIN_PASSWORD);
    let t = performance.now();
    const scheme = await admin.post<{ id: number }>('/api/v1/voucher-schemes', { name: '2026 年度科技创新券（基准）', budgetFen: 10_000_000_000_00 });
    if (scheme.status !== 201) throw new Error(`scheme: ${scheme.status} ${JSON.stringify(scheme.body)}`);
    const voucherOf = new Map<number, number>();
    for (const holderOrgId of loaded.buyers) {
      const v = await admin.post<{ id: number }>('/api/v1/vouchers', { schemeId: scheme.body.id, holderOrgId, amountFen: 200_000_00 });
      if (v.status !== 201) throw new Error(`issue to ${holderOrgId}: ${v.status} ${JSON.stringify(v.body)}`);
      voucherOf.set(holderOrgId, v.body.id);
    }
    log(`a scheme and ${voucherOf.size} vouchers issued through the API: ${secs(t)} s`);

    const members: { c: Client; orgId: number; cookie: string; all: number[]; payable: number[] }[] = [];
    for (const m of loaded.members) {
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: m.username, password: MEMBER_PASSWORD }),
      });
      if (!login.ok) throw new Error(`login ${m.username}: ${login.status}`);
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const c = client(base, cookie);
      const mine = loaded.orders.filter((o) => o.buyer === m.org_id);
      members.push({ c, orgId: m.org_id, cookie, all: mine.map((o) => o.id), payable: mine.filter((o) => o.status === 'confirmed').map((o) => o.id) });
    }
    // the checkout's orders: confirmed orders whose buyer's voucher is usable there (a related provider refuses it)
    const usable: { m: (typeof members)[number]; orderId: number }[] = [];
    for (const m of members)
      for (const orderId of m.payable.slice(0, 10)) {
        const o = await m.c.get<{ options: { usable: boolean }[] }>(`/api/v1/orders/${orderId}/voucher`);
        if (o.status !== 200) throw new Error(`options ${orderId}: ${o.status} ${JSON.stringify(o.body)}`);
        if (o.body.options.some((x) => x.usable)) usable.push({ m, orderId });
      }
    log(`${members.length} members signed in; ${usable.length} of their confirmed orders take their voucher`);

    const anon = members[0].c;
    const times: Record<string, number[]> = { order: [], options: [], checkout: [], remove: [], search: [], healthz: [] };
    const check = (label: string, status: number, body: unknown, want = 200) => {
      if (status !== want) throw new Error(`${label}: ${status} ${JSON.stringify(body).slice(0, 500)}`);
    };
    const round = async (i: number, record: boolean) => {
      const m = members[i % members.length];
      const orderId = m.all[(i * 37) % m.all.length];
      const u = usable[i % usable.length];
      const a = await m.c.get(`/api/v1/orders/${orderId}`);
      check('order', a.status, a.body);
      const b = await u.m.c.get(`/api/v1/orders/${u.orderId}/voucher`);
      check('options', b.status, b.body);
      const c = await u.m.c.post<{ applied: unknown }>(`/api/v1/orders/${u.orderId}/voucher`, { voucherId: voucherOf.get(u.m.orgId) });
      check('checkout', c.status, c.body);
      const d = await u.m.c.delete(`/api/v1/orders/${u.orderId}/voucher`);
      check('remove', d.status, d.body);
      const e = await anon.get('/api/v1/services?q=%E6%A3%80%E6%B5%8B');
      check('search', e.status, e.body);
      const f = await anon.get('/healthz');
      check('healthz', f.status, f.body);
      if (record)
        for (const [k, r] of Object.entries({ order: a, options: b, checkout: c, remove: d, search: e, healthz: f }) as [string, { ms: number }][])
          times[k].push(r.ms);
    };
    for (let i = 0; i < 20; i++) await round(i, false); // warm-up
    t = performance.now();
    for (let i = 0; i < REQUESTS; i++) await round(i + 20, true);
    log(`${REQUESTS} rounds of six requests, one at a time: ${secs(t)} s`);
    const figures = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, summary(v)]));
    results.sequential = figures;
    const names: Record<string, string> = {
      order: 'GET /api/v1/orders/{id} (order page)',
      options: 'GET /api/v1/orders/{id}/voucher (checkout options)',
      checkout: 'POST /api/v1/orders/{id}/voucher (checkout with a voucher)',
      remove: 'DELETE /api/v1/orders/{id}/voucher',
      search: 'GET /api/v1/services?q=检测',
      healthz: 'GET /healthz (bare route)',
    };
    for (const [k, s] of Object.entries(figures)) {
      const target = TARGETS[k as keyof typeof TARGETS];
      log(
        `  ${names[k]}: n ${s.n}, p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms${target ? ` (target p95 ≤ ${target} ms: ${s.p95 <= target ? 'met' : 'MISSED'})` : ''}`,
      );
    }

    // load: 50 connections on an order's page, then on the bare route
    let k = 0;
    const m0 = members[0];
    const orderLoad = await loadFigure(base, () => `/api/v1/orders/${m0.all[k++ % m0.all.length]}`, m0.cookie, SECONDS, CONNECTIONS);
    const healthLoad = await loadFigure(base, () => '/healthz', m0.cookie, SECONDS, CONNECTIONS);
    results.loadTest = { order: orderLoad, healthz: healthLoad };
    log(
      `  load, ${CONNECTIONS} connections × ${SECONDS} s, GET /api/v1/orders/{id}: ${orderLoad.rps} req/s, p50 ${orderLoad.p50} ms, p99 ${orderLoad.p99} ms, errors ${orderLoad.errors}`,
    );
    log(
      `  load, ${CONNECTIONS} connections × ${SECONDS} s, GET /healthz: ${healthLoad.rps} req/s, p50 ${healthLoad.p50} ms, p99 ${healthLoad.p99} ms, errors ${healthLoad.errors}`,
    );
    results.serverPeakRssMb = r1(peakRssMb(server.child.pid!));
    server.child.kill();
    server = null;

    if (EXPLAIN) {
      const { app, captured, pgc, setLabel, close } = await inProcessApp(url);
      const out: string[] = [];
      try {
        const login = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: loaded.members[0].username, password: MEMBER_PASSWORD },
        });
        const cookie = String(login.headers['set-cookie']).split(';')[0];
        const u = usable.find((x) => x.m.orgId === m0.orgId) ?? usable[0];
        const reqs: { label: string; method: 'GET' | 'POST' | 'DELETE'; url: string; body?: unknown }[] = [
          { label: 'order page', method: 'GET', url: `/api/v1/orders/${m0.all[7]}` },
          { label: 'checkout options', method: 'GET', url: `/api/v1/orders/${u.orderId}/voucher` },
          { label: 'checkout with a voucher', method: 'POST', url: `/api/v1/orders/${u.orderId}/voucher`, body: { voucherId: voucherOf.get(u.m.orgId) } },
          { label: 'voucher taken off', method: 'DELETE', url: `/api/v1/orders/${u.orderId}/voucher` },
          { label: 'catalogue search 检测', method: 'GET', url: '/api/v1/services?q=%E6%A3%80%E6%B5%8B' },
        ];
        for (const q of reqs) await app.inject({ method: q.method, url: q.url, headers: { cookie }, payload: q.body as never });
        for (const q of reqs) {
          setLabel(q.label);
          const t0 = performance.now();
          const res = await app.inject({ method: q.method, url: q.url, headers: { cookie }, payload: q.body as never });
          setLabel('');
          out.push(`### ${q.label}: ${q.method} ${decodeURIComponent(q.url)} → ${res.statusCode} in ${r1(performance.now() - t0)} ms (in process)`);
        }
        out.push('');
        await explainStatements(pgc, captured, out, 2000);
      } finally {
        await close();
      }
      fs.mkdirSync(path.resolve('bench/out'), { recursive: true });
      fs.writeFileSync(path.resolve('bench/out/orders-vouchers-explain.txt'), out.join('\n'));
      log('EXPLAIN (ANALYZE, BUFFERS) of each request’s slowest statements: bench/out/orders-vouchers-explain.txt');
    }
    results.uptimeAfter = uptime();
    log(`uptime after: ${results.uptimeAfter}`);
    fs.mkdirSync(path.resolve('bench/out'), { recursive: true });
    fs.writeFileSync(path.resolve('bench/out/orders-vouchers-postgres.json'), JSON.stringify(results, null, 2));
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
