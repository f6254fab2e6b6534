/**
 * The HTTP layer against hostile input: foreign-origin writes, NULs and broken UTF-8, ids that are not plain
 * decimal, edits that change nothing, Fastify's own errors in our shape and words, links that do not trust
 * the Host header, and the security headers every response carries.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.ts';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { createInstrument, ownerOrg } from '../helpers/instruments.ts';
import { achievementInput, demandInput, orgWithMember, published } from '../helpers/market.ts';

const count = async (t: TestApp, table: 'entity_history' | 'outbox_events') =>
  (await t.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`)).rows[0].n;

/** Raw HTTP on a real socket: what Node's parser sees before Fastify does. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.on('data', (d) => {
      out += d.toString('utf8');
    });
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
    setTimeout(() => socket.destroy(), 3000);
  });
}

describe.each(engines())('HTTP hardening on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(engine);
  });
  afterAll(async () => t?.close());

  const patchOrg = (headers: Record<string, string>, name = '重庆会员测试科技有限公司（改）') =>
    t.request({ method: 'PATCH', url: `/api/v1/orgs/${t.memberOrgId}`, role: 'admin', headers, body: { name } });

  it('refuses a cookie-authenticated write from another origin, by Origin, Referer or Sec-Fetch-Site, and changes nothing', async () => {
    const version = (await t.request({ url: `/api/v1/orgs/${t.memberOrgId}` })).json().version;
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'http://localhost.evil.example' },
      { referer: 'https://evil.example/page?x=1' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'http://localhost', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of foreign) {
      const res = await patchOrg(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'foreign_origin', fields: [] });
      expect(res.json().error.message).toMatch(/^拒绝来自其他网站的请求/);
    }
    expect((await t.request({ url: `/api/v1/orgs/${t.memberOrgId}` })).json().version).toBe(version);
    const en = await t.request({ method: 'DELETE', url: '/api/v1/synonyms/1', role: 'admin', lang: 'en', headers: { origin: 'https://evil.example' } });
    expect(en.json().error.message).toMatch(/^Requests from other websites are refused/);
  });

  it('lets through our own pages, API clients without Origin or Referer, writes without the cookie, and reads', async () => {
    // inject's Host is localhost:80: its own origin is http://localhost
    expect((await patchOrg({ origin: 'http://localhost' }, '重庆会员测试科技有限公司')).statusCode).toBe(200);
    expect((await patchOrg({ referer: 'http://localhost/orgs/1/edit' }, '重庆会员测试科技有限公司甲')).statusCode).toBe(200);
    expect((await patchOrg({ 'sec-fetch-site': 'same-origin' }, '重庆会员测试科技有限公司')).statusCode).toBe(200);
    expect((await patchOrg({})).statusCode).toBe(200);
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example' },
      body: { username: 'admin', password: 'wrong-password' },
    });
    expect(login.statusCode).toBe(401);
    expect((await t.request({ url: `/api/v1/orgs/${t.memberOrgId}/history`, role: 'admin', headers: { origin: 'https://evil.example' } })).statusCode).toBe(
      200,
    );
  });

  it('refuses NULs, lone surrogates and bytes that are not UTF-8 in any string, naming the field, before the database sees them', async () => {
    const q = await t.request({ url: '/api/v1/orgs?q=%E6%A3%80%00' });
    expect(q.statusCode).toBe(400);
    expect(q.json().error).toEqual({
      code: 'validation_failed',
      message: '提交的内容有误，请检查标出的字段。',
      fields: [{ path: 'query.q', message: '「搜索词」不能包含空字符或无效字符。' }],
    });
    // a percent-encoding that is not UTF-8 is U+FFFD once decoded: refused too, in English for an English caller
    const bad = await t.request({ url: '/api/v1/search?q=%FF%FE', lang: 'en' });
    expect(bad.json().error.fields).toEqual([{ path: 'query.q', message: expect.stringMatching(/cannot contain null or invalid characters/) }]);
    // the export is a stream: it must refuse before the first byte, as JSON
    const exp = await t.request({ url: '/api/v1/orgs/export?format=csv&q=%00', role: 'admin' });
    expect(exp.statusCode).toBe(400);
    expect(exp.headers['content-type']).toMatch(/application\/json/);
    expect(exp.json().error.fields[0].path).toBe('query.q');
    // JSON bodies: "\u0000" and a lone "\ud800" escape, at the top and inside a list of objects
    for (const [payload, path, label] of [
      ['{"name":"重庆\\u0000科技","uscc":"x"}', 'name', '机构名称'],
      ['{"name":"重庆\\ud800科技"}', 'name', '机构名称'],
      ['{"name":"重庆科技有限公司","recognitions":[{"kind":"hi_tech","certificateNo":"\\udfffGR"}]}', 'recognitions.0.certificateNo', ''],
    ]) {
      const res = await t.request({ method: 'POST', url: '/api/v1/orgs', role: 'admin', payload, headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual([{ path, message: expect.stringContaining('不能包含空字符或无效字符') }]);
      if (label) expect(res.json().error.fields[0].message).toBe(`「${label}」不能包含空字符或无效字符。`);
    }
    // raw bytes that are not UTF-8 inside a JSON string arrive as U+FFFD
    const bytes = Buffer.concat([Buffer.from('{"name":"重庆'), Buffer.from([0xff, 0xfe]), Buffer.from('科技"}')]);
    const raw = await t.request({
      method: 'PATCH',
      url: `/api/v1/orgs/${t.memberOrgId}`,
      role: 'admin',
      payload: bytes,
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.json().error.fields).toEqual([{ path: 'name', message: '「机构名称」不能包含空字符或无效字符。' }]);
    // a path parameter
    const code = await t.request({ method: 'PATCH', url: '/api/v1/reference/categories/rd%00', role: 'admin', body: { nameZh: '研发' } });
    expect(code.json().error.fields).toEqual([{ path: 'params.code', message: '「代码」不能包含空字符或无效字符。' }]);
  });

  it('takes ids only as plain decimal digits, naming 编号 otherwise; a leading zero is refused too', async () => {
    for (const id of ['0x10', '%201', '1%20', '1e1', '01', '-1', '1.5', '0', '9007199254740992', '1%00']) {
      const res = await t.request({ url: `/api/v1/orgs/${id}` });
      expect(res.statusCode, id).toBe(400);
      expect(res.json().error.fields, id).toEqual([{ path: 'params.id', message: expect.stringMatching(/^「编号」/) }]);
    }
    expect((await t.request({ url: `/api/v1/orgs/${t.memberOrgId}` })).statusCode).toBe(200);
    // query ids and numbers likewise
    const owner = await t.request({ url: '/api/v1/instruments?owner=0x1' });
    expect(owner.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['query.owner']);
    expect((await t.request({ url: '/api/v1/orgs?page=1e1' })).json().error.fields.map((f: { path: string }) => f.path)).toEqual(['query.page']);
    expect((await t.request({ url: '/api/v1/orgs?page=2' })).statusCode).toBe(200);
    const hours = await t.request({ url: '/api/v1/instruments?minHours=0x2&freeFrom=2027-03-01T09:00:00%2B08:00&freeTo=2027-03-02T09:00:00%2B08:00' });
    expect(hours.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['query.minHours']);
    // and a day that does not exist is not rolled over into the next month
    const feb30 = await t.request({ url: '/api/v1/instrument-stats?from=2027-02-30T00:00:00%2B08:00&to=2027-03-31T00:00:00%2B08:00', role: 'admin' });
    expect(feb30.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['query.from']);
  });

  it('answers an edit that changes nothing with the record as it is, on every PATCH route: no version, history entry or event', async () => {
    const lab = await ownerOrg(t, 'harden-lab', '重庆加固测试研究院');
    const instrumentId = await createInstrument(t, lab.orgId);
    const firm = await orgWithMember(t, 'harden-firm');
    const achievementId = await published(t, 'achievements', lab.cookie, achievementInput());
    const demandId = await published(t, 'demands', firm.cookie, demandInput());
    const expertId = (await t.request({ method: 'POST', url: '/api/v1/experts', role: 'admin', body: { name: '加固测试专家', title: '研究员' } })).json().id;
    const routes: { url: string; same: (current: Record<string, unknown>) => Record<string, unknown>; change: Record<string, unknown> }[] = [
      {
        url: `/api/v1/orgs/${t.memberOrgId}`,
        same: (c) => ({ name: c.name, kinds: c.kinds, address: c.address }),
        change: { address: '重庆市渝中区解放碑2号' },
      },
      {
        url: `/api/v1/instruments/${instrumentId}`,
        same: (c) => ({ name: c.name, openingHours: c.openingHours, priceExternalFen: c.priceExternalFen }),
        change: { room: '材料楼 306' },
      },
      {
        url: `/api/v1/achievements/${achievementId}`,
        same: (c) => ({ title: c.title, keywords: c.keywords, transferModes: c.transferModes }),
        change: { trl: 7 },
      },
      {
        url: `/api/v1/demands/${demandId}`,
        same: (c) => ({ title: c.title, cooperationModes: c.cooperationModes, deadline: c.deadline }),
        change: { budgetFen: 900_0000_00 },
      },
      { url: `/api/v1/experts/${expertId}`, same: (c) => ({ name: c.name, title: c.title }), change: { title: '教授' } },
      { url: '/api/v1/reference/categories/testing', same: (c) => ({ nameZh: c.nameZh, industryCodes: c.industryCodes }), change: { sortOrder: 30 } },
      { url: '/api/v1/reference/divisions/500103', same: (c) => ({ name: c.name, provisional: c.provisional }), change: { note: '加固测试' } },
    ];
    const read = async (url: string) => {
      if (url.startsWith('/api/v1/reference/')) {
        const [, , , , kind, code] = url.split('/');
        return (await t.request({ url: `/api/v1/reference/${kind}` })).json().items.find((x: { code: string }) => x.code === code);
      }
      return (await t.request({ url, role: 'admin' })).json();
    };
    for (const r of routes) {
      const current = await read(r.url);
      const [history, events] = [await count(t, 'entity_history'), await count(t, 'outbox_events')];
      for (const body of [{}, r.same(current), { ...r.same(current), unknownField: 1 }]) {
        const res = await t.request({ method: 'PATCH', url: r.url, role: 'admin', body });
        expect(res.statusCode, `${r.url} ${JSON.stringify(body)}`).toBe(200);
        expect(res.json(), r.url).toMatchObject({ ...r.same(current), ...(current.version ? { version: current.version } : {}) });
      }
      expect([await count(t, 'entity_history'), await count(t, 'outbox_events')], r.url).toEqual([history, events]);
      // a real change is written, with its history
      const changed = await t.request({ method: 'PATCH', url: r.url, role: 'admin', body: r.change });
      expect(changed.statusCode, r.url).toBe(200);
      if (current.version) expect(changed.json().version, r.url).toBe(current.version + 1);
      expect(await count(t, 'entity_history'), r.url).toBe(history + 1);
    }
    // a stale version is still a conflict, even when the edit would change nothing
    const org = await read(`/api/v1/orgs/${t.memberOrgId}`);
    const stale = await t.request({ method: 'PATCH', url: `/api/v1/orgs/${t.memberOrgId}`, role: 'admin', body: { version: org.version - 1 } });
    expect(stale.statusCode).toBe(409);
    // and a caller who may not edit is refused, changes or not
    expect((await t.request({ method: 'PATCH', url: `/api/v1/instruments/${instrumentId}`, role: 'member', body: {} })).statusCode).toBe(403);
  });

  it('answers Fastify’s own errors in the one shape, in the caller’s language', async () => {
    const badUrl = await t.request({ url: '/api/v1/orgs/%E0%A4%A', lang: 'en' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json()).toEqual({ error: { code: 'bad_url', message: expect.stringMatching(/^The address has an encoding/), fields: [] } });
    const long = await t.request({ url: `/api/v1/orgs/${'1'.repeat(250)}` });
    expect(long.statusCode).toBe(414);
    expect(long.json().error).toEqual({ code: 'url_too_long', message: '网址中的参数过长。', fields: [] });
    const method = await t.request({ method: 'PROPFIND', url: '/api/v1/orgs' });
    expect(method.json().error).toEqual({ code: 'not_found', message: '接口不存在：PROPFIND /api/v1/orgs', fields: [] });
    const json = { 'content-type': 'application/json' };
    const empty = await t.request({ method: 'POST', url: '/api/v1/orgs', role: 'admin', headers: json, payload: '' });
    expect(empty.json().error).toEqual({ code: 'bad_json', message: '请求声明了 JSON 内容，但请求体为空。', fields: [] });
    const deep = await t.request({ method: 'POST', url: '/api/v1/orgs', role: 'admin', headers: json, payload: `${'['.repeat(100)}${']'.repeat(100)}` });
    expect(deep.json().error).toEqual({ code: 'bad_json', message: '请求体的嵌套层级过深（最多 32 层）。', fields: [] });
    const big = await t.request({ method: 'POST', url: '/api/v1/orgs', role: 'admin', headers: json, payload: `{"name":"${'x'.repeat(2.1 * 1024 * 1024)}"}` });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toEqual({ code: 'payload_too_large', message: '请求体过大（上限 2 MB）。', fields: [] });
    const xml = await t.request({
      method: 'POST',
      url: '/api/v1/orgs',
      role: 'admin',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
      lang: 'en',
    });
    expect(xml.json().error).toEqual({ code: 'unsupported_media_type', message: 'Unsupported content type: application/xml.', fields: [] });
  });

  it('answers requests Node’s parser cannot read (a bad Content-Length, an unknown method) in the one shape', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as net.AddressInfo).port;
    for (const head of ['POST /api/v1/orgs HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', 'FOO /api/v1/orgs HTTP/1.1\r\nHost: x\r\n\r\n']) {
      const out = await rawRequest(port, head);
      expect(out).toMatch(/^HTTP\/1\.1 400 /);
      const body = JSON.parse(out.slice(out.indexOf('\r\n\r\n') + 4));
      expect(body).toEqual({ error: { code: 'bad_request', message: '请求格式有误，服务器无法读取。', fields: [] } });
    }
  });

  it('writes links from the configured public address, never from the Host header', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/me/calendar-token',
      role: 'member',
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/api\/v1\/me\/calendar\.ics\?token=/);
    expect(res.json().url).not.toContain('evil');
  });

  it('sends security headers on pages and API: a CSP without inline scripts, no framing, nosniff, a referrer policy, no HSTS over HTTP', async () => {
    for (const url of ['/api/v1/reference', '/', '/api/v1/nothing']) {
      const res = await t.request({ url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toMatch(/(^|;)\s*script-src 'self'(;|$)/);
      expect(csp, url).toMatch(/frame-ancestors 'none'/);
      expect(csp, url).toMatch(/style-src 'self' 'unsafe-inline'/);
      expect(csp, url).not.toMatch(/upgrade-insecure-requests/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
    const docs = await t.request({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(String(docs.headers['content-security-policy'])).toMatch(/script-src 'self'(;|$)/);
    expect(String(docs.headers['content-security-policy'])).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});

describe('numbers in the URL', () => {
  it('go through the shared IdParam, queryInt or queryDecimal in every module (z.coerce.number takes 0x10, 1e1 and " 1")', () => {
    const root = path.resolve(import.meta.dirname, '../../src/server');
    const offenders = (fs.readdirSync(root, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && f !== 'config.ts')
      .filter((f) => /z\.coerce\.number/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('PUBLIC_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp('pglite', { PUBLIC_URL: 'https://kefutong.example.cn/', COOKIE_SECURE: 'true' });
  });
  afterAll(async () => t?.close());

  it('is validated and kept without its trailing slash; the default is the address the console prints', () => {
    expect(loadConfig({}).publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ HOST: '::1' }).publicUrl).toBe('http://[::1]:3000');
    expect(loadConfig({ PUBLIC_URL: 'https://x.example.cn/kft/' }).publicUrl).toBe('https://x.example.cn/kft');
    for (const bad of ['ftp://x.example.cn', 'x.example.cn', 'https://user:pw@x.example.cn', 'https://x.example.cn/?a=1']) {
      expect(() => loadConfig({ PUBLIC_URL: bad }), bad).toThrow(ConfigError);
    }
  });

  it('builds the calendar link, and is the only origin cookie-authenticated writes may come from', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/me/calendar-token',
      role: 'member',
      headers: { host: 'evil.example', origin: 'https://kefutong.example.cn' },
    });
    expect(res.json().url).toMatch(/^https:\/\/kefutong\.example\.cn\/api\/v1\/me\/calendar\.ics\?token=/);
    // the request's own host is no longer enough once PUBLIC_URL names the site
    const own = await t.request({ method: 'POST', url: '/api/v1/me/calendar-token', role: 'member', headers: { origin: 'http://localhost' } });
    expect(own.json().error.code).toBe('foreign_origin');
  });

  it('turns on HSTS and upgrade-insecure-requests once the site is served over HTTPS', async () => {
    const res = await t.request({ url: '/api/v1/reference' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(String(res.headers['content-security-policy'])).toMatch(/upgrade-insecure-requests/);
  });
});
