import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/platform/db/database.ts';
import { migrate } from '../../src/server/platform/db/migrate.ts';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, freshPostgresDatabase, startApp, type TestApp } from '../helpers/app.ts';
import { seedReferenceData } from '../../src/server/modules/reference/service.ts';

describe.each(engines())('HTTP conventions on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(engine);
  });
  afterAll(async () => t?.close());

  it('serves an OpenAPI document generated from the same schemas, and browsable docs', async () => {
    const doc = (await t.request({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/orgs', '/api/v1/orgs/{id}', '/api/v1/orgs/import', '/api/v1/publications', '/api/v1/auth/login']));
    const body = doc.paths['/api/v1/orgs'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['uscc', 'name']));
    expect((await t.request({ url: '/api/docs/' })).statusCode).toBe(200);
  });

  it('gives every response a request id, echoing the caller one', async () => {
    const res = await t.request({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect((await t.request({ url: '/healthz' })).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.request({ url: '/readyz' })).json()).toEqual({ status: 'ready', database: engine });
  });

  it('uses one error shape for unknown routes, bad JSON and bad ids, in the caller language', async () => {
    const missing = await t.request({ url: '/api/v1/nothing', lang: 'en' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: 'No such endpoint: GET /api/v1/nothing', fields: [] } });
    const badJson = await t.request({ method: 'POST', url: '/api/v1/orgs', role: 'admin', payload: '{"uscc":', headers: { 'content-type': 'application/json' } });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error).toMatchObject({ code: 'bad_json', message: '请求体不是有效的 JSON。' });
    const badId = await t.request({ url: '/api/v1/orgs/abc' });
    expect(badId.json().error.fields[0].path).toBe('params.id');
    const noOrg = await t.request({ url: '/api/v1/orgs/999999', lang: 'en-GB,en;q=0.9' });
    expect(noOrg.json().error).toEqual({ code: 'not_found', message: 'Organization not found.', fields: [] });
  });

  it('lists reference data: 8 categories with their national class, divisions with successors', async () => {
    const ref = (await t.request({ url: '/api/v1/reference' })).json();
    expect(ref.categories).toHaveLength(8);
    expect(ref.categories.find((c: { code: string }) => c.code === 'testing')).toMatchObject({ nameZh: '检验检测认证服务', nationalClass: '专业化技术服务', industryCodes: ['745'] });
    expect(ref.divisions.find((d: { code: string }) => d.code === '500105')).toMatchObject({ name: '江北区', nameEn: 'Jiangbei District', validTo: '2025-11-06', successorCode: '500199' });
    expect(ref.divisions.every((d: { nameEn: string | null }) => d.nameEn)).toBe(true);
    expect(ref.clusters).toHaveLength(3);
  });

  it('gives divisions seeded before English names existed their English names at the next start, keeping an admin’s own', async () => {
    await t.db.query(sql`UPDATE divisions SET name_en = NULL WHERE code IN ('500101', '500199')`);
    await t.db.query(sql`UPDATE divisions SET name_en = 'Wanzhou' WHERE code = '500101'`);
    await seedReferenceData(t.db);
    const { rows } = await t.db.query<{ code: string; name_en: string }>(sql`SELECT code, name_en FROM divisions WHERE code IN ('500101', '500199') ORDER BY code`);
    expect(rows).toEqual([{ code: '500101', name_en: 'Wanzhou' }, { code: '500199', name_en: 'Liangjiang New Area' }]);
    await t.db.query(sql`UPDATE divisions SET name_en = 'Wanzhou District' WHERE code = '500101'`);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('migrations on PostgreSQL', () => {
  it('two processes starting at once against one database both come up; the schema is applied once', async () => {
    const { url, drop } = await freshPostgresDatabase();
    const a = await openDatabase({ databaseUrl: url });
    const b = await openDatabase({ databaseUrl: url });
    try {
      const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
      expect([...ra, ...rb].sort()).toEqual((await a.query<{ name: string }>(sql`SELECT name FROM schema_migrations ORDER BY name`)).rows.map((r) => r.name));
      expect(Math.min(ra.length, rb.length)).toBe(0);
    } finally {
      await a.close();
      await b.close();
      await drop();
    }
  });
});
