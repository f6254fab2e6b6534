/**
 * Demo mode: a few hundred instruments owned by demo providers, two owner accounts (demo-lab and
 * demo-lab2, of different organizations), and booking history — completed use over the last 90 days
 * and some upcoming bookings — so the catalogue, calendars and sharing dashboard are alive on first
 * start. Past bookings are written directly (the booking rules refuse the past by design).
 */
import crypto from 'node:crypto';
import type { Database } from '../../platform/db/database.ts';
import { sql } from '../../platform/db/sql.ts';
import { orgsTable, rng } from '../directory/index.ts';
import type { AuthService } from '../auth/index.ts';
import type { InstrumentService } from './service.ts';
import { generateDemoInstruments } from './demo.ts';
import { estimatePrice } from './pricing.ts';

export const DEMO_OWNER_USERS = [
  { username: 'demo-lab', displayName: '仪器管理员（演示）' },
  { username: 'demo-lab2', displayName: '仪器管理员二（演示）' },
];

const EVERY_DAY: [string, string][][] = Array.from({ length: 7 }, () => [['08:00', '20:00']]);

export async function seedDemoInstruments(
  db: Database,
  auth: AuthService,
  instruments: InstrumentService,
  count: number,
  password: string,
  say: (s: string) => void,
): Promise<void> {
  if (count <= 0) return;
  const { rows: existing } = await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM instruments`);
  if (existing[0].n > 0) return;
  // owners: universities, institutes and testing providers, as in a real catalogue
  // (the organizations through the directory's face: its table as a FROM fragment, an owner's address from the service)
  const { rows: candidates } = await db.query<{ id: number; name: string; districtCode: string | null }>(sql`
    SELECT o.id, o.name, o.district_code AS "districtCode" FROM ${orgsTable('o')}
    WHERE o.kinds && '{university,research_institute}'::text[] OR o.categories && '{testing,rd}'::text[]
    ORDER BY o.kinds && '{university,research_institute}'::text[] DESC, o.id LIMIT 40`);
  if (candidates.length < 2) return;
  const owners: { id: number; name: string; districtCode: string | null; address: string | null }[] = [];
  for (const c of candidates) owners.push({ ...c, address: (await instruments.owner(c.id))?.address ?? null });
  const admin = { id: 0, username: 'system', displayName: '演示数据', role: 'admin' as const, orgId: null, districtCode: null };
  const generated = generateDemoInstruments(owners, count, 2026);
  // The two demo owners each get instruments open every day 08:00–20:00 that need approval, so a
  // booking for "tomorrow morning" can always be made and decided, whatever the weekday.
  for (const [n, owner] of owners.slice(0, 2).entries()) {
    const mine = generated.filter((g) => g.kind === 'instrument').slice(n * 3, n * 3 + 3);
    for (const g of mine)
      Object.assign(g, {
        ownerOrgId: owner.id,
        districtCode: owner.districtCode,
        openingHours: EVERY_DAY,
        status: 'in_service',
        sharingMode: 'open',
        needsApproval: true,
        needsTraining: false,
        noticeHours: 0,
        minBookingMinutes: 30,
        maxBookingMinutes: 480,
        maxAdvanceDays: 90,
      });
  }
  // one transaction, in bulk: the same checks, history entries and events as one create() per instrument
  await instruments.createMany(generated, admin);

  for (const [n, u] of DEMO_OWNER_USERS.entries()) {
    if (!(await auth.userExists(u.username))) await auth.createUser({ ...u, role: 'org_member', password, orgId: owners[n].id });
  }
  // users of other organizations, who make the booking history (never shown a password: not for signing in)
  const { rows: userOrgs } = await db.query<{ id: number }>(
    sql`SELECT o.id FROM ${orgsTable('o')} WHERE NOT (o.id = ANY(${owners.map((o) => o.id)}::bigint[])) ORDER BY o.id LIMIT 12`,
  );
  const users: { id: number; orgId: number }[] = [];
  for (const [n, org] of userOrgs.entries()) {
    const username = `demo-user-${n + 1}`;
    if (!(await auth.userExists(username)))
      await auth.createUser({
        username,
        displayName: `演示用户${n + 1}`,
        role: 'org_member',
        password: crypto.randomBytes(18).toString('base64url'),
        orgId: org.id,
      });
    users.push({ id: (await auth.userByUsername(username))!.id, orgId: org.id });
  }
  // the owners' own staff use their instruments too (internal use: work hours, not external service)
  const staff = new Map<number, number>();
  for (const [n, owner] of owners.slice(0, 10).entries()) {
    const username = n < 2 ? DEMO_OWNER_USERS[n].username : `demo-staff-${n - 1}`;
    if (!(await auth.userExists(username)))
      await auth.createUser({
        username,
        displayName: `${owner.name}科研人员（演示）`,
        role: 'org_member',
        password: crypto.randomBytes(18).toString('base64url'),
        orgId: owner.id,
      });
    staff.set(owner.id, (await auth.userByUsername(username))!.id);
  }
  const booked = await seedHistory(db, users, staff);
  say(`Loaded ${generated.length} demo instruments and ${booked} bookings; instrument owners: demo-lab (${owners[0].name}), demo-lab2 (${owners[1].name}).`);
}

/**
 * Completed use over the last 90 days (two slots a day at most per instrument, in usual opening
 * hours), and the coming week's bookings: confirmed ones, and requests waiting in the owners' inboxes.
 */
async function seedHistory(db: Database, users: { id: number; orgId: number }[], staff: Map<number, number>): Promise<number> {
  if (!users.length) return 0;
  const r = rng(90);
  const { rows: list } = await db.query<{
    id: number;
    ownerOrgId: number;
    priceUnit: 'hour';
    priceInternalFen: number;
    priceExternalFen: number;
    offPeakPriceFen: number | null;
    peakStart: string | null;
    peakEnd: string | null;
    everyDay: boolean;
  }>(sql`
    SELECT id, opening_hours = ${JSON.stringify(EVERY_DAY)}::jsonb AS "everyDay", owner_org_id AS "ownerOrgId", price_unit AS "priceUnit", price_internal_fen AS "priceInternalFen", price_external_fen AS "priceExternalFen",
           off_peak_price_fen AS "offPeakPriceFen", to_char(peak_start, 'HH24:MI') AS "peakStart", to_char(peak_end, 'HH24:MI') AS "peakEnd"
    FROM instruments WHERE status = 'in_service' ORDER BY id`);
  const today = new Date(`${new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })}T00:00:00+08:00`);
  const values: ReturnType<typeof sql>[] = [];
  for (const inst of list) {
    const busy = r.next(); // some instruments are used far more than others
    for (let day = 90; day >= 1; day--) {
      const date = new Date(today.getTime() - day * 86400_000);
      const weekday = new Date(date.getTime() + 8 * 3600_000).getUTCDay(); // the Shanghai calendar day
      if (weekday === 0 || weekday === 6) continue;
      for (const [h0, h1] of [
        [9, 11],
        [14, 16.5],
      ]) {
        if (r.next() > busy * 0.7) continue;
        const start = new Date(date.getTime() + h0 * 3600_000);
        const end = new Date(date.getTime() + h1 * 3600_000);
        const own = staff.get(inst.ownerOrgId);
        const user = own && r.chance(0.35) ? { id: own, orgId: inst.ownerOrgId } : r.pick(users);
        const external = user.orgId !== inst.ownerOrgId;
        const price = estimatePrice(inst, start, end, 1, !external).estimatedFen;
        const late = r.int(0, 20) * 60_000;
        values.push(sql`(${crypto.randomUUID()}::uuid, ${inst.id}, ${inst.ownerOrgId}, ${user.id}, ${user.orgId}, tstzrange(${start}, ${end}), 1, ${r.pick(PURPOSES)},
          'completed', ${external}, ${price}, ${price}, ${new Date(start.getTime() + late)}, ${new Date(end.getTime() - r.int(0, 15) * 60_000)}, NULL::timestamptz)`);
      }
    }
  }
  // the coming week: a third of the instruments have a booking or a request (9:00–11:00 or 14:00–16:00)
  // (not the demo owners' every-day instruments: the walkthrough books those for tomorrow morning)
  for (const inst of list.filter((x, n) => n % 3 === 0 && !x.everyDay)) {
    const day = r.int(1, 7);
    const [h0, h1] = r.pick([
      [9, 11],
      [14, 16],
    ]);
    const start = new Date(today.getTime() + day * 86400_000 + h0 * 3600_000);
    const end = new Date(today.getTime() + day * 86400_000 + h1 * 3600_000);
    const user = r.pick(users);
    const price = estimatePrice(inst, start, end, 1, false).estimatedFen;
    const pending = r.chance(0.4);
    values.push(sql`(${crypto.randomUUID()}::uuid, ${inst.id}, ${inst.ownerOrgId}, ${user.id}, ${user.orgId}, tstzrange(${start}, ${end}), 1, ${r.pick(PURPOSES)},
      ${pending ? 'pending' : 'confirmed'}, true, ${price}, ${pending ? null : price}, NULL, NULL, ${pending ? start : null}::timestamptz)`);
  }
  // One transaction. On the embedded engine (where the app is superuser) the per-row foreign-key checks and the
  // per-statement usage rollup trigger are skipped for the load (session_replication_role = replica) and the rollup
  // is rebuilt once at the end, as the migration's rebuild_instrument_usage() is meant for: the rows reference the
  // instruments, users and organizations just read, and the exclusion constraint (no double booking) still holds.
  const bulk = db.engine === 'pglite';
  await db.transaction(async (tx) => {
    if (bulk) await tx.query(sql`SET LOCAL session_replication_role = replica`);
    for (let i = 0; i < values.length; i += 1000) {
      await tx.query(sql`INSERT INTO bookings (cart_id, instrument_id, owner_org_id, user_id, user_org_id, during, quantity, purpose, status, external, estimated_fen, price_fen, actual_start, actual_end, expires_at)
        VALUES ${sql.join(values.slice(i, i + 1000))}`);
    }
    if (bulk) {
      await tx.query(sql`SET LOCAL session_replication_role = origin`);
      await tx.query(sql`SELECT rebuild_instrument_usage()`);
    }
  });
  return values.length;
}

const PURPOSES = ['新材料样品表征', '横向课题检测', '产品质量对比测试', '研究生论文实验', '工艺优化试验', '失效分析', '企业委托检测', '项目中期验收测试'];

/**
 * Completed external use by one member (the demo member), for the settlement walkthrough (issue 11): 17:00–19:00
 * on the last `count` weekdays on instruments of other owners, after the history's slots (which end by 16:30),
 * so they never meet another booking; a slot that still would is skipped (ON CONFLICT: the exclusion constraint).
 * Returns the new bookings' ids, oldest first.
 */
export async function seedDemoUsedBookings(db: Database, user: { id: number; orgId: number }, count: number): Promise<number[]> {
  const { rows: list } = await db.query<{ id: number; ownerOrgId: number; priceExternalFen: number }>(sql`
    SELECT id, owner_org_id AS "ownerOrgId", price_external_fen AS "priceExternalFen" FROM instruments
    WHERE status = 'in_service' AND price_unit = 'hour' AND price_external_fen > 0 AND owner_org_id <> ${user.orgId} ORDER BY id LIMIT ${count}`);
  const today = new Date(`${new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })}T00:00:00+08:00`);
  const ids: number[] = [];
  for (const [n, inst] of list.entries()) {
    const start = new Date(today.getTime() - (n + 2) * 86400_000 + 17 * 3600_000);
    const end = new Date(start.getTime() + 2 * 3600_000);
    const price = Number(inst.priceExternalFen) * 2;
    const { rows } = await db.query<{ id: number }>(sql`
      INSERT INTO bookings (cart_id, instrument_id, owner_org_id, user_id, user_org_id, during, quantity, purpose, status, external,
                            estimated_fen, price_fen, actual_start, actual_end)
      VALUES (${crypto.randomUUID()}::uuid, ${inst.id}, ${inst.ownerOrgId}, ${user.id}, ${user.orgId}, tstzrange(${start}, ${end}), 1,
              ${PURPOSES[n % PURPOSES.length]}, 'completed', true, ${price}, ${price}, ${start}, ${end})
      ON CONFLICT DO NOTHING RETURNING id`);
    if (rows[0]) ids.push(Number(rows[0].id));
  }
  return ids;
}
