/**
 * Single sign-on end to end, no mock: a real OpenID provider (oidc-provider) on a port of its own, the
 * real app listening on another, and a hand-driven browser (fetch + cookie jar) that goes through the
 * provider's own login form. On both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { sql } from '../../src/server/platform/db/sql.ts';
import { listAudit } from '../../src/server/platform/audit/index.ts';
import { engines, PASSWORD, startApp, type TestApp } from '../helpers/app.ts';
import { CLIENT_ID, CLIENT_SECRET, startOidcProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import { CookieJar, freePort, ssoSignIn } from '../helpers/sso-flow.ts';

describe.each(engines())('single sign-on (%s)', (engine) => {
  let t: TestApp;
  let idp: TestProvider;
  let appUrl: string;
  let memberUscc: string;

  /** The signed-in user of the jar's session, through the API. */
  const me = async (jar: Awaited<ReturnType<typeof ssoSignIn>>['jar']) => {
    const session = jar.get(new URL(appUrl).host, 'kft_session');
    if (!session) return null;
    const res = await t.request({ url: '/api/v1/auth/me', headers: { cookie: `kft_session=${session}` } });
    return res.json().user as { username: string; role: string; orgId: number | null; districtCode: string | null; displayName: string } | null;
  };

  beforeAll(async () => {
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    idp = await startOidcProvider({
      redirectUris: [`${appUrl}/api/v1/auth/sso/callback`],
      accounts: {
        'sub-zhang': { email: 'zhang.san@example.cn', email_verified: true, name: '张三' },
        'sub-li': { email: 'li.si@example.cn', email_verified: false, name: '李四' },
        'sub-new-admin': { email: 'wang@city.example.cn', email_verified: true, name: '王市管', kft_role: ['staff', 'kft_admin'] },
        'sub-new-district': { email: 'zhao@city.example.cn', email_verified: true, name: '赵区管', kft_role: 'kft_district', kft_district: '500103' },
        'sub-new-member': { email: 'qian@corp.example.cn', email_verified: true, name: '钱职员', preferred_username: 'qian' },
        'sub-stranger': { email: 'sun@nowhere.example.cn', email_verified: true, name: '孙某' },
        'sub-manual': { name: '周某（无邮箱）' },
      },
    });
    t = await startApp(engine, {
      OIDC_ISSUER: idp.issuer,
      OIDC_NAME: '重庆市统一身份认证平台',
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URL: `${appUrl}/api/v1/auth/sso/callback`,
      OIDC_ROLE_CLAIM: 'kft_role',
      OIDC_ROLE_MAP: 'kft_admin=admin,kft_district=district_admin',
      OIDC_ORG_CLAIM: 'kft_org_uscc',
      OIDC_DISTRICT_CLAIM: 'kft_district',
      OIDC_PROVISION: 'true',
    });
    await t.app.listen({ port, host: '127.0.0.1' });
    const org = await t.request({ url: `/api/v1/orgs/${t.memberOrgId}`, role: 'admin' });
    memberUscc = org.json().uscc;
    idp.accounts.get('sub-new-member')!.kft_org_uscc = memberUscc;
    await t.services.auth.createUser({
      username: 'zhang',
      password: PASSWORD,
      role: 'org_member',
      displayName: '张三',
      orgId: t.memberOrgId,
      email: 'Zhang.San@Example.cn',
    });
    await t.services.auth.createUser({
      username: 'lisi',
      password: PASSWORD,
      role: 'org_member',
      displayName: '李四',
      orgId: t.memberOrgId,
      email: 'li.si@example.cn',
    });
    await t.services.auth.createUser({ username: 'zhou', password: PASSWORD, role: 'org_member', displayName: '周某', orgId: t.memberOrgId });
    // two servers and a database on a machine that runs other suites too: more than the usual two minutes
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('says whether it is on, with the provider’s name', async () => {
    expect((await t.request({ url: '/api/v1/auth/sso' })).json()).toEqual({ enabled: true, name: '重庆市统一身份认证平台' });
  });

  it('links an account by its verified email (any case) and signs in by the link from then on', async () => {
    const first = await ssoSignIn(appUrl, 'sub-zhang', { returnTo: '/instruments?view=mine' });
    expect(first.landing).toBe('/instruments?view=mine');
    expect((await me(first.jar))?.username).toBe('zhang');

    // the provider's address changes: the stored link (issuer + subject) still finds the account
    idp.accounts.get('sub-zhang')!.email = 'zhang.new@example.cn';
    const again = await ssoSignIn(appUrl, 'sub-zhang');
    expect(again.landing).toBe('/');
    expect((await me(again.jar))?.username).toBe('zhang');
    const session = again.jar.get(new URL(appUrl).host, 'kft_session');
    const links = await t.request({ url: '/api/v1/auth/sso/links', headers: { cookie: `kft_session=${session}` } });
    expect(links.json().items).toMatchObject([{ issuer: idp.issuer, subject: 'sub-zhang', linkedBy: 'email', email: 'zhang.new@example.cn' }]);
  });

  it('refuses an address the provider does not vouch for, and opens no session', async () => {
    const r = await ssoSignIn(appUrl, 'sub-li');
    expect(r.landing).toBe('/login?sso_error=email_not_verified');
    expect(await me(r.jar)).toBeNull();
  });

  it('creates unknown accounts with the role, district and organization the claims map to', async () => {
    const admin = await ssoSignIn(appUrl, 'sub-new-admin');
    expect(await me(admin.jar)).toMatchObject({ role: 'admin', displayName: '王市管', orgId: null });
    const district = await ssoSignIn(appUrl, 'sub-new-district');
    expect(await me(district.jar)).toMatchObject({ role: 'district_admin', districtCode: '500103' });
    const member = await ssoSignIn(appUrl, 'sub-new-member');
    expect(await me(member.jar)).toMatchObject({ username: 'qian', role: 'org_member', orgId: t.memberOrgId });
    // no role the map knows and no organization: an organization's member needs one, so no account
    const stranger = await ssoSignIn(appUrl, 'sub-stranger');
    expect(stranger.landing).toBe('/login?sso_error=provision_refused');
    expect(await me(stranger.jar)).toBeNull();
  });

  it('refuses a tampered or replayed state, a sign-in cancelled at the provider, and another site as returnTo', async () => {
    const tampered = await ssoSignIn(appUrl, 'sub-zhang', {
      tamper: (cb) => {
        cb.searchParams.set('state', `${cb.searchParams.get('state')}x`);
        return cb;
      },
    });
    expect(tampered.landing).toBe('/login?sso_error=state_mismatch');
    expect(await me(tampered.jar)).toBeNull();

    // the provider's answer, replayed once it has been used
    let answer: URL | null = null;
    // (with the browser's state cookie too, as someone who captured both would send it)
    const jar = new CookieJar();
    let stateCookie = '';
    const keep = (cb: URL) => {
      answer = new URL(cb);
      stateCookie = jar.get(cb.host, 'kft_sso_state') ?? '';
      return cb;
    };
    const used = await ssoSignIn(appUrl, 'sub-zhang', { tamper: keep, jar });
    expect(used.landing).toBe('/');
    expect(stateCookie).not.toBe('');
    const replay = await fetch(answer!, { redirect: 'manual', headers: { cookie: `kft_sso_state=${stateCookie}` } });
    expect(replay.headers.get('location')).toBe('/login?sso_error=state_mismatch');

    const cancelled = await ssoSignIn(appUrl, 'sub-zhang', { abort: true });
    expect(cancelled.landing).toBe('/login?sso_error=denied');

    for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/login?next=/x']) {
      expect((await ssoSignIn(appUrl, 'sub-zhang', { returnTo })).landing).toBe('/');
    }
  });

  it('an admin links and unlinks an account by hand; a disabled account is refused', async () => {
    const zhou = (await t.services.auth.userByUsername('zhou'))!;
    const url = `/api/v1/users/${zhou.id}/sso-links`;
    expect((await t.request({ method: 'POST', url, body: { subject: 'sub-manual' } })).statusCode).toBe(401);
    expect((await t.request({ url, role: 'member' })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url, role: 'district', body: { subject: 'sub-manual' } })).statusCode).toBe(403);
    const blank = await t.request({ method: 'POST', url, role: 'admin', body: { subject: ' ' } });
    expect(blank.json().error.fields).toEqual([{ path: 'subject', message: expect.stringContaining('统一身份认证用户标识') }]);
    const created = await t.request({ method: 'POST', url, role: 'admin', body: { subject: 'sub-manual' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ issuer: idp.issuer, subject: 'sub-manual', linkedBy: 'admin' });
    const twice = await t.request({ method: 'POST', url: `/api/v1/users/${t.memberOrgId}/sso-links`, role: 'admin', body: { subject: 'sub-manual' } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'sso_already_linked', message: '该身份已关联到账号 zhou。' });
    expect((await me((await ssoSignIn(appUrl, 'sub-manual')).jar))?.username).toBe('zhou');

    await t.db.query(sql`UPDATE users SET disabled_at = now() WHERE id = ${zhou.id}`);
    expect((await ssoSignIn(appUrl, 'sub-manual')).landing).toBe('/login?sso_error=account_disabled');
    await t.db.query(sql`UPDATE users SET disabled_at = NULL WHERE id = ${zhou.id}`);

    const removed = await t.request({ method: 'DELETE', url: `${url}/${created.json().id}`, role: 'admin' });
    expect(removed.json()).toEqual({ ok: true });
    expect((await t.request({ url, role: 'admin' })).json().items).toEqual([]);
    // unlinked, no address, no role or organization in the claims: not this account any more
    expect((await ssoSignIn(appUrl, 'sub-manual')).landing).toBe('/login?sso_error=provision_refused');
  });

  it('records every sign-in, failure, link and unlink in the audit trail, without tokens', async () => {
    const { items } = await listAudit(t.db, { typePrefix: 'auth.sso' }, { offset: 0, limit: 100 });
    const types = new Set(items.map((e) => e.type));
    expect([...types].sort()).toEqual(['auth.sso_failed', 'auth.sso_linked', 'auth.sso_login', 'auth.sso_unlinked']);
    const refused = items.find((e) => e.type === 'auth.sso_failed' && (e.detail as { reason?: string }).reason === 'email_not_verified');
    expect(refused).toMatchObject({ outcome: 'failure', detail: { issuer: idp.issuer, subject: 'sub-li' } });
    const login = items.find((e) => e.type === 'auth.sso_login' && e.actorName === 'zhang');
    expect(login).toMatchObject({ outcome: 'success', subjectType: 'user', ip: '127.0.0.1' });
    expect(JSON.stringify(items)).not.toMatch(/access_token|id_token|code_verifier|"code"/);
  });

  it('LOCAL_LOGIN_DISABLED_ROLES: those roles sign in only through the provider', async () => {
    const { app } = await buildApp({ config: loadConfig({ DEMO: 'false', LOCAL_LOGIN_DISABLED_ROLES: 'admin,district_admin' }), db: t.db });
    try {
      const district = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'district', password: PASSWORD } });
      expect(district.statusCode).toBe(403);
      expect(district.json().error).toMatchObject({ code: 'local_login_disabled', message: '该账号须通过统一身份认证登录' });
      expect(district.cookies.find((c) => c.name === 'kft_session')).toBeUndefined();
      // a wrong password still reads as a wrong password: the role is not revealed to a guesser
      const guess = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'wrong-password' } });
      expect(guess.json().error.code).toBe('invalid_credentials');
      const member = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'member', password: PASSWORD } });
      expect(member.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
