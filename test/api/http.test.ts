import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../src/server/app.ts';
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
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/orgs', '/api/v1/orgs/{id}', '/api/v1/orgs/import', '/api/v1/publications', '/api/v1/auth/login']),
    );
    const body = doc.paths['/api/v1/orgs'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['uscc', 'name']));
    expect((await t.request({ url: '/api/docs/' })).statusCode).toBe(200);
  });

  it('declares every operation whole: an operationId, a 2xx response schema, its errors in the one shape, its security', async () => {
    const doc = (await t.request({ url: '/api/openapi.json' })).json();
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'kft_session' });
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message', 'fields']);
    const problems: string[] = [];
    const ids = new Set<string>();
    let operations = 0;
    for (const [url, item] of Object.entries(
      doc.paths as Record<
        string,
        Record<string, { operationId?: string; security?: unknown; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
      >,
    )) {
      for (const [method, op] of Object.entries(item)) {
        operations++;
        const where = `${method.toUpperCase()} ${url}`;
        if (!op.operationId) problems.push(`${where}: no operationId`);
        else if (ids.has(op.operationId)) problems.push(`${where}: operationId ${op.operationId} used twice`);
        ids.add(op.operationId ?? where);
        const responses = op.responses ?? {};
        const codes = Object.keys(responses);
        const ok = codes.filter((c) => /^2/.test(c));
        // a browser navigation (single sign-on's start and callback) answers with a redirect, which has no body
        const redirects = codes.filter((c) => /^3/.test(c));
        if (!ok.length && !redirects.length) problems.push(`${where}: no 2xx response`);
        for (const c of ok) if (c !== '204' && !responses[c].content) problems.push(`${where}: ${c} has no schema`);
        for (const c of codes.filter((c) => /^[45]/.test(c))) {
          const schema = responses[c].content?.['application/json']?.schema;
          if (!schema) problems.push(`${where}: ${c} has no error schema`);
        }
        if (!Array.isArray(op.security)) problems.push(`${where}: no security declared`);
      }
    }
    expect(problems).toEqual([]);
    expect(operations).toBeGreaterThan(90);
  });

  it('gives every response a request id, echoing the caller one', async () => {
    const res = await t.request({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect((await t.request({ url: '/healthz' })).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.request({ url: '/readyz' })).json()).toEqual({
      status: 'ready',
      database: engine,
      responseCache: { enabled: true, hits: expect.any(Number), misses: expect.any(Number), entries: expect.any(Number), bytes: expect.any(Number) },
    });
  });

  it('uses one error shape for unknown routes, bad JSON and bad ids, in the caller language', async () => {
    const missing = await t.request({ url: '/api/v1/nothing', lang: 'en' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: 'No such endpoint: GET /api/v1/nothing', fields: [] } });
    const badJson = await t.request({
      method: 'POST',
      url: '/api/v1/orgs',
      role: 'admin',
      payload: '{"uscc":',
      headers: { 'content-type': 'application/json' },
    });
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
    expect(ref.categories.find((c: { code: string }) => c.code === 'testing')).toMatchObject({
      nameZh: '检验检测认证服务',
      nationalClass: '专业化技术服务',
      industryCodes: ['745'],
    });
    expect(ref.divisions.find((d: { code: string }) => d.code === '500105')).toMatchObject({
      name: '江北区',
      nameEn: 'Jiangbei District',
      validTo: '2025-11-06',
      successorCode: '500199',
    });
    expect(ref.divisions.every((d: { nameEn: string | null }) => d.nameEn)).toBe(true);
    expect(ref.clusters).toHaveLength(3);
  });

  it('gives divisions seeded before English names existed their English names at the next start, keeping an admin’s own', async () => {
    await t.db.query(sql`UPDATE divisions SET name_en = NULL WHERE code IN ('500101', '500199')`);
    await t.db.query(sql`UPDATE divisions SET name_en = 'Wanzhou' WHERE code = '500101'`);
    await seedReferenceData(t.db);
    const { rows } = await t.db.query<{ code: string; name_en: string }>(
      sql`SELECT code, name_en FROM divisions WHERE code IN ('500101', '500199') ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: '500101', name_en: 'Wanzhou' },
      { code: '500199', name_en: 'Liangjiang New Area' },
    ]);
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

// The built web app as a browser gets it (npm ci builds dist/web; the browser tests need it too).
describe.runIf(fs.existsSync(path.join(WEB_DIST, 'index.html')))('the web app’s files', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp('pglite');
  });
  afterAll(async () => t?.close());

  const assetOf = (re: RegExp) => fs.readdirSync(path.join(WEB_DIST, 'assets')).find((f) => re.test(f))!;

  it('are sent pre-compressed as the browser accepts, brotli before gzip, plain to a client that asks for neither', async () => {
    const js = `/assets/${assetOf(/^index-.*\.js$/)}`;
    const plain = fs.readFileSync(path.join(WEB_DIST, js));
    const br = await t.request({ url: js, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(plain)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(plain.length / 2);
    const gz = await t.request({ url: js, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).equals(plain)).toBe(true);
    const none = await t.request({ url: js, headers: { 'accept-encoding': 'identity' } });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.rawPayload.equals(plain)).toBe(true);
    const geo = await t.request({ url: '/geo/chongqing.json', headers: { 'accept-encoding': 'br' } });
    expect(geo.headers['content-encoding']).toBe('br');
  });

  it('hashed assets are kept for a year; index.html and the app’s routes are revalidated (304 when unchanged)', async () => {
    const js = await t.request({ url: `/assets/${assetOf(/^index-.*\.js$/)}` });
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/index.html', '/orgs/1', '/geo/chongqing.json']) {
      const res = await t.request({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    const first = await t.request({ url: '/', headers: { 'accept-encoding': 'br' } });
    const again = await t.request({ url: '/', headers: { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });
});
