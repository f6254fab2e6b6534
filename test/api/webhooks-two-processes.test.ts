/**
 * Two app processes on one PostgreSQL database (two buildApp, two pools): every event is turned into its
 * delivery once (the outbox consumer's cursor) and every delivery is sent once (the claim), in total.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type Services } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { seedReferenceData } from '../../src/server/modules/reference/service.ts';
import { openDatabase, type Database } from '../../src/server/platform/db/database.ts';
import { migrate } from '../../src/server/platform/db/migrate.ts';
import { freshPostgresDatabase, orgInput, PASSWORD } from '../helpers/app.ts';
import { pump, type Receiver, startReceiver } from '../helpers/webhooks.ts';

const SYSTEM = { id: 0, username: 'system', displayName: 'system', role: 'admin' as const, orgId: null, districtCode: null };
const ORGS = 8;

describe.skipIf(!process.env.TEST_DATABASE_URL)('webhooks with two app processes on one PostgreSQL database', () => {
  let drop: () => Promise<void>;
  const dbs: Database[] = [];
  const apps: Awaited<ReturnType<typeof buildApp>>[] = [];
  let hook: Receiver;
  beforeAll(async () => {
    const scratch = await freshPostgresDatabase();
    drop = scratch.drop;
    const config = loadConfig({ DEMO: 'false', WEBHOOKS_ALLOW_HTTP: 'true' });
    for (let i = 0; i < 2; i++) dbs.push(await openDatabase({ databaseUrl: scratch.url, poolSize: 10 }));
    await migrate(dbs[0]);
    await seedReferenceData(dbs[0]);
    for (const db of dbs) {
      const built = await buildApp({ config, db });
      await built.app.ready();
      apps.push(built);
    }
    hook = await startReceiver();
  });
  afterAll(async () => {
    for (const a of apps) await a.app.close();
    for (const db of dbs) await db.close();
    await drop?.();
    await hook?.close();
  });

  it('sends each event once in total', async () => {
    const [one, two] = apps;
    await one.services.auth.createUser({ username: 'admin', password: PASSWORD, role: 'admin', displayName: '管理员' });
    const login = await one.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: PASSWORD } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    // subscribed through the second process, the events come from the first: the processes share only the database
    const res = await two.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: { cookie }, payload: { url: hook.url, eventTypes: ['org.created'] } });
    expect(res.statusCode).toBe(201);
    for (let i = 0; i < ORGS; i++) await one.services.directory.create(orgInput({ name: `重庆并发投递测试${i}号有限公司` }) as never, SYSTEM);

    const services: Services[] = apps.map((a) => a.services);
    await pump(services, () => hook.received.length >= ORGS);
    await pump(services, () => true); // both once more: nothing is sent again
    expect(hook.received).toHaveLength(ORGS);
    expect(new Set(hook.received.map((r) => r.headers['kefutong-delivery'])).size).toBe(ORGS);
    expect(new Set(hook.received.map((r) => JSON.parse(r.body).id)).size).toBe(ORGS);
  });
});
