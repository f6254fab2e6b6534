/**
 * Accounts as an administrator, a user and an attacker try them: the city admin creates users, the
 * password policy names what is wrong, repeated failures lock (the right password waits too) and the
 * failures are in the audit trail, an admin unlocks, sessions end on idle and on role change, a user
 * sees and ends their own sessions, the second factor, and rate limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/server/platform/db/sql.ts';
import { base32Decode, totpAt } from '../../src/server/modules/auth/totp.ts';
import { engines, PASSWORD, startApp, type TestApp } from '../helpers/app.ts';

const errorShape = { error: { code: expect.any(String), message: expect.any(String), fields: expect.any(Array) } };

describe.each(engines())('accounts (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(engine);
  });
  afterAll(() => t?.close());

  const login = (username: string, password: string, extra: { code?: string; ip?: string } = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: extra.ip ?? '10.0.0.1',
      payload: { username, password, ...(extra.code ? { code: extra.code } : {}) },
    });
  const cookieOf = (res: { cookies: { name: string; value: string }[] }) => {
    const c = res.cookies.find((c) => c.name === 'kft_session')!;
    return `${c.name}=${c.value}`;
  };

  it('a city admin creates a user; the policy and duplicates are named by their labels; others may not', async () => {
    const weak = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      role: 'admin',
      body: { username: 'li.si', displayName: '李四', role: 'admin', password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields.map((f: { path: string; message: string }) => `${f.path}: ${f.message}`)).toEqual([
      'password: 密码至少需要 10 个字符。',
      'password: 密码须包含大写字母、小写字母、数字、符号中的至少 3 类。',
    ]);
    const noScope = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      role: 'admin',
      body: { username: 'li.si', displayName: '李四', role: 'district_admin', password: 'Kefutong-2026' },
    });
    expect(noScope.statusCode).toBe(400);
    expect(noScope.json().error.fields).toEqual([{ path: 'districtCode', message: '区县管理员须指定所属区县。' }]);

    const ok = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      role: 'admin',
      body: { username: 'Li.Si', displayName: '李四', role: 'district_admin', districtCode: '500106', email: 'lisi@example.cn', password: 'Kefutong-2026' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ username: 'li.si', role: 'district_admin', districtCode: '500106', status: 'active' });
    const dup = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      role: 'admin',
      body: { username: 'li.si', displayName: '李四', role: 'admin', password: 'Kefutong-2026' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual([{ path: 'username', message: '该用户名已被使用。' }]);
    expect((await login('li.si', 'Kefutong-2026')).statusCode).toBe(200);

    for (const role of ['district', 'member'] as const) {
      const denied = await t.request({
        method: 'POST',
        url: '/api/v1/users',
        role,
        body: { username: 'x.y.z', displayName: 'x', role: 'admin', password: 'Kefutong-2026' },
      });
      expect(denied.statusCode).toBe(403);
    }
    const audit = await t.request({ url: '/api/v1/audit?type=auth.user_created', role: 'admin' });
    expect(audit.json().items[0]).toMatchObject({ type: 'auth.user_created', typeLabel: '新建用户', actorName: 'admin', subjectId: String(ok.json().id) });
  });

  it('locks an account after 5 failures (the right password too), audits them, and an admin unlocks it', async () => {
    await t.request({
      method: 'POST',
      url: '/api/v1/users',
      role: 'admin',
      body: { username: 'wang.wu', displayName: '王五', role: 'admin', password: 'Kefutong-2026' },
    });
    for (let i = 0; i < 4; i++) {
      const res = await login('wang.wu', `wrong-${i}`, { ip: `10.1.0.${i}` });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject(errorShape);
    }
    const fifth = await login('wang.wu', 'wrong-5', { ip: '10.1.0.9' });
    expect(fifth.statusCode).toBe(423);
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(0);
    expect(fifth.json().error.message).toMatch(/账号已锁定/);
    const right = await login('wang.wu', 'Kefutong-2026', { ip: '10.1.0.10' });
    expect(right.statusCode).toBe(423);

    const failed = (await t.request({ url: '/api/v1/audit?type=auth.login_failed', role: 'admin' })).json();
    expect(failed.items.length).toBeGreaterThanOrEqual(5);
    expect(failed.items[0]).toMatchObject({
      type: 'auth.login_failed',
      outcome: 'failure',
      ip: '10.1.0.9',
      detail: { username: 'wang.wu', reason: 'wrong_password' },
    });
    // newest first
    expect(failed.items[0].id).toBeGreaterThan(failed.items[1].id);
    const kinds = (await t.request({ url: '/api/v1/audit?type=auth.locked,auth.login_refused', role: 'admin' }))
      .json()
      .items.map((e: { type: string }) => e.type);
    expect(kinds).toEqual(expect.arrayContaining(['auth.locked', 'auth.login_refused']));

    const list = (await t.request({ url: '/api/v1/users?status=locked', role: 'admin' })).json();
    const locked = list.items.find((u: { username: string }) => u.username === 'wang.wu');
    expect(locked.status).toBe('locked');
    expect((await t.request({ method: 'POST', url: `/api/v1/users/${locked.id}/unlock`, role: 'admin' })).json().status).toBe('active');
    expect((await login('wang.wu', 'Kefutong-2026', { ip: '10.1.0.11' })).statusCode).toBe(200);
  });

  it('locks an address that tries many accounts', async () => {
    for (let i = 0; i < 5; i++) expect((await login(`nobody-${i}`, 'x', { ip: '10.2.0.1' })).statusCode).toBe(401);
    const res = await login('admin', PASSWORD, { ip: '10.2.0.1' });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('too_many_attempts');
    // another address is not held up
    expect((await login('admin', PASSWORD, { ip: '10.2.0.2' })).statusCode).toBe(200);
  });

  it('a user changes their password (policy, history), which ends their other sessions; sees and ends sessions', async () => {
    await t.request({
      method: 'POST',
      url: '/api/v1/users',
      role: 'admin',
      body: { username: 'zhao.liu', displayName: '赵六', role: 'admin', password: 'Kefutong-2026' },
    });
    const a = cookieOf(await login('zhao.liu', 'Kefutong-2026', { ip: '10.3.0.1' }));
    const b = cookieOf(await login('zhao.liu', 'Kefutong-2026', { ip: '10.3.0.2' }));
    const sessions = (await t.app.inject({ url: '/api/v1/auth/sessions', headers: { cookie: a } })).json().items;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

    const change = (cookie: string, currentPassword: string, newPassword: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie }, payload: { currentPassword, newPassword } });
    expect((await change(a, 'nope', 'Kefutong-2027')).json().error.fields).toEqual([{ path: 'currentPassword', message: '当前密码不正确。' }]);
    expect((await change(a, 'Kefutong-2026', 'Kefutong-2026')).json().error.fields).toEqual([
      { path: 'newPassword', message: '不能使用最近 5 次用过的密码。' },
    ]);
    expect((await change(a, 'Kefutong-2026', 'zhao.liu-Secret1')).json().error.fields[0].message).toBe('密码不能包含用户名。');
    expect((await change(a, 'Kefutong-2026', 'Kefutong-2027')).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: a } })).json().user.username).toBe('zhao.liu');
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: b } })).json().user).toBeNull();
    // the old password is in the history now
    expect((await change(a, 'Kefutong-2027', 'Kefutong-2026')).statusCode).toBe(400);

    const c = cookieOf(await login('zhao.liu', 'Kefutong-2027', { ip: '10.3.0.3' }));
    const mine = (await t.app.inject({ url: '/api/v1/auth/sessions', headers: { cookie: a } })).json().items;
    const other = mine.find((s: { current: boolean }) => !s.current);
    // someone else's session is "not found", never ended
    expect((await t.request({ method: 'DELETE', url: `/api/v1/auth/sessions/${other.id}`, role: 'admin' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${other.id}`, headers: { cookie: a } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: c } })).json().user).toBeNull();
  });

  it('ends an office session idle for 30 minutes, and every session of a user whose role changes', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      role: 'admin',
      body: { username: 'qian.qi', displayName: '钱七', role: 'admin', password: 'Kefutong-2026' },
    });
    const cookie = cookieOf(await login('qian.qi', 'Kefutong-2026', { ip: '10.4.0.1' }));
    const me = () => t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } }).then((r) => r.json().user);
    expect((await me()).username).toBe('qian.qi');
    await t.db.query(sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = ${created.json().id}`);
    expect(await me()).toBeNull();

    const again = cookieOf(await login('qian.qi', 'Kefutong-2026', { ip: '10.4.0.1' }));
    const patch = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${created.json().id}`,
      role: 'admin',
      body: { role: 'district_admin', districtCode: '500103' },
    });
    expect(patch.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: again } })).json().user).toBeNull();
    const changed = (await t.request({ url: '/api/v1/audit?type=auth.user_role_changed', role: 'admin' })).json().items[0];
    expect(changed.detail.changed.role).toEqual({ from: 'admin', to: 'district_admin' });
    // nothing to change: no write, no entry
    const before = (await t.request({ url: '/api/v1/audit?typePrefix=auth.user', role: 'admin' })).json().total;
    await t.request({ method: 'PATCH', url: `/api/v1/users/${created.json().id}`, role: 'admin', body: { role: 'district_admin' } });
    expect((await t.request({ url: '/api/v1/audit?typePrefix=auth.user', role: 'admin' })).json().total).toBe(before);
  });

  it('an office account turns on TOTP; sign-in then asks for the code', async () => {
    await t.request({
      method: 'POST',
      url: '/api/v1/users',
      role: 'admin',
      body: { username: 'sun.ba', displayName: '孙八', role: 'admin', password: 'Kefutong-2026' },
    });
    const cookie = cookieOf(await login('sun.ba', 'Kefutong-2026', { ip: '10.5.0.1' }));
    const setup = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: { cookie } })).json();
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\//);
    const code = () => totpAt(base32Decode(setup.secret), Date.now() / 1000);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enable',
      headers: { cookie },
      payload: { code: '000000' === code() ? '111111' : '000000' },
    });
    expect(bad.json().error.fields[0]).toMatchObject({ path: 'code' });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enable', headers: { cookie }, payload: { code: code() } })).statusCode).toBe(200);

    const without = await login('sun.ba', 'Kefutong-2026', { ip: '10.5.0.2' });
    expect(without.statusCode).toBe(401);
    expect(without.json().error.code).toBe('totp_required');
    expect((await login('sun.ba', 'Kefutong-2026', { ip: '10.5.0.2', code: code() })).statusCode).toBe(200);
    // a member is not offered it
    expect((await t.request({ method: 'POST', url: '/api/v1/auth/totp/setup', role: 'member' })).statusCode).toBe(403);
  });

  it('a district admin reads only their district in the audit trail, and nobody can write it', async () => {
    const mine = (await t.request({ url: '/api/v1/audit?pageSize=200', role: 'district' })).json();
    expect(mine.items.every((e: { districtCode: string | null }) => e.districtCode === '500103')).toBe(true);
    expect((await t.request({ url: '/api/v1/audit', role: 'member' })).statusCode).toBe(403);
    expect((await t.request({ url: '/api/v1/audit' })).statusCode).toBe(401);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect((await t.request({ method, url: '/api/v1/audit', role: 'admin', body: {} })).statusCode).toBe(404);
    }
    expect((await t.request({ url: '/api/v1/audit/verify', role: 'admin' })).json()).toMatchObject({ ok: true, broken: null });
  });
});

describe.each(engines())('rate limits (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(engine, { RATE_LIMIT_WRITES_PER_MINUTE: '3', RATE_LIMIT_LOGINS_PER_MINUTE: '4' });
  });
  afterAll(() => t?.close());

  it('answers 429 with Retry-After in the one error shape past the limit, per caller', async () => {
    const write = (role: 'admin' | 'member') => t.request({ method: 'POST', url: '/api/v1/auth/sessions/revoke-others', role });
    for (let i = 0; i < 3; i++) expect((await write('admin')).statusCode).toBe(200);
    const over = await write('admin');
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/秒后重试/), fields: [] } });
    // another account has its own count
    expect((await write('member')).statusCode).toBe(200);
  });

  it('limits sign-in attempts per address', async () => {
    // startApp signed in three times from the same address already
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: PASSWORD } })).statusCode);
    expect(codes).toContain(429);
  });
});
