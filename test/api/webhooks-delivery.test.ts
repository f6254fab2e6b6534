import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { pump, type Receiver, startReceiver } from '../helpers/webhooks.ts';

const ENV = { WEBHOOKS_ALLOW_HTTP: 'true', WEBHOOKS_BACKOFF_SECONDS: '60,300', WEBHOOKS_MAX_ATTEMPTS: '3' };

describe.each(engines())('webhook retries, pausing and redelivery on %s', (engine) => {
  let t: TestApp;
  let hook: Receiver;
  let employees = 10;
  beforeAll(async () => {
    t = await startApp(engine, ENV);
    hook = await startReceiver();
  });
  afterAll(async () => {
    await t.close();
    await hook.close();
  });

  /** A subscription of the member's organization to its updates, and one update to deliver. */
  const subscribeAndUpdate = async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/webhooks', role: 'member', body: { url: hook.url, eventTypes: ['org.updated'] } });
    expect(res.statusCode).toBe(201);
    await t.request({ method: 'PATCH', url: `/api/v1/orgs/${t.memberOrgId}`, role: 'admin', body: { employees: ++employees } });
    return res.json().webhook.id as number;
  };
  const deliveries = async (id: number) => (await t.request({ url: `/api/v1/webhooks/${id}/deliveries`, role: 'member' })).json().items;
  const webhook = async (id: number) => (await t.request({ url: '/api/v1/webhooks', role: 'member' })).json().items.find((w: { id: number }) => w.id === id);
  /** The next retry is due now (instead of waiting for the backoff). */
  const makeDue = (id: number) => t.db.query(sql`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE subscription_id = ${id} AND status = 'pending'`);
  const secondsUntil = (iso: string) => (new Date(iso).getTime() - Date.now()) / 1000;

  it('retries after 500s with a growing backoff, logs every attempt, then succeeds', async () => {
    hook.received.length = 0;
    hook.answers = [500, 500];
    hook.answerBody = 'x'.repeat(5000);
    const id = await subscribeAndUpdate();
    await pump([t.services], () => hook.received.length === 1);
    let [d] = await deliveries(id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    expect(secondsUntil(d.nextAttemptAt)).toBeGreaterThan(50);
    expect(secondsUntil(d.nextAttemptAt)).toBeLessThanOrEqual(60);
    await t.services.webhooks.deliverDue();
    expect(hook.received).toHaveLength(1); // not due yet

    await makeDue(id);
    await pump([t.services], () => hook.received.length === 2);
    [d] = await deliveries(id);
    expect(secondsUntil(d.nextAttemptAt)).toBeGreaterThan(290);
    expect((await webhook(id)).consecutiveFailures).toBe(2);

    await makeDue(id);
    await pump([t.services], () => hook.received.length === 3);
    [d] = await deliveries(id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 200, nextAttemptAt: null });
    expect(d.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([200, 500, 500]);
    expect(d.attemptLog[1].error).toBe('对方返回了非 2xx 状态码');
    expect(d.attemptLog[0].responseExcerpt).toHaveLength(2048);
    expect(new Set(hook.received.map((r) => r.headers['kefutong-delivery']))).toEqual(new Set([String(d.id)]));
    expect((await webhook(id)).consecutiveFailures).toBe(0);
    hook.answerBody = 'ok';
    await t.request({ method: 'DELETE', url: `/api/v1/webhooks/${id}`, role: 'member' });
  });

  it('pauses a subscriber whose delivery exhausts its attempts, tells its organization, and resumes when asked', async () => {
    hook.received.length = 0;
    hook.status = 500;
    const id = await subscribeAndUpdate();
    for (let n = 1; n <= 3; n++) {
      await pump([t.services], () => hook.received.length === n);
      await makeDue(id);
    }
    const [d] = await deliveries(id);
    expect(d).toMatchObject({ status: 'failed', attempts: 3 });
    expect(await webhook(id)).toMatchObject({ status: 'paused', pausedReason: '一次投递的全部重试均失败' });
    const notes = (await t.request({ url: '/api/v1/notifications', role: 'member' })).json().items;
    expect(notes[0]).toMatchObject({ kind: 'webhook.paused', link: '/webhooks', title: 'Webhook 订阅已暂停' });
    expect(notes[0].body).toContain(hook.url);
    const audit = await t.db.query<{ actor_id: number | null }>(
      sql`SELECT actor_id FROM audit_log WHERE type = 'webhooks.subscription_paused' AND subject_id = ${String(id)}`,
    );
    expect(audit.rows).toEqual([{ actor_id: null }]);

    // paused: a new event is not delivered
    await t.request({ method: 'PATCH', url: `/api/v1/orgs/${t.memberOrgId}`, role: 'admin', body: { employees: ++employees } });
    await pump([t.services], () => true);
    expect(hook.received).toHaveLength(3);

    hook.status = 200;
    const resumed = await t.request({ method: 'PATCH', url: `/api/v1/webhooks/${id}`, role: 'member', body: { status: 'active' } });
    expect(resumed.json()).toMatchObject({ status: 'active', pausedReason: null, consecutiveFailures: 0 });

    // redelivery sends the same delivery again, same id and body
    const again = await t.request({ method: 'POST', url: `/api/v1/webhooks/${id}/deliveries/${d.id}/redeliver`, role: 'member' });
    expect(again.json()).toMatchObject({ id: d.id, status: 'pending', attempts: 0 });
    await pump([t.services], () => hook.received.length === 4);
    expect(hook.received[3].headers['kefutong-delivery']).toBe(String(d.id));
    expect(hook.received[3].body).toBe(hook.received[0].body);
    expect((await deliveries(id))[0]).toMatchObject({ status: 'succeeded', attempts: 1 });
    const missing = await t.request({ method: 'POST', url: `/api/v1/webhooks/${id}/deliveries/999999/redeliver`, role: 'member' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('未找到该投递记录。');
  });

  it('pauses after too many failures in a row across deliveries', async () => {
    const strict = await startApp(engine, { ...ENV, WEBHOOKS_MAX_ATTEMPTS: '10', WEBHOOKS_PAUSE_AFTER_FAILURES: '2' });
    const down = await startReceiver();
    try {
      down.status = 503;
      const res = await strict.request({ method: 'POST', url: '/api/v1/webhooks', role: 'admin', body: { url: down.url, eventTypes: ['org.updated'] } });
      const id = res.json().webhook.id;
      for (const n of [1, 2]) await strict.request({ method: 'PATCH', url: `/api/v1/orgs/${strict.memberOrgId}`, role: 'admin', body: { employees: n } });
      await pump([strict.services], () => down.received.length === 2);
      const w = (await strict.request({ url: '/api/v1/webhooks', role: 'admin' })).json().items.find((x: { id: number }) => x.id === id);
      expect(w).toMatchObject({ status: 'paused', pausedReason: '连续多次投递失败', consecutiveFailures: 2 });
      const admin = (await strict.request({ url: '/api/v1/notifications', role: 'admin' })).json().items;
      expect(admin[0]).toMatchObject({ kind: 'webhook.paused' });
    } finally {
      await strict.close();
      await down.close();
    }
  });
});
