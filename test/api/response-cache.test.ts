/**
 * The response cache (platform/http/response-cache.ts): anonymous lists come from the cache until something
 * they show changes — through the API, or straight in the database — and never after; signed-in callers always
 * get a fresh answer; ETag / 304; two app processes share one cache on PostgreSQL; an exhausted pool is a 503.
 */
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOverloadGuard } from '../../src/server/platform/http/overload.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { seedReferenceData } from '../../src/server/modules/reference/service.ts';
import { openDatabase, type Database } from '../../src/server/platform/db/database.ts';
import { migrate } from '../../src/server/platform/db/migrate.ts';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, freshPostgresDatabase, orgInput, startApp, type TestApp } from '../helpers/app.ts';

const SYSTEM = { id: 0, username: 'system', displayName: 'system', role: 'admin' as const, orgId: null, districtCode: null };
const LIST = `/api/v1/orgs?q=${encodeURIComponent('缓存')}`;

describe.each(engines())('response cache on %s', (engine) => {
  let t: TestApp;
  let orgId: number;
  beforeAll(async () => {
    t = await startApp(engine);
    const org = await t.services.directory.create(orgInput({ name: '重庆缓存检测技术有限公司' }) as never, SYSTEM);
    orgId = org.id;
  });
  afterAll(() => t.close());

  const names = (res: { json: () => { items: { name: string }[] } }) => res.json().items.map((o) => o.name);

  it('serves an anonymous list from the cache the second time, the same body with its ETag', async () => {
    const first = await t.request({ url: LIST });
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('miss');
    expect(names(first)).toEqual(['重庆缓存检测技术有限公司']);
    const second = await t.request({ url: LIST });
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['cache-control']).toBe('no-cache');
    // the query's parameters in another order are the same answer
    const reordered = await t.request({ url: `/api/v1/orgs?pageSize=20&q=${encodeURIComponent('缓存')}&page=1` });
    const again = await t.request({ url: `/api/v1/orgs?page=1&q=${encodeURIComponent('缓存')}&pageSize=20` });
    expect(reordered.headers['x-cache']).toBe('miss');
    expect(again.headers['x-cache']).toBe('hit');
  });

  it('answers 304 without a body to a caller that already holds the answer', async () => {
    const first = await t.request({ url: LIST });
    const cond = await t.request({ url: LIST, headers: { 'if-none-match': String(first.headers.etag) } });
    expect(cond.statusCode).toBe(304);
    expect(cond.body).toBe('');
    // public GETs that are not cached carry an ETag too
    const one = await t.request({ url: `/api/v1/orgs/${orgId}` });
    expect(one.headers.etag).toMatch(/^"[\w-]{22}"$/);
    const oneAgain = await t.request({ url: `/api/v1/orgs/${orgId}`, headers: { 'if-none-match': String(one.headers.etag) } });
    expect(oneAgain.statusCode).toBe(304);
    const other = await t.request({ url: LIST, headers: { 'if-none-match': '"something-else"' } });
    expect(other.statusCode).toBe(200);
  });

  it('shows an edit made through the API at once', async () => {
    await t.request({ url: LIST });
    const patch = await t.request({ method: 'PATCH', url: `/api/v1/orgs/${orgId}`, role: 'admin', body: { name: '重庆缓存计量技术有限公司' } });
    expect(patch.statusCode).toBe(200);
    const after = await t.request({ url: LIST });
    expect(after.headers['x-cache']).toBe('miss');
    expect(names(after)).toEqual(['重庆缓存计量技术有限公司']);
  });

  it('shows a change made straight in the database (no domain event) at once, and ignores a statement that changed nothing', async () => {
    await t.request({ url: LIST });
    expect((await t.request({ url: LIST })).headers['x-cache']).toBe('hit');
    await t.db.query(sql`UPDATE orgs SET employees = 7 WHERE id = -1`); // no row: nothing a list shows changed
    expect((await t.request({ url: LIST })).headers['x-cache']).toBe('hit');
    await t.db.query(sql`UPDATE orgs SET employees = 77 WHERE id = ${orgId}`);
    const after = await t.request({ url: LIST });
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.json().items[0].employees).toBe(77);
  });

  it('never serves a signed-in caller from the cache, nor an anonymous one what a signed-in caller saw', async () => {
    await t.request({ url: LIST });
    const signedIn = await t.request({ url: LIST, role: 'admin' });
    expect(signedIn.headers['x-cache']).toBeUndefined();
    expect(signedIn.headers['cache-control']).toBe('private, no-cache');
    expect(signedIn.json().items[0].contactPhone).toBe('023-63001234');
    const anonymous = await t.request({ url: LIST });
    expect(anonymous.headers['x-cache']).toBe('hit');
    expect(anonymous.json().items[0].contactPhone).toBe('023****1234');
  });

  it('keeps the answers of each language apart', async () => {
    const zh = await t.request({ url: `${LIST}&lang-check=1`, lang: 'zh-CN' });
    const en = await t.request({ url: `${LIST}&lang-check=1`, lang: 'en' });
    expect(zh.headers['x-cache']).toBe('miss');
    expect(en.headers['x-cache']).toBe('miss');
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('response cache shared by two app processes on one PostgreSQL database', () => {
  let drop: () => Promise<void>;
  const dbs: Database[] = [];
  const apps: Awaited<ReturnType<typeof buildApp>>[] = [];
  let orgId: number;
  beforeAll(async () => {
    const scratch = await freshPostgresDatabase();
    drop = scratch.drop;
    const config = loadConfig({ DEMO: 'false', DATABASE_POOL_SIZE: '2', DATABASE_POOL_WAIT_MS: '200' });
    // the first process's pool: one connection for its lease, two for the holders of the overload test
    for (let i = 0; i < 2; i++) dbs.push(await openDatabase({ databaseUrl: scratch.url, poolSize: 3, poolWaitMs: 200 }));
    await migrate(dbs[0]);
    await seedReferenceData(dbs[0]);
    for (const db of dbs) {
      const built = await buildApp({ config, db });
      await built.app.ready();
      apps.push(built);
    }
    orgId = (await apps[0].services.directory.create(orgInput({ name: '重庆缓存共享科技有限公司' }) as never, SYSTEM)).id;
  });
  afterAll(async () => {
    for (const a of apps) await a.app.close();
    for (const db of dbs) await db.close();
    await drop();
  });

  it('serves the second process from the answer the first one stored, and both see a change made through either', async () => {
    const a1 = await apps[0].app.inject({ url: LIST });
    expect(a1.headers['x-cache']).toBe('miss');
    // the store is not awaited by the request: wait for the row
    await expect.poll(async () => (await dbs[1].query(sql`SELECT count(*)::int AS n FROM http_cache`)).rows[0]).toEqual({ n: 1 });
    const b1 = await apps[1].app.inject({ url: LIST });
    expect(b1.headers['x-cache']).toBe('hit');
    expect(b1.body).toBe(a1.body);
    await apps[1].services.directory.update(orgId, { name: '重庆缓存共享计量有限公司' } as never, SYSTEM);
    const a2 = await apps[0].app.inject({ url: LIST });
    expect(a2.headers['x-cache']).toBe('miss');
    expect(a2.json().items[0].name).toBe('重庆缓存共享计量有限公司');
    // the second process either finds what the first just stored or computes it itself: never the old name
    const b2 = await apps[1].app.inject({ url: LIST });
    expect(b2.json().items[0].name).toBe('重庆缓存共享计量有限公司');
  });

  it("answers 503 with Retry-After, in the caller's language, when no database connection comes free in time", async () => {
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    // both connections of the first process's pool are taken by work that has not finished
    const holders = [0, 1].map(() => dbs[0].transaction(() => held));
    try {
      await expect
        .poll(
          async () =>
            (await dbs[1].query(sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'idle in transaction' AND datname = current_database()`))
              .rows[0].n,
        )
        .toBe(2);
      const res = await apps[0].app.inject({ url: `/api/v1/orgs/${orgId}`, headers: { 'accept-language': 'zh-CN' } });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json().error.code).toBe('overloaded');
      expect(res.json().error.message).toContain('服务器繁忙');
    } finally {
      release();
      await Promise.all(holders);
    }
    expect((await apps[0].app.inject({ url: `/api/v1/orgs/${orgId}` })).statusCode).toBe(200);
  });
});

describe('the event-loop guard', () => {
  // on its own Fastify instance: the app's start (migrations on the embedded database) lags the loop by itself
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    await registerOverloadGuard(app, { maxEventLoopDelayMs: 50 });
    app.get('/ping', async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(() => app.close());

  it("answers 503 with Retry-After in the caller's language while the event loop lags, and serves again after", async () => {
    // the process is made to lag: synchronous work of 1.5 s, longer than the guard's sampling interval (1 s), so that
    // the mean delay of its next sample (one 1.5 s delay among a few short ones) is far above the 50 ms limit,
    // while an idle loop's mean is about 0; again until the guard has seen it
    let refused: LightMyRequestResponse | null = null;
    await expect
      .poll(
        async () => {
          const until = Date.now() + 1500;
          while (Date.now() < until) {
            /* busy: the lag the guard measures */
          }
          await new Promise((r) => setImmediate(r));
          const res = await app.inject({ url: '/ping', headers: { 'accept-language': 'en' } });
          if (res.statusCode === 503) refused = res;
          return res.statusCode;
        },
        { timeout: 30_000, interval: 50 },
      )
      .toBe(503);
    const res = refused as unknown as LightMyRequestResponse;
    expect(res.headers['retry-after']).toBe('1');
    expect(res.json().error).toEqual({ code: 'overloaded', message: 'The server is busy with many visitors right now. Please try again in 1 s.', fields: [] });
    // the lag over, requests are served again
    await expect.poll(async () => (await app.inject({ url: '/ping' })).statusCode, { timeout: 30_000, interval: 200 }).toBe(200);
  });
});
