import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/server/platform/db/sql.ts';
import { addressAllowed } from '../../src/server/modules/webhooks/delivery/address.ts';
import { engines, orgInput, startApp, type TestApp } from '../helpers/app.ts';
import { at, createInstrument, item, ownerOrg } from '../helpers/instruments.ts';
import { pump, type Receiver, signatureParts, startReceiver } from '../helpers/webhooks.ts';

const ENV = { WEBHOOKS_ALLOW_HTTP: 'true', WEBHOOKS_BACKOFF_SECONDS: '60,300', WEBHOOKS_MAX_ATTEMPTS: '3' };
const SYSTEM = { id: 0, username: 'system', displayName: 'system', role: 'admin' as const, orgId: null, districtCode: null };

describe.each(engines())('webhook subscriptions on %s', (engine) => {
  let t: TestApp;
  let memberHook: Receiver;
  let adminHook: Receiver;
  let otherOrgId: number;
  beforeAll(async () => {
    t = await startApp(engine, ENV);
    memberHook = await startReceiver('/member');
    adminHook = await startReceiver('/admin');
    otherOrgId = (await t.services.directory.create(orgInput({ name: '重庆另一家检测有限公司' }) as never, SYSTEM)).id;
  });
  afterAll(async () => {
    await t.close();
    await memberHook.close();
    await adminHook.close();
  });

  const subscribe = (role: 'admin' | 'member' | 'district', body: unknown) => t.request({ method: 'POST', url: '/api/v1/webhooks', role, body });

  it('lists the event types each caller may subscribe to, by their Chinese names', async () => {
    const admin = (await t.request({ url: '/api/v1/webhooks/event-types', role: 'admin' })).json().items;
    const member = (await t.request({ url: '/api/v1/webhooks/event-types', role: 'member' })).json().items;
    expect(admin).toContainEqual(expect.objectContaining({ type: 'booking.expired', name: '预约申请超时失效' }));
    expect(member.map((e: { type: string }) => e.type)).toContain('org.updated');
    expect(member.map((e: { type: string }) => e.type)).not.toContain('booking.expired');
    expect((await t.request({ url: '/api/v1/webhooks/event-types', role: 'district' })).statusCode).toBe(403);
  });

  it('names bad input by its label', async () => {
    const res = await subscribe('admin', { url: 'not a url', eventTypes: [] });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields as { path: string; message: string }[];
    expect(fields.find((f) => f.path === 'url')?.message).toContain('回调地址');
    expect(fields.find((f) => f.path === 'eventTypes')?.message).toContain('事件类型');
    const en = await t.request({ method: 'POST', url: '/api/v1/webhooks', role: 'admin', lang: 'en', body: { url: 'not a url', eventTypes: ['org.updated'] } });
    expect(en.json().error.fields).toEqual([{ path: 'url', message: 'Callback URL is not a valid URL.' }]);
  });

  it('refuses plain http and private, loopback and link-local addresses (SSRF)', async () => {
    for (const url of ['https://10.1.2.3/h', 'https://169.254.169.254/latest', 'https://192.168.0.8/h', 'https://172.20.0.1/h', 'https://[fd00::1]/h']) {
      const res = await subscribe('admin', { url, eventTypes: ['org.updated'] });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.fields[0]).toMatchObject({ path: 'url', message: expect.stringContaining('内网') });
    }
    const http = await subscribe('admin', { url: 'http://example.com/h', eventTypes: ['org.updated'] });
    expect(http.json().error.fields[0].message).toBe('回调地址须以 https:// 开头。');
    // loopback only with WEBHOOKS_ALLOW_HTTP (tests, development)
    expect(addressAllowed('127.0.0.1', false)).toBe(false);
    expect(addressAllowed('::1', false)).toBe(false);
    expect(addressAllowed('::ffff:10.0.0.1', true)).toBe(false);
    expect(addressAllowed('127.0.0.1', true)).toBe(true);
    expect(addressAllowed('93.184.216.34', false)).toBe(true);
  });

  it('refuses an organization an event type that is never about it, naming the type (403)', async () => {
    const res = await subscribe('member', { url: memberHook.url, eventTypes: ['org.updated', 'booking.expired'] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('预约申请超时失效');
    expect(res.json().error.fields[0].path).toBe('eventTypes');
    expect((await subscribe('district', { url: memberHook.url, eventTypes: ['org.updated'] })).statusCode).toBe(403);
  });

  it('delivers each event once, signed; an organization gets only events about itself', async () => {
    const m = await subscribe('member', { url: memberHook.url, eventTypes: ['org.updated'] });
    expect(m.statusCode).toBe(201);
    const { webhook, secret } = m.json();
    expect(secret).toMatch(/^whsec_/);
    expect(webhook).toMatchObject({ orgId: t.memberOrgId, status: 'active', eventTypes: ['org.updated'] });
    expect(JSON.stringify((await t.request({ url: '/api/v1/webhooks', role: 'member' })).json())).not.toContain(secret);
    const a = await subscribe('admin', { url: adminHook.url, eventTypes: ['org.updated'] });
    expect(a.statusCode).toBe(201);

    for (const id of [t.memberOrgId, otherOrgId]) {
      expect((await t.request({ method: 'PATCH', url: `/api/v1/orgs/${id}`, role: 'admin', body: { employees: 40 } })).statusCode).toBe(200);
    }
    await pump([t.services], () => adminHook.received.length >= 2 && memberHook.received.length >= 1);
    await pump([t.services], () => true); // once more: nothing is sent twice
    expect(adminHook.received).toHaveLength(2);
    expect(memberHook.received).toHaveLength(1);

    const got = memberHook.received[0];
    expect(got.headers['kefutong-event']).toBe('org.updated');
    expect(JSON.parse(got.body)).toMatchObject({ type: 'org.updated', data: { after: { id: t.memberOrgId } } });
    const { t: ts, v1 } = signatureParts(got.headers['kefutong-signature']);
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(300);
    expect(v1).toBe(crypto.createHmac('sha256', secret).update(`${ts}.${got.body}`).digest('hex'));

    const log = (await t.request({ url: `/api/v1/webhooks/${webhook.id}/deliveries`, role: 'member' })).json().items;
    expect(log).toEqual([expect.objectContaining({ id: Number(got.headers['kefutong-delivery']), status: 'succeeded', attempts: 1, lastStatusCode: 200 })]);
    expect(log[0].attemptLog[0]).toMatchObject({ statusCode: 200, responseExcerpt: 'ok', error: null });
  });

  it("sends a booking to the instrument owner's and the booker's organizations, and to no other", async () => {
    const lab = await ownerOrg(t, 'hook-lab', '重庆大学分析测试中心');
    const third = await ownerOrg(t, 'hook-third', '重庆第三方检测有限公司');
    const instrumentId = await createInstrument(t, lab.orgId);
    const hooks = { member: await startReceiver(), lab: await startReceiver(), third: await startReceiver() };
    try {
      const body = (url: string) => ({ url, eventTypes: ['booking.requested'] });
      expect((await subscribe('member', body(hooks.member.url))).statusCode).toBe(201);
      for (const [who, cookie] of [
        ['lab', lab.cookie],
        ['third', third.cookie],
      ] as const) {
        const res = await t.request({ method: 'POST', url: '/api/v1/webhooks', headers: { cookie }, body: body(hooks[who].url) });
        expect(res.statusCode).toBe(201);
      }
      const booked = await t.request({
        method: 'POST',
        url: '/api/v1/bookings',
        role: 'member',
        body: { items: [item(instrumentId, at(3, '09:00'), at(3, '10:00'))] },
      });
      expect(booked.statusCode).toBe(201);
      await pump([t.services], () => hooks.member.received.length >= 1 && hooks.lab.received.length >= 1);
      await pump([t.services], () => true);
      expect([hooks.member.received.length, hooks.lab.received.length, hooks.third.received.length]).toEqual([1, 1, 0]);
      expect(JSON.parse(hooks.lab.received[0].body).data).toMatchObject({ instrumentId, ownerOrgId: lab.orgId, userOrgId: t.memberOrgId });
    } finally {
      for (const h of Object.values(hooks)) await h.close();
    }
  });

  it('lets only the owner see or change a subscription, rotates the secret, and audits each change without it', async () => {
    const a = (await subscribe('admin', { url: adminHook.url, eventTypes: ['deal.opened'] })).json();
    expect((await t.request({ method: 'PATCH', url: `/api/v1/webhooks/${a.webhook.id}`, role: 'member', body: { status: 'paused' } })).statusCode).toBe(404);
    expect((await t.request({ url: '/api/v1/webhooks', role: 'member' })).json().items.map((w: { id: number }) => w.id)).not.toContain(a.webhook.id);
    const paused = await t.request({ method: 'PATCH', url: `/api/v1/webhooks/${a.webhook.id}`, role: 'admin', body: { status: 'paused' } });
    expect(paused.json()).toMatchObject({ status: 'paused', pausedReason: '手动暂停' });
    const rotated = await t.request({ method: 'POST', url: `/api/v1/webhooks/${a.webhook.id}/rotate-secret`, role: 'admin' });
    expect(rotated.json().secret).toMatch(/^whsec_/);
    expect(rotated.json().secret).not.toBe(a.secret);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/webhooks/${a.webhook.id}`, role: 'admin' })).json()).toEqual({ ok: true });
    expect((await t.request({ url: `/api/v1/webhooks/${a.webhook.id}/deliveries`, role: 'admin' })).statusCode).toBe(404);

    const { rows } = await t.db.query<{ type: string; detail: unknown }>(
      sql`SELECT type, detail FROM audit_log WHERE subject_type = 'webhook' AND subject_id = ${String(a.webhook.id)} ORDER BY id`,
    );
    expect(rows.map((r) => r.type)).toEqual([
      'webhooks.subscription_created',
      'webhooks.subscription_updated',
      'webhooks.secret_rotated',
      'webhooks.subscription_deleted',
    ]);
    expect(rows[0].detail).toEqual({ url: adminHook.url, eventTypes: ['deal.opened'] });
    expect(JSON.stringify(rows)).not.toContain('whsec_');
  });
});
