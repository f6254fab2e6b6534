/**
 * npx tsx bench/instruments.ts [--engine postgres|pglite] [--instruments 20000] [--bookings 1000000] [--orgs 300]
 *                             [--keep] [--load-only] [--explain [only]] [--database-url postgres://…/kft_ibench_… (reuse a loaded database)]
 *                             [--load-into postgres://… (load into a database that already holds other data: bench/load.ts)]
 *
 * Shared instruments at regional scale. Loads a fresh database directly (the app's migrations and
 * reference data, 300 owner organizations through the directory repository, N generated instruments
 * with their search columns computed by the text pipeline exactly as the service writes them, their
 * weekly hours, and M bookings over two years — one back, one ahead — that never overlap per
 * instrument), then starts the real server as a child process on it and times over HTTP:
 *   - availability search: GET /api/v1/instruments?freeFrom=&freeTo=&minHours= (with and without q, class, district)
 *   - booking: sequential POST /api/v1/bookings of one item at a free time (found first, not timed)
 *   - conflicting booking: rounds of simultaneous POSTs for one slot (exactly one may win, the rest 409)
 *   - sharing indicators for the calendar year (and the last 365 days, not month-aligned):
 *     GET /api/v1/instrument-stats?groupBy=instrument|owner|district
 * Prints the figures beside their targets with the data scale; writes bench/out/instruments-<engine>.json.
 * --explain: afterwards, runs one request of each kind through the app in this process with every SQL
 * statement captured and timed, and writes EXPLAIN (ANALYZE, BUFFERS) of the slowest ones to
 * bench/out/instruments-explain-<engine>.txt (writes run inside a transaction that is rolled back).
 * --engine pglite: the same against the embedded engine in a temporary DATA_DIR (defaults 2,000 instruments,
 * 100,000 bookings; no --explain).
 * PostgreSQL: the server at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), on
 * which a scratch database is created and dropped (kept with --keep).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ADMIN_PASSWORD, client, explainStatements, inProcessApp, pct, peakRssMb, r1, secs, startServer, summary, type Client } from './lib.ts';
import { openDatabase, type Database, type Queryable } from '../src/server/platform/db/database.ts';
import { migrate } from '../src/server/platform/db/migrate.ts';
import { sql, Sql } from '../src/server/platform/db/sql.ts';
import { seedReferenceData } from '../src/server/modules/reference/service.ts';
import { DirectoryRepository } from '../src/server/modules/directory/repository.ts';
import { generateOrgs, rng } from '../src/server/modules/directory/demo/generator.ts';
import { generateDemoInstruments, type DemoInstrument } from '../src/server/modules/instruments/demo.ts';
import { InstrumentRepository, searchColumns, weeklyMinutes, weeklyRows } from '../src/server/modules/instruments/repository.ts';
import { scratchDatabase } from '../test/helpers/scratch-db.ts';
import type { OrgInput } from '../src/server/modules/directory/schemas.ts';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : 'true') : undefined;
};
const ENGINE = (arg('engine') ?? 'postgres') as 'postgres' | 'pglite';
const SMALL = ENGINE === 'pglite';
const INSTRUMENTS = Number(arg('instruments') ?? (SMALL ? 2000 : 20000));
const BOOKINGS = Number(arg('bookings') ?? (SMALL ? 100000 : 1000000));
const ORGS = Number(arg('orgs') ?? 300);
const KEEP = arg('keep') === 'true';
const LOAD_INTO = arg('load-into');
const REUSE_URL = LOAD_INTO ? undefined : arg('database-url');
const LOAD_ONLY = arg('load-only') === 'true';
const EXPLAIN = arg('explain') !== undefined;
const EXPLAIN_ONLY = arg('explain') === 'only';
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const OUT = path.resolve('bench/out');
const TARGETS = { searchP95: 50, bookingP95: 20, statsP95: 200 };

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const TZ_OFFSET = 8 * HOUR; // Asia/Shanghai, no daylight saving
const NOW = Date.now();
/** Local midnight (Asia/Shanghai) of the day containing t, as epoch ms. */
const localMidnight = (t: number) => Math.floor((t + TZ_OFFSET) / DAY) * DAY - TZ_OFFSET;
const TODAY = localMidnight(NOW);
const FROM_DAY = TODAY - 365 * DAY;
const TO_DAY = TODAY + 365 * DAY;
const clockMs = (c: string) => (Number(c.slice(0, 2)) * 60 + Number(c.slice(3, 5))) * 60_000;
/** ISO instant with the +08:00 offset, as the pages send them. */
const iso = (t: number) => new Date(t + TZ_OFFSET).toISOString().replace(/\.\d{3}Z$/, '+08:00');

const log = (line: string) => console.log(line);

// ------------------------------------------------------------------ loading

interface Loaded {
  instruments: number;
  bookings: number;
  weeklyRows: number;
  seconds: Record<string, number>;
}

interface Owner {
  id: number;
  name: string;
  districtCode: string | null;
  address: string | null;
}

async function load(db: Database, raw: Queryable & { rawQuery: (text: string, values?: unknown[]) => Promise<unknown> }): Promise<Loaded> {
  const seconds: Record<string, number> = {};
  let t = performance.now();
  await migrate(db);
  await seedReferenceData(db);
  seconds.migrate = +secs(t);

  t = performance.now();
  // owners of instruments: the generated organizations that do research or testing
  const orgs: OrgInput[] = [];
  for (const o of generateOrgs(ORGS * 20, 4242)) if (o.categories.some((c) => c === 'rd' || c === 'testing') && orgs.push(o) >= ORGS) break;
  const repo = new DirectoryRepository(db);
  for (let i = 0; i < orgs.length; i += 500)
    await db.transaction((tx) =>
      repo
        .with(tx)
        .insertMany(orgs.slice(i, i + 500))
        .then(() => undefined),
    );
  const owners = (await db.query<Owner>(sql`SELECT id, name, district_code AS "districtCode", address FROM orgs ORDER BY id`)).rows;
  // one bench user per organization (org members): bookings by a user of the owner are internal
  await db.query(sql`INSERT INTO users (username, password_hash, role, display_name, org_id)
    SELECT 'bench-' || id, 'not-a-hash', 'org_member', '测试用户' || id, id FROM orgs`);
  const userOfOrg = new Map(
    (await db.query<{ id: number; orgId: number }>(sql`SELECT id, org_id AS "orgId" FROM users WHERE username LIKE 'bench-%'`)).rows.map((u) => [
      u.orgId,
      u.id,
    ]),
  );
  seconds.orgs = +secs(t);

  // instruments: the generator, then one INSERT per 1,000 with the search columns of the text pipeline
  t = performance.now();
  const instruments = generateDemoInstruments(owners, INSTRUMENTS, 20240601);
  const classNames = new Map(
    (await db.query<{ code: string; name: string }>(sql`SELECT code, name_zh AS name FROM instrument_classes`)).rows.map((c) => [c.code, c.name]),
  );
  const ownerById = new Map(owners.map((o) => [o.id, o]));
  // ids drawn from the sequence first, so each instrument's id is known without relying on RETURNING order
  const ids = (await db.query<{ id: number }>(sql`SELECT nextval('instruments_id_seq') AS id FROM generate_series(1, ${instruments.length}::int)`)).rows.map(
    (r) => Number(r.id),
  );
  // the repository's own column list and values (private: its insert writes one row at a time), so the
  // rows are exactly what the service writes
  const repoWrite = new InstrumentRepository(db) as unknown as { columnList(): Sql; values(x: DemoInstrument): Sql };
  // PGlite's protocol parser reads the parameter count as a signed 16-bit number: stay under 32,768 parameters
  const perInsert = db.engine === 'pglite' ? 500 : 1000;
  for (let i = 0; i < instruments.length; i += perInsert) {
    const rows = instruments.slice(i, i + perInsert).map((x, j) => {
      const c = searchColumns(x, classNames.get(x.classCode)!, ownerById.get(x.ownerOrgId)!.name);
      return sql`(${ids[i + j]}, ${repoWrite.values(x)}, ${c.nameFolded}, ${c.namePinyin}, ${c.document}, ${weeklyMinutes(x.openingHours)}::int[])`;
    });
    await db.query(sql`INSERT INTO instruments (id, ${repoWrite.columnList()}, name_folded, name_pinyin, search_document, weekly_open_minutes)
      VALUES ${sql.join(rows)}`);
  }
  const week = { id: [] as number[], day: [] as number[], opens: [] as string[], closes: [] as string[] };
  instruments.forEach((x, i) => {
    for (const w of weeklyRows(x.openingHours)) {
      week.id.push(ids[i]);
      week.day.push(w.weekday);
      week.opens.push(w.opens);
      week.closes.push(w.closes);
    }
  });
  for (let i = 0; i < week.id.length; i += 20000) {
    await raw.rawQuery(
      `INSERT INTO instrument_weekly_hours (instrument_id, weekday, opens, closes)
      SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::time[], $4::time[])`,
      [week.id.slice(i, i + 20000), week.day.slice(i, i + 20000), week.opens.slice(i, i + 20000), week.closes.slice(i, i + 20000)],
    );
  }
  seconds.instruments = +secs(t);

  // bookings: generated per instrument into an unlogged staging table, then copied into bookings in the
  // order they would have been made (created_at), so ids and the table's physical order follow time as
  // in a live system; without secondary indexes and constraints while loading, then rebuilt as defined
  t = performance.now();
  const saved = await dropBookingIndexes(raw);
  await raw.rawQuery(`CREATE UNLOGGED TABLE bookings_load (${BOOKING_COLUMNS.map(([c, type]) => `${c} ${type}`).join(', ')})`);
  let inserted = 0;
  let pending: Promise<unknown> = Promise.resolve();
  for (const batch of generateBookings(
    instruments,
    ids,
    owners.map((o) => o.id),
    userOfOrg,
    BOOKINGS,
    5000,
  )) {
    await pending; // one batch in the database while the next is generated
    pending = raw.rawQuery(BOOKING_INSERT, batch.columns);
    inserted += batch.count;
    if (inserted % 200000 < batch.count) log(`  … ${inserted.toLocaleString()} bookings generated (${secs(t)} s)`);
  }
  await pending;
  const cols = BOOKING_COLUMNS.map(([c]) => c).join(', ');
  await raw.rawQuery(`INSERT INTO bookings (${cols}) SELECT ${cols} FROM bookings_load ORDER BY created_at`);
  await raw.rawQuery('DROP TABLE bookings_load');
  seconds.bookingsInsert = +secs(t);
  const t2 = performance.now();
  await restoreBookingIndexes(raw, saved);
  seconds.bookingsIndexes = +secs(t2);
  // the migration's own rebuild of the usage rollup (its triggers were off during the load), when there is one
  const t4 = performance.now();
  const rebuild = (await raw.rawQuery(`SELECT to_regproc('rebuild_instrument_usage') IS NOT NULL AS present`)) as { rows: { present: boolean }[] };
  if (rebuild.rows[0].present) await raw.rawQuery('SELECT rebuild_instrument_usage()');
  seconds.usageRollup = +secs(t4);
  const t3 = performance.now();
  await raw.rawQuery('VACUUM ANALYZE');
  seconds.vacuumAnalyze = +secs(t3);
  seconds.bookings = +secs(t);
  return { instruments: ids.length, bookings: inserted, weeklyRows: week.id.length, seconds };
}

const BOOKING_COLUMNS = [
  ['cart_id', 'uuid'],
  ['instrument_id', 'bigint'],
  ['owner_org_id', 'bigint'],
  ['user_id', 'bigint'],
  ['user_org_id', 'bigint'],
  ['during', 'tstzrange'],
  ['quantity', 'int'],
  ['purpose', 'text'],
  ['status', 'text'],
  ['external', 'boolean'],
  ['estimated_fen', 'bigint'],
  ['price_fen', 'bigint'],
  ['expires_at', 'timestamptz'],
  ['decided_by', 'bigint'],
  ['decided_at', 'timestamptz'],
  ['cancelled_by', 'bigint'],
  ['cancelled_at', 'timestamptz'],
  ['actual_start', 'timestamptz'],
  ['actual_end', 'timestamptz'],
  ['usage_recorded_by', 'bigint'],
  ['reminder_sent_at', 'timestamptz'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
] as const;
const BOOKING_INSERT = `INSERT INTO bookings_load (${BOOKING_COLUMNS.map((c) => c[0]).join(', ')})
  SELECT * FROM unnest(${BOOKING_COLUMNS.map((c, i) => `$${i + 1}::${c[1]}[]`).join(', ')})`;

const PURPOSES = [
  '课题组样品测试',
  '国家自然科学基金项目实验',
  '企业新产品研发检测',
  '硕士论文实验',
  '博士论文表征测试',
  '委托检测',
  '工艺参数优化试验',
  '产品质量抽检复测',
  '横向合作项目测试',
  '重庆市科技计划项目实验',
  '失效分析',
  '来料检验',
  '方法开发与验证',
  '中试样品检测',
  '教学实验',
];

/**
 * Bookings per instrument, sorted and never overlapping: an instrument's share of the total follows a
 * skewed activity weight (a few instruments are busy, most are quiet); each booking lies inside one
 * opening interval of the weekly template, in 30-minute steps, between the minimum and maximum length.
 * Past bookings are mostly completed (with actual times and a price), future ones confirmed or pending.
 */
function* generateBookings(instruments: DemoInstrument[], ids: number[], orgIds: number[], userOfOrg: Map<number, number>, total: number, batchSize: number) {
  const r = rng(99);
  const hex = () =>
    Math.floor(r.next() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  const uuid = () => {
    const h = hex() + hex() + hex() + hex();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  // activity weights: log-normal-ish; retired instruments get a third of the weight
  const weights = instruments.map((x) => Math.exp(0.9 * (r.next() + r.next() + r.next() - 1.5) * 2) * (x.status === 'retired' ? 0.3 : 1));
  const sumW = weights.reduce((a, b) => a + b, 0);
  const cols = () => BOOKING_COLUMNS.map(() => [] as unknown[]);
  let batch = cols();
  let count = 0;
  let cumW = 0;
  for (let k = 0; k < instruments.length; k++) {
    const x = instruments[k];
    // open intervals over the two years
    const intervals: [number, number][] = [];
    for (let day = FROM_DAY; day < TO_DAY; day += DAY) {
      const wd = (new Date(day + TZ_OFFSET).getUTCDay() + 6) % 7; // Monday 0
      for (const [a, b] of x.openingHours[wd]) intervals.push([day + clockMs(a), day + clockMs(b)]);
    }
    // cumulative rounding: the shares add up to exactly the total
    const wanted = Math.round(((cumW + weights[k]) * total) / sumW) - Math.round((cumW * total) / sumW);
    cumW += weights[k];
    if (!intervals.length || !wanted) continue;
    const perInterval = Math.floor(wanted / intervals.length);
    let extra = wanted - perInterval * intervals.length; // intervals that take one more, chosen by selection sampling
    const step = 30 * 60_000;
    for (let j = 0; j < intervals.length; j++) {
      let n = perInterval;
      if (extra > 0 && r.next() < extra / (intervals.length - j)) {
        n++;
        extra--;
      }
      if (!n) continue;
      const [open, close] = intervals[j];
      const slots = Math.floor((close - open) / step);
      const minSlots = Math.ceil(x.minBookingMinutes / 30);
      const maxSlots = Math.max(minSlots, Math.floor(x.maxBookingMinutes / 30));
      n = Math.min(n, Math.floor(slots / minSlots));
      let cursor = 0; // in slots from open
      for (let b = 0; b < n; b++) {
        const room = slots - cursor - (n - b - 1) * minSlots; // leave room for the ones still to place
        const len = Math.min(maxSlots, minSlots + Math.floor(r.next() * Math.max(1, Math.min(maxSlots, room) - minSlots + 1)));
        const gapMax = room - len;
        const gap = gapMax > 0 ? Math.floor(r.next() * r.next() * (gapMax + 1)) : 0;
        const start = open + (cursor + gap) * step;
        const end = start + len * step;
        cursor += gap + len;
        pushBooking(batch, x, ids[k], start, end);
        if (++count % batchSize === 0) {
          yield { columns: batch, count: batchSize };
          batch = cols();
        }
      }
    }
  }
  if (count % batchSize) yield { columns: batch, count: count % batchSize };

  function pushBooking(c: unknown[][], x: DemoInstrument, instrumentId: number, start: number, end: number) {
    const external = r.chance(0.3);
    let userOrg = x.ownerOrgId;
    if (external) while (userOrg === x.ownerOrgId && orgIds.length > 1) userOrg = r.pick(orgIds);
    const user = userOfOrg.get(userOrg)!;
    const ownerUser = userOfOrg.get(x.ownerOrgId)!;
    const hours = (end - start) / HOUR;
    let status: string;
    if (end <= NOW)
      status = pickWeighted([
        ['completed', 86],
        ['cancelled', 6],
        ['declined', 2],
        ['no_show', 2],
        ['expired', 4],
      ]);
    else if (start <= NOW) status = 'in_use';
    else
      status = x.needsApproval
        ? pickWeighted([
            ['confirmed', 68],
            ['pending', 22],
            ['cancelled', 10],
          ])
        : pickWeighted([
            ['confirmed', 90],
            ['cancelled', 10],
          ]);
    // quantity and estimate as the price rules say: samples, cores or GPUs; off-peak hours outside the peak window
    let quantity = 1;
    if (x.priceUnit === 'sample') quantity = r.int(1, 12);
    else if (x.priceUnit === 'core_hour') quantity = r.pick([32, 64, 128, 256, 512, 1024]);
    else if (x.priceUnit === 'gpu_hour') quantity = r.pick([1, 2, 4, 8]);
    const unit = external ? x.priceExternalFen : x.priceInternalFen;
    let estimated: number;
    if (x.priceUnit === 'sample') estimated = quantity * unit;
    else if (x.offPeakPriceFen != null && x.peakStart && x.peakEnd) {
      const day = localMidnight(start);
      const peak = Math.max(0, Math.min(end, day + clockMs(x.peakEnd)) - Math.max(start, day + clockMs(x.peakStart))) / HOUR;
      estimated = Math.round(quantity * (peak * unit + (hours - peak) * Math.min(unit, x.offPeakPriceFen)));
    } else estimated = Math.round(quantity * hours * unit);
    const created = Math.min(NOW - 60_000, start - Math.floor(r.next() * 14 * DAY) - HOUR);
    const decided =
      ['confirmed', 'completed', 'in_use', 'declined', 'no_show'].includes(status) && x.needsApproval ? created + Math.floor(r.next() * 20 * HOUR) : null;
    const cancelled = status === 'cancelled' ? Math.min(NOW - 1000, created + Math.floor(r.next() * (start - created))) : null;
    const completed = status === 'completed';
    const actualStart = completed || status === 'in_use' ? start + r.int(-10, 15) * 60_000 : null;
    const actualEnd = completed ? Math.max(actualStart! + 15 * 60_000, end + r.int(-30, 10) * 60_000) : null;
    const holding = ['pending', 'confirmed', 'in_use', 'completed'].includes(status);
    const values: unknown[] = [
      uuid(),
      instrumentId,
      x.ownerOrgId,
      user,
      userOrg,
      `[${iso(start)},${iso(end)})`,
      quantity,
      r.pick(PURPOSES),
      status,
      external,
      estimated,
      completed ? estimated : null,
      status === 'pending' ? iso(Math.min(start, NOW + r.int(24, 72) * HOUR)) : null,
      decided != null ? ownerUser : null,
      decided != null ? iso(Math.min(decided, NOW - 1000)) : null,
      cancelled != null ? (r.chance(0.7) ? user : ownerUser) : null,
      cancelled != null ? iso(cancelled) : null,
      actualStart != null ? iso(actualStart) : null,
      actualEnd != null ? iso(actualEnd) : null,
      completed ? ownerUser : null,
      // reminders were sent for everything that starts before tomorrow, so no reminder job wakes up on the load
      holding && start < NOW + DAY ? iso(Math.min(NOW - 1000, start - DAY)) : null,
      iso(created),
      iso(Math.min(NOW - 1000, Math.max(created, completed ? actualEnd! : (decided ?? cancelled ?? created)))),
    ];
    values.forEach((v, i) => c[i].push(v));
  }
  function pickWeighted(items: [string, number][]): string {
    let v = r.next() * items.reduce((s, [, w]) => s + w, 0);
    for (const [s, w] of items) {
      v -= w;
      if (v < 0) return s;
    }
    return items[0][0];
  }
}

interface SavedIndexes {
  indexes: { name: string; def: string }[];
  constraints: { name: string; def: string }[];
}

/** Drops the bookings table's secondary indexes and its exclusion and foreign-key constraints (kept to be restored). */
async function dropBookingIndexes(raw: { rawQuery: (text: string, values?: unknown[]) => Promise<unknown> }): Promise<SavedIndexes> {
  const cons = (await raw.rawQuery(`SELECT conname AS name, pg_get_constraintdef(oid) AS def, conindid FROM pg_constraint
    WHERE conrelid = 'bookings'::regclass AND contype IN ('x', 'f') ORDER BY contype DESC, conname`)) as { rows: { name: string; def: string }[] };
  const idx = (await raw.rawQuery(`SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
    WHERE i.tablename = 'bookings' AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'bookings'::regclass AND contype IN ('p', 'x', 'u'))
    ORDER BY i.indexname`)) as { rows: { name: string; def: string }[] };
  // user triggers (the usage rollup) are off during the load; restoreBookingIndexes rebuilds the rollup
  await raw.rawQuery('ALTER TABLE bookings DISABLE TRIGGER USER');
  for (const c of cons.rows) await raw.rawQuery(`ALTER TABLE bookings DROP CONSTRAINT ${c.name}`);
  for (const i of idx.rows) await raw.rawQuery(`DROP INDEX ${i.name}`);
  return { indexes: idx.rows, constraints: cons.rows };
}

async function restoreBookingIndexes(raw: { rawQuery: (text: string, values?: unknown[]) => Promise<unknown> }, saved: SavedIndexes): Promise<void> {
  // the exclusion constraint first: rebuilding it also proves the generated bookings never overlap
  for (const c of saved.constraints) await raw.rawQuery(`ALTER TABLE bookings ADD CONSTRAINT ${c.name} ${c.def}`);
  for (const i of saved.indexes) await raw.rawQuery(i.def);
  await raw.rawQuery('ALTER TABLE bookings ENABLE TRIGGER USER');
}

// ------------------------------------------------------------------ the server and HTTP figures

/** Start of a local (Asia/Shanghai) day plus a wall-clock time. */
const at = (day: number, clock: string) => day + clockMs(clock);
const nextWeekday = (from: number, isoWeekday: number) => {
  let d = from;
  while ((new Date(d + TZ_OFFSET).getUTCDay() + 6) % 7 !== isoWeekday - 1) d += DAY;
  return d;
};

function searchPaths(districts: string[]): { path: string; label: string }[] {
  const r = rng(11);
  const tomorrow = TODAY + DAY;
  const monday = nextWeekday(TODAY + DAY, 1);
  const words = [
    '电子显微镜',
    '质谱',
    '色谱',
    'X射线衍射',
    '万能材料试验机',
    '核磁共振',
    '流式细胞',
    '激光',
    '三坐标',
    '高性能计算',
    '共聚焦',
    'PCR',
    '光谱',
    'CT',
    '中试',
  ];
  const classes = ['analytical', 'physical', 'medical', 'electronic', 'process', 'metrology', 'analytical,physical', 'special_testing'];
  const out: { path: string; label: string }[] = [];
  for (let i = 0; i < 200; i++) {
    // tomorrow, or a day of next week; a morning window, 1–4 hours
    const day = i % 2 ? tomorrow : monday + r.int(0, 4) * DAY;
    const from = at(day, r.pick(['08:00', '08:30', '09:00']));
    const to = from + r.pick([4, 4, 5, 9]) * HOUR; // the morning, or the whole day
    const minHours = r.pick([1, 1, 2, 3, 4]);
    let p = `freeFrom=${encodeURIComponent(iso(from))}&freeTo=${encodeURIComponent(iso(to))}&minHours=${minHours}`;
    const kind = i % 4; // plain, text, class, district (+ text)
    if (kind === 1) p += `&q=${encodeURIComponent(r.pick(words))}`;
    if (kind === 2) p += `&class=${r.pick(classes)}`;
    if (kind === 3) p += `&district=${r.pick(districts)}${r.chance(0.5) ? `&q=${encodeURIComponent(r.pick(words))}` : ''}`;
    out.push({ path: `/api/v1/instruments?${p}`, label: ['plain', 'text', 'class', 'district'][kind] });
  }
  return out;
}

interface Slot {
  start: string;
  end: string;
}

/** A free stretch on an instrument, from its availability (not timed): the first long enough after its notice. */
async function findFreeSlot(c: Client, id: number, fromDay: number, minutes: number): Promise<{ start: number; end: number } | null> {
  const res = await c.get<{ free: Slot[] }>(
    `/api/v1/instruments/${id}/availability?from=${encodeURIComponent(iso(fromDay))}&to=${encodeURIComponent(iso(fromDay + 14 * DAY))}`,
  );
  if (res.status !== 200) return null;
  for (const f of res.body.free ?? []) {
    const s = Math.ceil(Date.parse(f.start) / (30 * 60_000)) * 30 * 60_000;
    if (Date.parse(f.end) - s >= minutes * 60_000) return { start: s, end: s + minutes * 60_000 };
  }
  return null;
}

/** A refused request in a few words: status, error code, first field and its message (names replaced by …). */
function refusal(res: { status: number; body: unknown }): string {
  const e = (res.body as { error?: { code?: string; fields?: { path: string; message: string }[] } })?.error;
  const f = e?.fields?.[0];
  return `${res.status} ${e?.code ?? String(res.body).slice(0, 80)}${
    f
      ? ` ${f.path}: ${f.message
          .replace(/“[^”]*”/g, '“…”')
          .replace(/联系.*?参加/, '联系…参加')
          .slice(0, 80)}`
      : ''
  }`;
}

interface Candidate {
  id: number;
  min: number;
  notice: number;
  adv: number;
}
interface Prepared {
  scale: Record<string, unknown>;
  districts: string[];
  candidates: Candidate[];
}

/** The data scale, and what the HTTP part picks from (read before the server starts: PGlite is one process). */
async function prepare(q: (text: string) => Promise<Record<string, unknown>[]>): Promise<Prepared> {
  const scale = (
    await q(`SELECT (SELECT count(*) FROM orgs)::int AS orgs, (SELECT count(*) FROM instruments)::int AS instruments,
    (SELECT count(*) FROM instrument_weekly_hours)::int AS weekly, (SELECT count(*) FROM bookings)::int AS bookings,
    (SELECT count(*) FROM bookings WHERE status IN ('pending','confirmed','in_use','completed'))::int AS holding,
    (SELECT count(*) FROM bookings WHERE lower(during) > now())::int AS future,
    (SELECT round(avg(external::int) * 100) FROM bookings)::int AS "externalPct",
    pg_size_pretty(pg_total_relation_size('bookings')) AS "bookingsSize", pg_size_pretty(pg_database_size(current_database())) AS "dbSize"`)
  )[0];
  const districts = (await q(`SELECT district_code FROM instruments WHERE district_code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 8`)).map((x) =>
    String(x.district_code),
  );
  // instruments a city admin may book at once: open, in service, bookable by the hour, no training needed
  const candidates = (
    await q(`SELECT id, min_booking_minutes AS min, notice_hours AS notice, max_advance_days AS adv FROM instruments
    WHERE status = 'in_service' AND sharing_mode = 'open' AND kind = 'instrument' AND NOT needs_training ORDER BY id`)
  ).map((x) => ({ id: Number(x.id), min: Number(x.min), notice: Number(x.notice), adv: Number(x.adv) }));
  return { scale, districts, candidates };
}

async function http(base: string, pre: Prepared, pid: number) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const c = client(base, login.headers.get('set-cookie')!.split(';')[0]);
  const results: Record<string, unknown> = {};

  // --- availability search
  const searches = searchPaths(pre.districts);
  for (const s of searches.slice(0, 20)) await c.get(s.path); // warm-up
  const timed: { label: string; ms: number; total: number; path: string }[] = [];
  for (const s of searches) {
    const res = await c.get<{ total: number; items: unknown[] }>(s.path);
    if (res.status !== 200) throw new Error(`${s.path}: ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
    timed.push({ label: s.label, ms: res.ms, total: res.body.total, path: decodeURIComponent(s.path) });
  }
  const byLabel = Object.fromEntries(['plain', 'text', 'class', 'district'].map((l) => [l, summary(timed.filter((x) => x.label === l).map((x) => x.ms))]));
  results.search = {
    ...summary(timed.map((x) => x.ms)),
    byKind: byLabel,
    medianTotal: pct(
      timed.map((x) => x.total),
      50,
    ),
    slowest: [...timed]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((x) => ({ ms: r1(x.ms), total: x.total, path: x.path })),
  };
  log(
    `availability search (${searches.length} × GET /api/v1/instruments?freeFrom&freeTo&minHours): p50 ${r1(
      pct(
        timed.map((x) => x.ms),
        50,
      ),
    )} ms, p95 ${r1(
      pct(
        timed.map((x) => x.ms),
        95,
      ),
    )} ms (target ≤ ${TARGETS.searchP95}), max ${r1(Math.max(...timed.map((x) => x.ms)))} ms; median total ${pct(
      timed.map((x) => x.total),
      50,
    )}`,
  );
  log(
    `  by kind p95: ${Object.entries(byLabel)
      .map(([k, v]) => `${k} ${v.p95}`)
      .join(', ')}; slowest: ${(results.search as { slowest: { ms: number; path: string }[] }).slowest
      .slice(0, 3)
      .map((x) => `${x.ms} ms ${x.path.replace('/api/v1/instruments?', '')}`)
      .join(' | ')}`,
  );

  // --- booking
  const r = rng(5);
  const candidates = pre.candidates;
  const bookingMs: number[] = [];
  const refused: Record<string, number> = {};
  let tries = 0;
  while (bookingMs.length < 300 && tries < 1200) {
    tries++;
    const inst = r.pick(candidates);
    const fromDay = localMidnight(NOW + (inst.notice + 24) * HOUR) + r.int(0, Math.max(0, Math.min(inst.adv - 16, 30))) * DAY;
    const slot = await findFreeSlot(c, inst.id, fromDay, Math.max(inst.min, 60));
    if (!slot) continue;
    const res = await c.post('/api/v1/bookings', { items: [{ instrumentId: inst.id, start: iso(slot.start), end: iso(slot.end), purpose: '性能测试预约' }] });
    if (res.status === 201) bookingMs.push(res.ms);
    else {
      const key = refusal(res);
      refused[key] = (refused[key] ?? 0) + 1;
    }
  }
  results.booking = { ...summary(bookingMs), attempts: tries, refused };
  log(
    `booking (POST /api/v1/bookings, one item, sequential): ${bookingMs.length} booked, p50 ${r1(pct(bookingMs, 50))} ms, p95 ${r1(pct(bookingMs, 95))} ms (target ≤ ${TARGETS.bookingP95}), max ${r1(Math.max(...bookingMs))} ms${Object.keys(refused).length ? `; refused: ${JSON.stringify(refused)}` : ''}`,
  );

  // --- conflicting concurrent bookings: 20 rounds of 50 simultaneous POSTs for one slot
  const rounds: { ok: number; conflict: number; other: number; ms: number }[] = [];
  const otherStatuses: Record<string, number> = {};
  for (let round = 0; round < 20 && rounds.length < 20; round++) {
    const inst = r.pick(candidates);
    const slot = await findFreeSlot(c, inst.id, localMidnight(NOW + (inst.notice + 24) * HOUR) + r.int(0, 10) * DAY, Math.max(inst.min, 60));
    if (!slot) {
      round--;
      continue;
    }
    const body = { items: [{ instrumentId: inst.id, start: iso(slot.start), end: iso(slot.end), purpose: '并发冲突测试' }] };
    const t0 = performance.now();
    const all = await Promise.all(Array.from({ length: 50 }, () => c.post('/api/v1/bookings', body)));
    const ms = performance.now() - t0;
    const ok = all.filter((x) => x.status === 201).length;
    const conflict = all.filter((x) => x.status === 409).length;
    for (const x of all) if (x.status !== 201 && x.status !== 409) otherStatuses[refusal(x)] = (otherStatuses[refusal(x)] ?? 0) + 1;
    rounds.push({ ok, conflict, other: 50 - ok - conflict, ms: r1(ms) });
  }
  const exactlyOne = rounds.every((x) => x.ok === 1);
  const attempts = rounds.length * 50;
  const totalMs = rounds.reduce((s, x) => s + x.ms, 0);
  results.conflict = {
    rounds: rounds.length,
    perRound: 50,
    exactlyOneWinnerEveryRound: exactlyOne,
    successes: rounds.reduce((s, x) => s + x.ok, 0),
    conflicts: rounds.reduce((s, x) => s + x.conflict, 0),
    other: rounds.reduce((s, x) => s + x.other, 0),
    otherStatuses,
    attemptsPerSecond: Math.round(attempts / (totalMs / 1000)),
    roundMs: summary(rounds.map((x) => x.ms)),
  };
  log(
    `conflicting bookings (${rounds.length} rounds × 50 simultaneous POSTs for one slot): ${exactlyOne ? 'exactly one winner every round' : 'NOT exactly one winner every round'} — ${JSON.stringify({ successes: (results.conflict as { successes: number }).successes, conflicts: (results.conflict as { conflicts: number }).conflicts, other: (results.conflict as { other: number }).other })}, ${(results.conflict as { attemptsPerSecond: number }).attemptsPerSecond} attempts/s, round p50 ${(results.conflict as { roundMs: { p50: number } }).roundMs.p50} ms${Object.keys(otherStatuses).length ? `; other: ${JSON.stringify(otherStatuses)}` : ''}`,
  );

  // --- sharing indicators: the calendar year (whole months), and the last twelve months to today (not month-aligned)
  const year = new Date(NOW + TZ_OFFSET).getUTCFullYear();
  const yearFrom = Date.UTC(year, 0, 1) - TZ_OFFSET;
  const yearTo = Date.UTC(year + 1, 0, 1) - TZ_OFFSET;
  const groups = ['instrument', 'owner', 'district'] as const;
  const statsRun = async (from: number, to: number, n: number, capMs: number) => {
    const q = (g: string) => `/api/v1/instrument-stats?groupBy=${g}&from=${encodeURIComponent(iso(from))}&to=${encodeURIComponent(iso(to))}`;
    for (const g of groups) await c.get(q(g)); // warm-up
    const times: Record<string, number[]> = { instrument: [], owner: [], district: [] };
    const rowsOf: Record<string, number> = {};
    // n requests, but no more than capMs of them (then the figure says how many ran)
    const started = performance.now();
    for (let i = 0; i < n && (i < 3 || performance.now() - started < capMs); i++) {
      const g = groups[i % 3];
      const res = await c.get<{ rows: unknown[] }>(q(g));
      if (res.status !== 200) throw new Error(`instrument-stats ${g}: ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
      times[g].push(res.ms);
      rowsOf[g] = res.body.rows.length;
    }
    const all = Object.values(times).flat();
    return { ...summary(all), byGroup: Object.fromEntries(groups.map((g) => [g, { ...summary(times[g]), rows: rowsOf[g] }])), from: iso(from), to: iso(to) };
  };
  const statsLine = (label: string, x: Awaited<ReturnType<typeof statsRun>>) =>
    log(
      `${label} (${x.n} × GET /api/v1/instrument-stats ${x.from} … ${x.to}, all instruments): p50 ${x.p50} ms, p95 ${x.p95} ms (target ≤ ${TARGETS.statsP95}), max ${x.max} ms; by group p95: ${groups.map((g) => `${g} ${x.byGroup[g].p95} (${x.byGroup[g].rows} rows)`).join(', ')}`,
    );
  results.stats = await statsRun(yearFrom, yearTo, 30, 120_000);
  statsLine(`sharing indicators, calendar year ${year}`, results.stats as Awaited<ReturnType<typeof statsRun>>);
  results.statsTrailingYear = await statsRun(localMidnight(NOW) - 365 * DAY, localMidnight(NOW), 6, 60_000);
  statsLine('sharing indicators, last 365 days', results.statsTrailingYear as Awaited<ReturnType<typeof statsRun>>);
  results.serverPeakRssMb = Math.round(peakRssMb(pid));
  log(`server peak RSS ${results.serverPeakRssMb} MB`);
  return results;
}

// ------------------------------------------------------------------ EXPLAIN of the statements behind each request

async function explain(url: string): Promise<string> {
  const { app, captured, pgc, setLabel, close } = await inProcessApp(url);
  const out: string[] = [];
  try {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const monday = nextWeekday(TODAY + DAY, 1);
    const year = new Date(NOW + TZ_OFFSET).getUTCFullYear();
    const yearFrom = encodeURIComponent(iso(Date.UTC(year, 0, 1) - TZ_OFFSET));
    const yearTo = encodeURIComponent(iso(Date.UTC(year + 1, 0, 1) - TZ_OFFSET));
    const last365 = `from=${encodeURIComponent(iso(TODAY - 365 * DAY))}&to=${encodeURIComponent(iso(TODAY))}`;
    const inst = (
      await pgc.query(
        `SELECT id, min_booking_minutes AS min FROM instruments WHERE status = 'in_service' AND sharing_mode = 'open' AND kind = 'instrument' ORDER BY id LIMIT 1 OFFSET 777`,
      )
    ).rows[0];
    const requests: [string, string, string, unknown?][] = [
      [
        'search, no filter',
        'GET',
        `/api/v1/instruments?freeFrom=${encodeURIComponent(iso(at(monday, '08:00')))}&freeTo=${encodeURIComponent(iso(at(monday, '12:00')))}&minHours=3`,
      ],
      [
        'search, text',
        'GET',
        `/api/v1/instruments?freeFrom=${encodeURIComponent(iso(at(monday, '08:30')))}&freeTo=${encodeURIComponent(iso(at(monday, '17:30')))}&minHours=2&q=${encodeURIComponent('质谱')}`,
      ],
      [
        'availability of one instrument',
        'GET',
        `/api/v1/instruments/${inst.id}/availability?from=${encodeURIComponent(iso(monday))}&to=${encodeURIComponent(iso(monday + 14 * DAY))}`,
      ],
      ['stats by instrument', 'GET', `/api/v1/instrument-stats?groupBy=instrument&from=${yearFrom}&to=${yearTo}`],
      ['stats by district', 'GET', `/api/v1/instrument-stats?groupBy=district&from=${yearFrom}&to=${yearTo}`],
      ['stats by instrument, last 365 days', 'GET', `/api/v1/instrument-stats?groupBy=instrument&${last365}`],
    ];
    // each once first, uncaptured: the first request of a process pays for connections and caches
    for (const [, method, path] of requests) await app.inject({ method: method as 'GET', url: path, headers: { cookie } });
    for (const [l, method, path] of requests) {
      setLabel(l);
      const t0 = performance.now();
      const res = await app.inject({ method: method as 'GET', url: path, headers: { cookie } });
      setLabel('');
      out.push(`### ${l}: ${method} ${decodeURIComponent(path)} → ${res.statusCode} in ${r1(performance.now() - t0)} ms (in process)`);
    }
    // a booking: the statements of POST /api/v1/bookings at a free time of that instrument
    const avail = JSON.parse((await app.inject({ method: 'GET', url: requests[2][2], headers: { cookie } })).body) as { free: Slot[] };
    const f = avail.free?.find((x) => Date.parse(x.end) - Date.parse(x.start) >= Math.max(inst.min, 60) * 60_000);
    if (f) {
      setLabel('booking');
      const t0 = performance.now();
      const start = Math.ceil(Date.parse(f.start) / 1800_000) * 1800_000;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        headers: { cookie },
        payload: { items: [{ instrumentId: Number(inst.id), start: iso(start), end: iso(start + Math.max(inst.min, 60) * 60_000), purpose: 'EXPLAIN 测试' }] },
      });
      setLabel('');
      out.push(`### booking: POST /api/v1/bookings → ${res.statusCode} in ${r1(performance.now() - t0)} ms (in process)`);
    }
    out.push('');
    // the statements behind each request, slowest first; EXPLAIN those over 5 ms (and each request's slowest)
    await explainStatements(pgc, captured, out, 4000);
  } finally {
    await close();
  }
  return out.join('\n');
}

// ------------------------------------------------------------------ main

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  log(
    `kefutong instruments bench · ${ENGINE} · ${INSTRUMENTS.toLocaleString()} instruments · ${BOOKINGS.toLocaleString()} bookings · ${ORGS} owner orgs · ${os.cpus().length} cores · node ${process.version}`,
  );
  let url = REUSE_URL;
  let dataDir: string | null = null;
  let drop = async () => {};
  let loaded: Loaded | null = null;
  if (ENGINE === 'pglite') {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kft-ibench-'));
    drop = KEEP ? async () => log(`kept PGlite data in ${dataDir}`) : async () => fs.rmSync(dataDir!, { recursive: true, force: true });
  } else if (LOAD_INTO) {
    url = LOAD_INTO;
  } else if (!url) {
    const scratch = await scratchDatabase(PG_URL, 'kft_ibench');
    url = scratch.url;
    drop = KEEP ? async () => log(`kept database ${url}`) : scratch.drop;
  }
  let child: ChildProcess | null = null;
  try {
    let pre: Prepared;
    if (dataDir) {
      const db = await openDatabase({ dataDir });
      try {
        const t0 = performance.now();
        loaded = await load(db, Object.assign(db, { rawQuery: (text: string, values?: unknown[]) => db.query(positional(text, values ?? [])) }));
        log(`loaded in ${secs(t0)} s: ${JSON.stringify(loaded.seconds)} (s)`);
        pre = await prepare(async (text) => (await db.query<Record<string, unknown>>(positional(text, []))).rows);
      } finally {
        await db.close();
      }
    } else {
      if (!REUSE_URL) {
        const db = await openDatabase({ databaseUrl: url, poolSize: 2 });
        const pool = new pg.Pool({ connectionString: url, max: 2 });
        const raw = Object.assign(db, { rawQuery: (text: string, values?: unknown[]) => pool.query(text, values) });
        const t0 = performance.now();
        try {
          loaded = await load(db, raw);
        } finally {
          await pool.end();
          await db.close();
        }
        log(`loaded in ${secs(t0)} s: ${JSON.stringify(loaded.seconds)} (s)`);
      }
      const check = new pg.Client({ connectionString: url });
      await check.connect();
      try {
        pre = await prepare(async (text) => (await check.query(text)).rows);
      } finally {
        await check.end();
      }
    }
    log(`data scale: ${JSON.stringify(pre.scale)}`);
    if (LOAD_ONLY) return;
    const writeExplain = async () => {
      if (!url) return log('(--explain is for PostgreSQL only)');
      const text = await explain(url);
      const efile = path.join(OUT, `instruments-explain-${ENGINE}.txt`);
      fs.writeFileSync(efile, text);
      log(
        `written ${efile}:\n${text
          .split('\n')
          .filter((l) => l.startsWith('###') || l.startsWith('========'))
          .join('\n')}`,
      );
    };
    if (EXPLAIN_ONLY) return await writeExplain();
    const server = await startServer(dataDir ? { DATA_DIR: dataDir } : { DATABASE_URL: url! });
    child = server.child;
    const figures = await http(server.base, pre, child.pid!);
    const out = {
      at: new Date().toISOString(),
      engine: ENGINE,
      machine: { cores: os.cpus().length, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      scale: pre.scale,
      load: loaded,
      targets: TARGETS,
      ...figures,
    };
    const file = path.join(OUT, `instruments-${ENGINE}.json`);
    fs.writeFileSync(file, JSON.stringify(out, null, 2));
    log(`written ${file}`);
    if (EXPLAIN) {
      child.kill('SIGTERM');
      await new Promise((res) => child!.once('exit', res));
      child = null;
      await writeExplain();
    }
  } finally {
    if (child) {
      child.kill('SIGTERM');
      await new Promise((res) => child!.once('exit', res));
    }
    await drop();
  }
}

/** "… $1 … $2 …" with its values as an Sql fragment (for PGlite, which the loader reaches through the app's interface). */
function positional(text: string, values: unknown[]): Sql {
  const parts = text.split(/\$(\d+)/);
  return new Sql(
    parts.filter((_, i) => i % 2 === 0),
    parts.filter((_, i) => i % 2 === 1).map((n) => values[Number(n) - 1]),
  );
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
