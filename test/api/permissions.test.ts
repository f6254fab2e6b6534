import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, orgInput, startApp, type TestApp } from '../helpers/app.ts';

/** Each role is refused what it may not do, and the refusal changes nothing. */
describe.each(engines())('permissions on %s', (engine) => {
  let t: TestApp;
  let outside: number; // an org in 沙坪坝区, outside the district admin's 渝中区
  let inside: number;
  beforeAll(async () => {
    t = await startApp(engine);
    outside = (
      await t.request({ method: 'POST', url: '/api/v1/orgs', role: 'admin', body: orgInput({ districtCode: '500106', name: '重庆沙坪坝权限测试有限公司' }) })
    ).json().id;
    inside = (
      await t.request({ method: 'POST', url: '/api/v1/orgs', role: 'admin', body: orgInput({ districtCode: '500103', name: '重庆渝中权限测试有限公司' }) })
    ).json().id;
  });
  afterAll(async () => t?.close());

  const csv = Buffer.from('统一社会信用代码,机构名称\n91350100M000100Y43,重庆导入权限测试有限公司\n');
  const multipart = (file: Buffer) => {
    const boundary = '----kft';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  };

  const writes = (role?: 'admin' | 'district' | 'member') => ({
    createOutside: () => t.request({ method: 'POST', url: '/api/v1/orgs', role, body: orgInput({ districtCode: '500106' }) }),
    editOutside: () => t.request({ method: 'PATCH', url: `/api/v1/orgs/${outside}`, role, body: { name: '被改名的机构' } }),
    moveOut: () => t.request({ method: 'PATCH', url: `/api/v1/orgs/${inside}`, role, body: { districtCode: '500106' } }),
    importFile: () => t.request({ method: 'POST', url: '/api/v1/orgs/import', role, ...multipart(csv) }),
    publish: () => t.request({ method: 'POST', url: '/api/v1/publications', role, body: { title: '测试清单', filters: {} } }),
    editReference: () => t.request({ method: 'PATCH', url: '/api/v1/reference/categories/rd', role, body: { nameZh: '改名' } }),
  });

  it('anonymous callers are asked to sign in for every write', async () => {
    for (const [name, call] of Object.entries(writes(undefined))) {
      const res = await call();
      expect(res.statusCode, name).toBe(401);
      expect(res.json().error.code, name).toBe('unauthorized');
    }
  });

  it('an organization member may not write to the directory, import, publish or edit reference data', async () => {
    for (const [name, call] of Object.entries(writes('member'))) {
      const res = await call();
      expect(res.statusCode, name).toBe(403);
      expect(res.json().error.message, name).toBe('您没有执行此操作的权限。');
    }
  });

  it('a district admin manages only their district and may not publish or edit reference data', async () => {
    const w = writes('district');
    for (const name of ['createOutside', 'editOutside', 'moveOut', 'publish', 'editReference'] as const) {
      expect((await w[name]()).statusCode, name).toBe(403);
    }
    expect((await w.createOutside()).json().error.message).toContain('渝中区'.length ? '500103' : '');
    const mine = await t.request({ method: 'POST', url: '/api/v1/orgs', role: 'district', body: orgInput({ districtCode: '500103' }) });
    expect(mine.statusCode).toBe(201);
    const edit = await t.request({ method: 'PATCH', url: `/api/v1/orgs/${inside}`, role: 'district', body: { employees: 12 } });
    expect(edit.statusCode).toBe(200);
  });

  it('refusals changed nothing', async () => {
    const o = (await t.request({ url: `/api/v1/orgs/${outside}`, role: 'admin' })).json();
    expect(o).toMatchObject({ name: '重庆沙坪坝权限测试有限公司', version: 1 });
    const i = (await t.request({ url: `/api/v1/orgs/${inside}`, role: 'admin' })).json();
    expect(i.districtCode).toBe('500103');
    expect((await t.request({ url: '/api/v1/publications' })).json().total).toBe(0);
    const cats = (await t.request({ url: '/api/v1/reference/categories' })).json().items;
    expect(cats.find((c: { code: string }) => c.code === 'rd').nameZh).toBe('研究开发服务');
  });

  it('the admin may do all of it, and reference edits keep history', async () => {
    const w = writes('admin');
    expect((await w.editReference()).statusCode).toBe(200);
    const history = (await t.request({ url: '/api/v1/reference/categories/rd/history', role: 'admin' })).json();
    expect(history.items[0]).toMatchObject({ action: 'update', before: { nameZh: '研究开发服务' }, after: { nameZh: '改名' } });
    expect((await w.publish()).statusCode).toBe(201);
  });

  it('signs in and out with an httpOnly cookie; wrong passwords get one message', async () => {
    const bad = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { username: 'admin', password: 'wrong' } });
    const nobody = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { username: 'nobody', password: 'wrong' } });
    expect(bad.statusCode).toBe(401);
    expect(nobody.json().error.message).toBe(bad.json().error.message);
    const ok = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { username: 'member', password: 'test-password-1' } });
    const cookie = ok.cookies.find((c) => c.name === 'kft_session')!;
    expect(cookie.httpOnly).toBe(true);
    const headers = { cookie: `kft_session=${cookie.value}` };
    expect((await t.request({ url: '/api/v1/auth/me', headers })).json().user).toMatchObject({ username: 'member', role: 'org_member', orgId: t.memberOrgId });
    await t.request({ method: 'POST', url: '/api/v1/auth/logout', headers });
    // signed out is a normal state, not an error: "who am I" answers nobody
    const after = await t.request({ url: '/api/v1/auth/me', headers });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual({ user: null });
  });

  it('answers an anonymous "who am I" with 200 and no user, and documents both answers', async () => {
    const anonymous = await t.request({ url: '/api/v1/auth/me' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ user: null });
    const admin = (await t.request({ url: '/api/v1/auth/me', role: 'admin' })).json();
    expect(admin).toEqual({ user: { id: expect.any(Number), username: 'admin', displayName: '管理员', role: 'admin', orgId: null, districtCode: null } });
    const doc = (await t.request({ url: '/api/openapi.json' })).json();
    const me = doc.paths['/api/v1/auth/me'].get;
    const schema = me.responses['200'].content['application/json'].schema;
    expect(schema.required).toEqual(['user']);
    // OpenAPI 3.1: the User component or null
    expect(schema.properties.user).toEqual({ anyOf: [{ $ref: '#/components/schemas/User' }, { type: 'null' }] });
    expect(doc.components.schemas.User).toMatchObject({ type: 'object', required: expect.arrayContaining(['id', 'username', 'role', 'orgId']) });
    expect(me.responses['401']).toBeUndefined();
  });

  it('lists no demo accounts when the server is not in demo mode', async () => {
    const res = await t.request({ url: '/api/v1/auth/demo-accounts' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ password: null, accounts: [] });
  });
});

describe.each(engines())('demo accounts on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    // demo mode without the generated data: only the accounts that exist are listed
    t = await startApp(engine, { DEMO: 'true', DEMO_ORG_COUNT: '0' });
    await t.services.auth.createUser({ username: 'demo-admin', password: 'demo-kefutong', role: 'admin', displayName: '市科技局（演示）' });
    await t.services.auth.createUser({
      username: 'demo-district',
      password: 'demo-kefutong',
      role: 'district_admin',
      displayName: '渝中区科技局（演示）',
      districtCode: '500103',
    });
    await t.services.auth.createUser({
      username: 'demo-lab',
      password: 'demo-kefutong',
      role: 'org_member',
      displayName: '仪器管理员（演示）',
      orgId: t.memberOrgId,
    });
  });
  afterAll(async () => t?.close());

  it('lists the demo accounts that exist, in the documented order, with their roles and the shared password', async () => {
    const res = await t.request({ url: '/api/v1/auth/demo-accounts' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      password: 'demo-kefutong',
      accounts: [
        { username: 'demo-admin', role: 'admin' },
        { username: 'demo-district', role: 'district_admin' },
        { username: 'demo-lab', role: 'org_member' },
      ],
    });
  });
});
