/**
 * The demo data loaded in bulk at first start (issue 13: first start in seconds) keeps what one create() per record
 * wrote: every demo instrument has its "create" history entry and its instrument.created event, its weekly hours,
 * and the booking usage rollups equal a recount from the bookings — on both engines (on PGlite the bookings load
 * without the rollup trigger and the rollup is rebuilt once; on PostgreSQL the trigger runs). A bulk create is all
 * or nothing. A second start loads nothing again.
 */
import { describe, expect, it } from 'vitest';
import { bootstrap, DEMO_PASSWORD } from '../../src/server/bootstrap.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { migrate } from '../../src/server/platform/db/migrate.ts';
import { sql } from '../../src/server/platform/db/sql.ts';
import { AppError } from '../../src/server/platform/http/errors.ts';
import { engines, openTestDatabase } from '../helpers/app.ts';

const USAGE_TABLES = ['instrument_usage_months', 'instrument_usage_years', 'instrument_usage_outside', 'instrument_usage_outside_years'] as const;

describe.each(engines())('demo data loaded in bulk on %s', (engine) => {
  it('keeps the history, events, weekly hours and usage rollups one create() per record would write', async () => {
    const { db, drop } = await openTestDatabase(engine);
    await migrate(db);
    const config = loadConfig({ DEMO: 'true', DEMO_ORG_COUNT: '120', DEMO_INSTRUMENT_COUNT: '30', ADMIN_PASSWORD: 'demo-seed-admin-1' });
    const { app, services } = await buildApp({ config, db });
    try {
      const lines: string[] = [];
      await bootstrap(db, config, services, (l) => lines.push(l));
      expect(lines.join('\n')).toMatch(/Loaded 30 demo instruments and [1-9]\d* bookings/);

      const { rows: instruments } = await db.query<{ id: number; name: string; ownerOrgId: number; hours: [string, string][][]; minutes: number[] }>(
        sql`SELECT id, name, owner_org_id AS "ownerOrgId", opening_hours AS hours, weekly_open_minutes AS minutes FROM instruments ORDER BY id`,
      );
      expect(instruments).toHaveLength(30);
      const { rows: history } = await db.query<{ id: string; action: string; actor: string; after: { id: number; name: string } }>(
        sql`SELECT entity_id AS id, action, actor_name AS actor, after FROM entity_history WHERE entity_type = 'instrument' ORDER BY entity_id::bigint`,
      );
      const { rows: events } = await db.query<{ id: string; payload: { id: number; ownerOrgId: number } }>(
        sql`SELECT aggregate_id AS id, payload FROM outbox_events WHERE type = 'instrument.created' ORDER BY aggregate_id::bigint`,
      );
      const { rows: hours } = await db.query<{ id: number; n: number }>(
        sql`SELECT instrument_id AS id, count(*)::int AS n FROM instrument_weekly_hours GROUP BY 1 ORDER BY 1`,
      );
      const hoursOf = new Map(hours.map((h) => [h.id, h.n]));
      for (const [n, i] of instruments.entries()) {
        expect(history[n]).toMatchObject({ id: String(i.id), action: 'create', actor: '演示数据', after: { id: i.id, name: i.name } });
        expect(events[n]).toMatchObject({ id: String(i.id), payload: { id: i.id, ownerOrgId: i.ownerOrgId } });
        expect(hoursOf.get(i.id) ?? 0).toBe(i.hours.flat().length);
        expect(i.minutes).toHaveLength(7);
      }
      expect(history).toHaveLength(30);
      expect(events).toHaveLength(30);

      // the rollups as they stand, then as a recount from the bookings makes them
      const snapshot = async () => {
        const out: Record<string, unknown[]> = {};
        for (const t of USAGE_TABLES) out[t] = (await db.query(sql`SELECT * FROM ${sql.raw(t)} ORDER BY 1, 2, 3`)).rows;
        return out;
      };
      const loaded = await snapshot();
      expect(loaded.instrument_usage_months.length).toBeGreaterThan(0);
      expect(loaded.instrument_usage_outside.length).toBeGreaterThan(0);
      await db.query(sql`SELECT rebuild_instrument_usage()`);
      expect(await snapshot()).toEqual(loaded);

      // the owners see the trail through the API, as for an instrument registered by hand
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'demo-lab', password: DEMO_PASSWORD } });
      expect(login.statusCode).toBe(200);
      const cookie = login.cookies.find((c) => c.name === 'kft_session')!;
      const labOrg = (await db.query<{ orgId: number }>(sql`SELECT org_id AS "orgId" FROM users WHERE username = 'demo-lab'`)).rows[0].orgId;
      const mine = instruments.find((i) => i.ownerOrgId === labOrg)!;
      const res = await app.inject({ url: `/api/v1/instruments/${mine.id}/history`, headers: { cookie: `${cookie.name}=${cookie.value}` } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        total: 1,
        items: [{ action: 'create', actorName: '演示数据', before: null, after: { id: mine.id, name: mine.name } }],
      });

      // a second start loads nothing again
      await bootstrap(db, config, services, () => {});
      expect((await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM instruments`)).rows[0].n).toBe(30);
      expect((await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'instrument.created'`)).rows[0].n).toBe(30);
    } finally {
      await app.close();
      await db.close();
      await drop();
    }
  }, 240_000);

  it('creates many instruments all or nothing: one unknown class refuses them all, naming the field', async () => {
    const { db, drop } = await openTestDatabase(engine);
    await migrate(db);
    const config = loadConfig({ DEMO: 'true', DEMO_ORG_COUNT: '60', DEMO_INSTRUMENT_COUNT: '4', ADMIN_PASSWORD: 'demo-seed-admin-1' });
    const { app, services } = await buildApp({ config, db });
    try {
      await bootstrap(db, config, services, () => {});
      const before = (await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM instruments`)).rows[0].n;
      const template = await services.instruments.get((await db.query<{ id: number }>(sql`SELECT id FROM instruments ORDER BY id LIMIT 1`)).rows[0].id);
      const { id: _id, ownerName: _o, className: _c, photoIds: _p, version: _v, createdAt: _ca, updatedAt: _ua, ...input } = template;
      const admin = { id: 0, username: 'system', displayName: '演示数据', role: 'admin' as const, orgId: null, districtCode: null };
      const err = await services.instruments
        .createMany(
          [
            { ...input, name: '批量一' },
            { ...input, name: '批量二', classCode: 'no_such_class' },
          ] as never,
          admin,
        )
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(400);
      expect((err as AppError).fields).toEqual([expect.objectContaining({ path: 'classCode', key: 'instrument.unknownClass' })]);
      expect((await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM instruments`)).rows[0].n).toBe(before);
      // and when every one is right, all are written, each with its trail
      const ids = await services.instruments.createMany(
        [
          { ...input, name: '批量一' },
          { ...input, name: '批量二' },
        ] as never,
        admin,
      );
      expect(ids).toHaveLength(2);
      expect((await services.instruments.get(ids[1])).name).toBe('批量二');
      const { rows } = await db.query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM entity_history WHERE entity_type = 'instrument' AND action = 'create' AND entity_id = ANY(${ids.map(String)}::text[])`,
      );
      expect(rows[0].n).toBe(2);
    } finally {
      await app.close();
      await db.close();
      await drop();
    }
  }, 240_000);
});
