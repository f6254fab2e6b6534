/**
 * Self-registration end to end, through a real SMTP server: the links are read out of the emails
 * received and followed. Claims are reviewed by their district's office only; a confirmed member acts
 * for the organization and invites a colleague, who accepts and acts too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/server/platform/audit/index.ts';
import { engines, PASSWORD, startApp, uscc, type TestApp } from '../helpers/app.ts';
import { linkIn, type Mailbox, startMailbox } from '../helpers/mailbox.ts';

const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? decodeURIComponent(new URL(link).pathname.split('/').pop()!);

describe.each(engines())('registration on %s', (engine) => {
  let t: TestApp;
  let mail: Mailbox;
  let otherDistrict: string;
  const login = async (username: string, password: string) => {
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { username, password } });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.cookies.find((x) => x.name === 'kft_session')!;
    return { cookie: `${c.name}=${c.value}` };
  };
  const as = (headers: { cookie: string }, method: string, url: string, body?: unknown) => t.request({ method, url, headers, body });

  const form = (over: Record<string, unknown> = {}) => ({
    uscc: uscc('500103'),
    orgName: '重庆自助注册科技有限公司',
    districtCode: '500103',
    contactName: '李四',
    email: `reg-${Math.random().toString(36).slice(2, 8)}@example.cn`,
    phone: '13800000000',
    username: `reg${Math.random().toString(36).slice(2, 8)}`,
    password: 'Registr4tion-pass',
    ...over,
  });

  /** Registers and follows the verification link: the claim is then pending. */
  const registerAndVerify = async (over: Record<string, unknown> = {}) => {
    const input = form(over);
    const res = await t.request({ method: 'POST', url: '/api/v1/registrations', body: input });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().claim.status).toBe('awaiting_email');
    const m = await mail.waitFor(input.email, (x) => x.text.includes('/verify-email'));
    expect(m.subject).toContain('验证');
    const link = linkIn(m, '/verify-email');
    expect(link.startsWith('http://kft.test/verify-email?token=')).toBe(true);
    const verified = await t.request({ method: 'POST', url: '/api/v1/registrations/verify', body: { token: tokenOf(link) } });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().claim.status).toBe('pending');
    return { input, claimId: res.json().claim.id as number, token: tokenOf(link) };
  };

  beforeAll(async () => {
    mail = await startMailbox();
    // the account flows are rate-limited per address; every request here comes from one
    t = await startApp(engine, { SMTP_URL: mail.url, PUBLIC_URL: 'http://kft.test/', RATE_LIMIT_SIGNUPS_PER_HOUR: '1000' });
    await t.services.auth.createUser({
      username: 'district2',
      password: PASSWORD,
      role: 'district_admin',
      displayName: '沙坪坝区管理员',
      districtCode: '500106',
    });
    otherDistrict = (await login('district2', PASSWORD)).cookie;
  });
  afterAll(async () => {
    await t?.close();
    await mail?.close();
  });

  it('register → verify → the district office confirms → the member acts, invites a colleague who accepts and acts', async () => {
    const { input, claimId, token } = await registerAndVerify();
    // the link works once
    expect((await t.request({ method: 'POST', url: '/api/v1/registrations/verify', body: { token } })).json().error.code).toBe('link_invalid');

    // before confirmation: signed in, acting for nothing, and told where the claim stands
    const me = await login(input.username, input.password);
    expect((await as(me, 'GET', '/api/v1/auth/me')).json().user).toMatchObject({ role: 'org_member', orgId: null });
    expect((await as(me, 'GET', '/api/v1/registrations/mine')).json().claim).toMatchObject({ id: claimId, status: 'pending' });
    expect((await as(me, 'GET', '/api/v1/org-claims')).statusCode).toBe(403);

    // the district's office sees it and is notified; another district's office neither sees nor decides it
    const mine = await t.request({ url: '/api/v1/org-claims?status=pending', role: 'district' });
    expect(mine.json().items.map((c: { id: number }) => c.id)).toContain(claimId);
    expect((await t.request({ url: '/api/v1/notifications', role: 'district' })).json().items[0].title).toBe('新的机构认领待审核');
    const other = await as({ cookie: otherDistrict }, 'GET', '/api/v1/org-claims?status=pending');
    expect(other.json().items.map((c: { id: number }) => c.id)).not.toContain(claimId);
    expect((await as({ cookie: otherDistrict }, 'POST', `/api/v1/org-claims/${claimId}/confirm`)).statusCode).toBe(403);
    expect((await t.request({ url: '/api/v1/org-claims', role: 'member' })).statusCode).toBe(403);

    const confirmed = await t.request({ method: 'POST', url: `/api/v1/org-claims/${claimId}/confirm`, role: 'district' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const orgId = confirmed.json().claim.orgId as number;
    expect(confirmed.json().claim).toMatchObject({ status: 'confirmed', reviewerName: '渝中区管理员' });
    // a new USCC: the directory has the organization now, from the claim's data
    expect((await t.request({ url: `/api/v1/orgs/${orgId}` })).json()).toMatchObject({ uscc: input.uscc, name: input.orgName, districtCode: '500103' });
    await mail.waitFor(input.email, (m) => m.subject.includes('已确认'));
    expect((await t.request({ method: 'POST', url: `/api/v1/org-claims/${claimId}/confirm`, role: 'district' })).statusCode).toBe(409);

    // the same session now acts for the organization
    expect((await as(me, 'GET', '/api/v1/auth/me')).json().user.orgId).toBe(orgId);
    const members = await as(me, 'GET', `/api/v1/orgs/${orgId}/members`);
    expect(members.statusCode, members.body).toBe(200);
    expect(members.json().members.map((m: { displayName: string }) => m.displayName)).toEqual(['李四']);
    expect((await as(me, 'GET', `/api/v1/orgs/${t.memberOrgId}/members`)).statusCode).toBe(403);

    // invite a colleague; the link shows the invitation, and accepting makes a member acting for the org
    const invited = await as(me, 'POST', `/api/v1/orgs/${orgId}/invitations`, { email: 'Colleague@Example.cn', displayName: '王五' });
    expect(invited.statusCode, invited.body).toBe(201);
    expect((await as(me, 'POST', `/api/v1/orgs/${orgId}/invitations`, { email: 'colleague@example.cn', displayName: '王五' })).json().error.fields).toEqual([
      { path: 'email', message: '邮箱 colleague@example.cn 已收到邀请，对方尚未接受。' },
    ]);
    const invitation = await mail.waitFor('colleague@example.cn');
    expect(invitation.subject).toContain(input.orgName);
    const invToken = tokenOf(linkIn(invitation, '/invitations/'));
    const preview = await t.request({ url: `/api/v1/invitations/${invToken}` });
    expect(preview.json()).toMatchObject({ orgName: input.orgName, invitedByName: '李四', email: 'colleague@example.cn' });
    const weak = await t.request({
      method: 'POST',
      url: `/api/v1/invitations/${invToken}/accept`,
      body: { username: 'wangwu', displayName: '王五', password: 'short' },
    });
    expect(weak.json().error.fields[0]).toMatchObject({ path: 'password' });
    const accepted = await t.request({
      method: 'POST',
      url: `/api/v1/invitations/${invToken}/accept`,
      body: { username: 'wangwu', displayName: '王五', password: 'Colleague-pass-1' },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(
      (
        await t.request({
          method: 'POST',
          url: `/api/v1/invitations/${invToken}/accept`,
          body: { username: 'wangwu2', displayName: '王五', password: 'Colleague-pass-1' },
        })
      ).json().error.code,
    ).toBe('link_invalid');
    const colleague = await login('wangwu', 'Colleague-pass-1');
    expect((await as(colleague, 'GET', '/api/v1/auth/me')).json().user.orgId).toBe(orgId);
    const after = await as(colleague, 'GET', `/api/v1/orgs/${orgId}/members`);
    expect(
      after
        .json()
        .members.map((m: { displayName: string }) => m.displayName)
        .sort(),
    ).toEqual(['李四', '王五'].sort());
    expect(after.json().invitations).toEqual([]);
    // the colleague acts for it too: invites, and revokes, which makes that link useless
    const second = await as(colleague, 'POST', `/api/v1/orgs/${orgId}/invitations`, { email: 'third@example.cn', displayName: '赵六' });
    expect(second.statusCode).toBe(201);
    const thirdToken = tokenOf(linkIn(await mail.waitFor('third@example.cn'), '/invitations/'));
    expect((await as(colleague, 'DELETE', `/api/v1/orgs/${orgId}/invitations/${second.json().invitation.id}`)).statusCode).toBe(200);
    expect((await t.request({ url: `/api/v1/invitations/${thirdToken}` })).json().error.code).toBe('link_invalid');

    const types = (await listAudit(t.db, { typePrefix: 'registration.' }, { offset: 0, limit: 100 })).items;
    const ofClaim = types.filter((e) => e.subjectType === 'org_claim' && e.subjectId === String(claimId)).map((e) => e.type);
    expect(ofClaim.sort()).toEqual(['registration.claim_confirmed', 'registration.email_verified', 'registration.submitted']);
    const confirmedEntry = types.find((e) => e.type === 'registration.claim_confirmed' && e.subjectId === String(claimId))!;
    expect(confirmedEntry).toMatchObject({ actorName: 'district', districtCode: '500103' });
    expect(confirmedEntry.detail).toMatchObject({ uscc: input.uscc, orgName: input.orgName });
    expect(types.map((e) => e.type)).toEqual(expect.arrayContaining(['registration.invitation_sent', 'registration.invitation_accepted']));
    expect(JSON.stringify(types)).not.toContain(token);
  });

  it('a claim on an organization already in the directory; the city rejects it with a reason the registrant is told', async () => {
    const existing = (await t.request({ url: `/api/v1/orgs/${t.memberOrgId}` })).json();
    const { input, claimId } = await registerAndVerify({ uscc: existing.uscc, orgName: '随便写的名字' });
    const listed = (await t.request({ url: '/api/v1/org-claims?status=pending', role: 'admin' })).json().items.find((c: { id: number }) => c.id === claimId);
    expect(listed).toMatchObject({ orgId: t.memberOrgId, orgName: existing.name, username: input.username });
    const noReason = await t.request({ method: 'POST', url: `/api/v1/org-claims/${claimId}/reject`, role: 'admin', body: { reason: '' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toEqual([{ path: 'reason', message: expect.stringContaining('驳回理由') }]);
    const rejected = await t.request({
      method: 'POST',
      url: `/api/v1/org-claims/${claimId}/reject`,
      role: 'admin',
      body: { reason: '营业执照信息与名录不符' },
    });
    expect(rejected.json().claim).toMatchObject({ status: 'rejected', reason: '营业执照信息与名录不符' });
    expect((await mail.waitFor(input.email, (m) => m.subject.includes('未通过'))).text).toContain('营业执照信息与名录不符');
    const me = await login(input.username, input.password);
    expect((await as(me, 'GET', '/api/v1/auth/me')).json().user.orgId).toBeNull();
    expect((await as(me, 'GET', `/api/v1/orgs/${t.memberOrgId}/members`)).statusCode).toBe(403);
    const entry = (await listAudit(t.db, { types: ['registration.claim_rejected'], subjectId: String(claimId) }, { offset: 0, limit: 5 })).items[0];
    expect(entry.detail).toMatchObject({ reason: '营业执照信息与名录不符', uscc: existing.uscc });
  });

  it('resets a password by an emailed link that works once, not after it expires, and says the same for an unknown account', async () => {
    const input = form();
    expect((await t.request({ method: 'POST', url: '/api/v1/registrations', body: input })).statusCode).toBe(201);
    const unknown = await t.request({ method: 'POST', url: '/api/v1/auth/password-reset-requests', body: { login: 'nobody@example.cn' } });
    const known = await t.request({ method: 'POST', url: '/api/v1/auth/password-reset-requests', body: { login: input.email.toUpperCase() } });
    expect([unknown.statusCode, unknown.body]).toEqual([known.statusCode, known.body]);
    expect(known.statusCode).toBe(202);
    const link = linkIn(await mail.waitFor(input.email, (m) => m.text.includes('/reset-password')), '/reset-password');
    expect(mail.received.some((m) => m.to === 'nobody@example.cn')).toBe(false);

    const weak = await t.request({ method: 'POST', url: '/api/v1/auth/password-reset', body: { token: tokenOf(link), password: 'short' } });
    expect(weak.json().error.fields).toEqual([{ path: 'password', message: expect.stringContaining('新密码') }]);
    const done = await t.request({ method: 'POST', url: '/api/v1/auth/password-reset', body: { token: tokenOf(link), password: 'Brand-new-pass-2' } });
    expect(done.statusCode, done.body).toBe(200);
    await login(input.username, 'Brand-new-pass-2');
    expect((await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { username: input.username, password: input.password } })).statusCode).toBe(401);
    const again = await t.request({ method: 'POST', url: '/api/v1/auth/password-reset', body: { token: tokenOf(link), password: 'Another-pass-3' } });
    expect(again.json().error).toMatchObject({ code: 'link_invalid', fields: [{ path: 'token', message: '链接无效或已过期，请重新获取。' }] });

    // an expired link is refused (moved into the past: the test does not wait 30 minutes)
    await t.request({ method: 'POST', url: '/api/v1/auth/password-reset-requests', body: { login: input.username } });
    const later = linkIn(await mail.waitFor(input.email, (m) => m.text.includes('/reset-password') && !m.text.includes(tokenOf(link))), '/reset-password');
    const { sql } = await import('../../src/server/platform/db/sql.ts');
    await t.db.query(sql`UPDATE auth_tokens SET expires_at = now() - interval '1 minute' WHERE purpose = 'reset_password' AND used_at IS NULL`);
    expect(
      (await t.request({ method: 'POST', url: '/api/v1/auth/password-reset', body: { token: tokenOf(later), password: 'Another-pass-3' } })).json().error.code,
    ).toBe('link_invalid');

    const audit = (await listAudit(t.db, { typePrefix: 'auth.password_reset' }, { offset: 0, limit: 10 })).items;
    expect(audit.map((e) => e.type).sort()).toEqual(['auth.password_reset', 'auth.password_reset_requested', 'auth.password_reset_requested']);
  });

  it('names duplicate and bad fields by their labels', async () => {
    const first = form();
    expect((await t.request({ method: 'POST', url: '/api/v1/registrations', body: first })).statusCode).toBe(201);
    const dupUser = await t.request({ method: 'POST', url: '/api/v1/registrations', body: form({ username: first.username }) });
    expect([dupUser.statusCode, dupUser.json().error.fields]).toEqual([
      409,
      [{ path: 'username', message: `用户名「${first.username}」已被使用，请换一个。` }],
    ]);
    const dupEmail = await t.request({ method: 'POST', url: '/api/v1/registrations', body: form({ email: first.email.toUpperCase() }), lang: 'en' });
    expect(dupEmail.json().error.fields).toEqual([{ path: 'email', message: expect.stringContaining('email') }]);
    const dupUscc = await t.request({ method: 'POST', url: '/api/v1/registrations', body: form({ uscc: first.uscc }) });
    expect(dupUscc.json().error.fields).toEqual([{ path: 'uscc', message: expect.stringContaining('统一社会信用代码') }]);

    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/registrations',
      body: form({ uscc: '91500103MA5U7ABCD0', email: 'not-an-email', username: 'Li Si', phone: '12', contactName: '' }),
    });
    expect(bad.statusCode).toBe(400);
    const byPath = Object.fromEntries(bad.json().error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(Object.keys(byPath).sort()).toEqual(['contactName', 'email', 'phone', 'uscc', 'username']);
    expect(byPath.uscc).toContain('统一社会信用代码');
    expect(byPath.email).toContain('邮箱');
    expect(byPath.username).toContain('用户名');
    expect(byPath.contactName).toContain('联系人姓名');
    // auth's password policy applies (one kind of character only): refused before anything is written
    const weak = form({ password: 'abcdefghijkl' });
    const refused = await t.request({ method: 'POST', url: '/api/v1/registrations', body: weak });
    expect([refused.statusCode, refused.json().error.fields.map((f: { path: string }) => f.path)]).toEqual([400, ['password']]);
    expect(await t.services.auth.userExists(weak.username)).toBe(false);
    const district = await t.request({ method: 'POST', url: '/api/v1/registrations', body: form({ districtCode: '500998' }) });
    expect(district.json().error.fields).toEqual([{ path: 'districtCode', message: expect.stringContaining('500998') }]);
  });
});
