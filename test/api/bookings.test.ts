import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { at, createInstrument, item, ownerOrg } from '../helpers/instruments.ts';

const iso = (s: string) => new Date(s).toISOString();

describe.each(engines())('booking on %s', (engine) => {
  let t: TestApp;
  let labA: Awaited<ReturnType<typeof ownerOrg>>;
  let labB: Awaited<ReturnType<typeof ownerOrg>>;
  let semA: number;
  let xrdB: number;
  beforeAll(async () => {
    t = await startApp(engine);
    labA = await ownerOrg(t, 'lab-a', '重庆大学分析测试中心');
    labB = await ownerOrg(t, 'lab-b', '中国科学院重庆绿色智能技术研究院');
    semA = await createInstrument(t, labA.orgId, { name: '场发射扫描电子显微镜' });
    xrdB = await createInstrument(t, labB.orgId, { name: 'X射线衍射仪', priceUnit: 'sample', priceExternalFen: 30_000, priceInternalFen: 15_000 });
  });
  afterAll(() => t.close());

  const book = (items: unknown[], cookie?: string) =>
    t.request({ method: 'POST', url: '/api/v1/bookings', ...(cookie ? { headers: { cookie } } : { role: 'member' as const }), body: { items } });
  const countAt = async (instrumentId: number) =>
    (await t.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM bookings WHERE instrument_id = ${instrumentId} AND status IN ('pending','confirmed')`))
      .rows[0].n;

  it('books a cart across two owners; one owner approves, the other declines with a reason; the user sees both', async () => {
    const quote = await t.request({
      method: 'POST',
      url: '/api/v1/bookings/quote',
      role: 'member',
      body: { items: [item(semA, at(2, '09:00'), at(2, '11:30')), item(xrdB, at(2, '09:00'), at(2, '10:00'), '物相分析', 3)] },
    });
    expect(quote.json()).toMatchObject({
      totalFen: 2.5 * 40_000 + 3 * 30_000,
      items: [
        { estimatedFen: 100_000, external: true, needsApproval: true, problems: [] },
        { estimatedFen: 90_000, quantity: 3 },
      ],
    });
    const res = await book([item(semA, at(2, '09:00'), at(2, '11:30')), item(xrdB, at(2, '09:00'), at(2, '10:00'), '物相分析', 3)]);
    expect(res.statusCode).toBe(201);
    const [a, b] = res.json().items;
    expect(a).toMatchObject({ status: 'pending', ownerOrgId: labA.orgId, estimatedFen: 100_000, priceFen: null, external: true });
    expect(b).toMatchObject({ status: 'pending', ownerOrgId: labB.orgId, cartId: a.cartId });

    // the owners are told, in their inbox and notifications
    const inboxA = await t.request({ url: '/api/v1/bookings?scope=owner&status=pending', headers: { cookie: labA.cookie } });
    expect(inboxA.json().items.map((x: { id: number }) => x.id)).toEqual([a.id]);
    expect((await t.request({ url: '/api/v1/notifications', headers: { cookie: labA.cookie } })).json().items[0].title).toBe('新的预约：场发射扫描电子显微镜');

    // nobody decides another organization's bookings, and a decline needs a reason
    expect((await t.request({ method: 'POST', url: `/api/v1/bookings/${a.id}/approve`, headers: { cookie: labB.cookie }, body: {} })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: `/api/v1/bookings/${a.id}/approve`, role: 'member', body: {} })).statusCode).toBe(403);
    const noReason = await t.request({ method: 'POST', url: `/api/v1/bookings/${b.id}/decline`, headers: { cookie: labB.cookie }, body: { reason: '' } });
    expect(noReason.json().error.fields).toEqual([{ path: 'reason', message: '请填写理由。' }]);

    // price is fixed at approval, at the prices then in force
    await t.request({ method: 'PATCH', url: `/api/v1/instruments/${semA}`, headers: { cookie: labA.cookie }, body: { priceExternalFen: 48_000 } });
    const approved = await t.request({ method: 'POST', url: `/api/v1/bookings/${a.id}/approve`, headers: { cookie: labA.cookie }, body: {} });
    expect(approved.json()).toMatchObject({ status: 'confirmed', priceFen: 120_000 });
    const declined = await t.request({
      method: 'POST',
      url: `/api/v1/bookings/${b.id}/decline`,
      headers: { cookie: labB.cookie },
      body: { reason: '该时段需优先保障院内课题' },
    });
    expect(declined.json()).toMatchObject({ status: 'declined', decisionReason: '该时段需优先保障院内课题' });
    expect(
      (await t.request({ method: 'POST', url: `/api/v1/bookings/${b.id}/approve`, headers: { cookie: labB.cookie }, body: {} })).json().error.message,
    ).toBe('该预约当前状态为“未通过”，不是待审核状态。');

    const mine = (await t.request({ url: '/api/v1/bookings?scope=mine', role: 'member' })).json().items;
    expect(mine.find((x: { id: number }) => x.id === a.id).status).toBe('confirmed');
    // a booking names its user: not for a district office, nor another organization
    expect((await t.request({ url: `/api/v1/bookings/${a.id}`, role: 'district' })).statusCode).toBe(403);
    expect((await t.request({ url: `/api/v1/bookings/${a.id}`, headers: { cookie: labB.cookie } })).statusCode).toBe(403);
    expect((await t.request({ url: `/api/v1/bookings/${a.id}`, headers: { cookie: labA.cookie } })).json().userName).toBe('机构用户');
    expect(mine.find((x: { id: number }) => x.id === b.id)).toMatchObject({ status: 'declined', decisionReason: '该时段需优先保障院内课题' });
    const notes = (await t.request({ url: '/api/v1/notifications', role: 'member' })).json();
    expect(notes.unread).toBe(2);
    expect(notes.items.map((n: { title: string }) => n.title).sort()).toEqual(['预约已批准：场发射扫描电子显微镜', '预约未通过：X射线衍射仪']);
    expect(notes.items.find((n: { kind: string }) => n.kind === 'booking.declined').body).toContain('该时段需优先保障院内课题');
    // every decision is in the audit trail
    const { rows } = await t.db.query<{ action: string; actor_name: string }>(
      sql`SELECT action, actor_name FROM entity_history WHERE entity_type = 'booking' AND entity_id = ${String(b.id)} ORDER BY id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['create', 'decline']);
  });

  it('books nothing when the second item of a cart conflicts', async () => {
    const first = await book([item(semA, at(3, '14:00'), at(3, '15:00'))], labB.cookie);
    expect(first.statusCode).toBe(201);
    const before = await countAt(xrdB);
    const res = await book([item(xrdB, at(3, '14:00'), at(3, '15:00')), item(semA, at(3, '14:30'), at(3, '15:30'))]);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'booking_conflict', message: '有 1 项所选时段已被预约，本次预约未提交，请调整后重试。' });
    expect(res.json().error.fields).toEqual([{ path: 'items.1.start', message: expect.stringContaining('“场发射扫描电子显微镜”在') }]);
    expect(await countAt(xrdB)).toBe(before);
    // two items of one cart may not overlap each other either
    const self = await book([item(xrdB, at(4, '14:00'), at(4, '15:00')), item(xrdB, at(4, '14:30'), at(4, '15:30'))]);
    expect(self.statusCode).toBe(409);
    expect(await countAt(xrdB)).toBe(before);
  });

  it('refuses each broken rule with its own message, in the user’s language', async () => {
    const strict = await createInstrument(t, labA.orgId, {
      name: '高分辨透射电子显微镜',
      openingHours: [
        [['09:00', '17:00']],
        [['09:00', '17:00']],
        [['09:00', '17:00']],
        [['09:00', '17:00']],
        [['09:00', '17:00']],
        [['09:00', '17:00']],
        [['09:00', '17:00']],
      ],
      minBookingMinutes: 60,
      maxBookingMinutes: 120,
      noticeHours: 72,
    });
    const cases: [unknown, string, string][] = [
      [item(strict, at(5, '07:00'), at(5, '08:30')), 'items.0.start', '“高分辨透射电子显微镜”在所选时间不开放，请选择开放时间内的时段。'],
      [item(strict, at(5, '09:00'), at(5, '09:30')), 'items.0.end', '“高分辨透射电子显微镜”每次预约至少 60 分钟。'],
      [item(strict, at(5, '09:00'), at(5, '13:00')), 'items.0.end', '“高分辨透射电子显微镜”每次预约最长 2 小时。'],
      [item(strict, at(1, '10:00'), at(1, '11:00')), 'items.0.start', '“高分辨透射电子显微镜”需至少提前 72 小时预约。'],
    ];
    for (const [it_, path, message] of cases) {
      const res = await book([it_]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual([{ path, message }]);
    }
    await t.request({
      method: 'POST',
      url: `/api/v1/instruments/${strict}/exceptions`,
      headers: { cookie: labA.cookie },
      body: { kind: 'closed', start: at(6, '00:00'), end: at(7, '00:00'), reason: '设备年检' },
    });
    const blackout = await book([item(strict, at(6, '10:00'), at(6, '11:00'))]);
    expect(blackout.json().error.fields).toEqual([{ path: 'items.0.start', message: '“高分辨透射电子显微镜”在所选时间停用（设备年检）。' }]);
    const en = await t.request({
      method: 'POST',
      url: '/api/v1/bookings',
      role: 'member',
      lang: 'en',
      body: { items: [item(strict, at(6, '10:00'), at(6, '11:00'))] },
    });
    expect(en.json().error.fields[0].message).toBe('"高分辨透射电子显微镜" is closed at the chosen time (设备年检).');
    expect(await countAt(strict)).toBe(0);
    // training and members-only instruments
    const trained = await createInstrument(t, labA.orgId, { name: '聚焦离子束显微镜', needsTraining: true });
    expect((await book([item(trained, at(5, '10:00'), at(5, '11:00'))])).json().error.fields[0].message).toBe(
      '“聚焦离子束显微镜”需要上机培训资格，请先联系重庆大学分析测试中心参加培训。',
    );
    const grant = await t.request({
      method: 'POST',
      url: `/api/v1/instruments/${trained}/qualifications`,
      headers: { cookie: labA.cookie },
      body: { username: 'member' },
    });
    expect(grant.statusCode).toBe(201);
    expect((await book([item(trained, at(5, '10:00'), at(5, '11:00'))])).statusCode).toBe(201);
    const internal = await createInstrument(t, labA.orgId, { name: '核磁共振波谱仪', sharingMode: 'members' });
    expect((await book([item(internal, at(5, '10:00'), at(5, '11:00'))])).json().error.fields[0].message).toBe(
      '“核磁共振波谱仪”仅对重庆大学分析测试中心内部用户开放。',
    );
    const own = await book([item(internal, at(5, '10:00'), at(5, '11:00'))], labA.cookie);
    expect(own.json().items[0]).toMatchObject({ status: 'confirmed', external: false, priceFen: 20_000 });
  });

  it('lets the user cancel a request, but a confirmed slot only before the notice; owners cancel with a reason', async () => {
    const soon = await createInstrument(t, labA.orgId, { name: '热重分析仪', needsApproval: false, cancelNoticeHours: 24 });
    const near = (await book([item(soon, at(1, '10:00'), at(1, '11:00'))])).json().items[0];
    expect(near.status).toBe('confirmed');
    const late = await t.request({ method: 'POST', url: `/api/v1/bookings/${near.id}/cancel`, role: 'member', body: {} });
    // tomorrow 10:00 may be more than 24 h away only if the test runs before 10:00 Shanghai time
    if (new Date(at(1, '10:00')).getTime() - Date.now() < 24 * 3600_000) {
      expect(late.statusCode).toBe(409);
      expect(late.json().error.message).toBe('已确认的预约需在开始前 24 小时以上取消；如需取消请联系仪器管理单位。');
      const ownerNoReason = await t.request({ method: 'POST', url: `/api/v1/bookings/${near.id}/cancel`, headers: { cookie: labA.cookie }, body: {} });
      expect(ownerNoReason.statusCode).toBe(400);
      const byOwner = await t.request({
        method: 'POST',
        url: `/api/v1/bookings/${near.id}/cancel`,
        headers: { cookie: labA.cookie },
        body: { reason: '设备突发故障' },
      });
      expect(byOwner.json()).toMatchObject({ status: 'cancelled', cancelReason: '设备突发故障' });
      const notes = (await t.request({ url: '/api/v1/notifications', role: 'member' })).json().items;
      expect(notes[0]).toMatchObject({ kind: 'booking.cancelled', body: expect.stringContaining('设备突发故障') });
    } else expect(late.statusCode).toBe(200);
    const far = (await book([item(soon, at(10, '10:00'), at(10, '11:00'))])).json().items[0];
    expect((await t.request({ method: 'POST', url: `/api/v1/bookings/${far.id}/cancel`, role: 'member', body: {} })).json().status).toBe('cancelled');
    // the slot is free again
    expect((await book([item(soon, at(10, '10:00'), at(10, '11:00'))], labB.cookie)).statusCode).toBe(201);
  });

  it('releases an unanswered request when it expires, and a no-show after the grace period', async () => {
    const inst = await createInstrument(t, labB.orgId, { name: '激光粒度分析仪' });
    const req = (await book([item(inst, at(8, '09:00'), at(8, '10:00'))])).json().items[0];
    expect((await book([item(inst, at(8, '09:00'), at(8, '10:00'))], labA.cookie)).statusCode).toBe(409);
    await t.db.query(sql`UPDATE bookings SET expires_at = now() - interval '1 minute' WHERE id = ${req.id}`);
    const taken = await book([item(inst, at(8, '09:00'), at(8, '10:00'))], labA.cookie);
    expect(taken.statusCode).toBe(201);
    expect((await t.request({ url: `/api/v1/bookings/${req.id}`, role: 'member' })).json().status).toBe('expired');
    expect((await t.request({ url: '/api/v1/notifications', role: 'member' })).json().items[0].kind).toBe('booking.expired');
    expect((await t.request({ method: 'POST', url: `/api/v1/bookings/${req.id}/approve`, headers: { cookie: labB.cookie }, body: {} })).statusCode).toBe(409);

    // a confirmed booking whose start passed 30 minutes ago without a check-in
    const gone = taken.json().items[0];
    await t.request({ method: 'POST', url: `/api/v1/bookings/${gone.id}/approve`, headers: { cookie: labB.cookie }, body: {} });
    await t.db.query(sql`UPDATE bookings SET during = tstzrange(now() - interval '40 minutes', now() + interval '20 minutes') WHERE id = ${gone.id}`);
    const tick = await t.services.bookings.tick();
    expect(tick.noShows).toBe(1);
    expect((await t.request({ url: `/api/v1/bookings/${gone.id}`, headers: { cookie: labA.cookie } })).json().status).toBe('no_show');
  });

  it('sends a reminder once for a confirmed booking starting within a day', async () => {
    const inst = await createInstrument(t, labB.orgId, { name: '紫外可见分光光度计', needsApproval: false });
    const b = (await book([item(inst, at(12, '09:00'), at(12, '10:00'))])).json().items[0];
    // confirmed two days ago, starting in three hours
    await t.db.query(
      sql`UPDATE bookings SET during = tstzrange(now() + interval '3 hours', now() + interval '4 hours'), created_at = now() - interval '2 days' WHERE id = ${b.id}`,
    );
    await t.services.bookings.tick();
    await t.services.bookings.tick();
    const reminders = (await t.request({ url: '/api/v1/notifications', role: 'member' }))
      .json()
      .items.filter((n: { kind: string; bookingId: number }) => n.kind === 'booking.reminder' && n.bookingId === b.id);
    expect(reminders).toHaveLength(1);
    expect(reminders[0].title).toBe('上机提醒：紫外可见分光光度计');
  });

  it('reminds `lead` ahead of a booking confirmed before then, 2 h ahead of one confirmed later, and never at once; naming the times in Beijing time', async () => {
    const lead = t.config.booking.reminderHours; // 24 by default
    // open round the clock, so the slots below are inside opening hours whatever the time of day
    const inst = await createInstrument(t, labB.orgId, {
      name: '原子吸收光谱仪',
      needsApproval: false,
      openingHours: Array.from({ length: 7 }, () => [['00:00', '24:00']]),
    });
    // whole minutes from now, so the text of the start is exact
    const minute = Math.ceil(Date.now() / 60_000) * 60_000;
    const slot = (hoursAhead: number) => {
      const start = new Date(minute + hoursAhead * 3600_000);
      return item(inst, start.toISOString(), new Date(start.getTime() + 3600_000).toISOString());
    };
    const [early, outside, justNow, earlier, late] = (await book([slot(lead - 2), slot(lead + 2), slot(lead - 4), slot(1.5), slot(0.5)])).json().items;
    expect([early, outside, justNow, earlier, late].map((b) => b.status)).toEqual(Array(5).fill('confirmed'));
    // when each was confirmed (auto-confirmed: made): `early` a day before its start is within the lead, `earlier`
    // six hours before its start (inside the lead, but more than 2 h ahead); the others just now
    await t.db.query(sql`UPDATE bookings SET created_at = now() - interval '1 day' WHERE id = ${early.id}`);
    await t.db.query(sql`UPDATE bookings SET created_at = now() - interval '4 hours 30 minutes' WHERE id = ${earlier.id}`);

    await t.services.bookings.tick();
    const reminded = async () =>
      (await t.request({ url: '/api/v1/notifications', role: 'member' })).json().items.filter((n: { kind: string }) => n.kind === 'booking.reminder');
    const ids = (await reminded()).map((n: { bookingId: number }) => n.bookingId);
    expect(ids).toContain(early.id); // within the lead, confirmed before it began
    expect(ids).toContain(earlier.id); // confirmed inside the lead: 2 h ahead
    expect(ids).not.toContain(outside.id); // not yet within the lead
    expect(ids).not.toContain(justNow.id); // confirmed a moment ago, 20 h ahead: the confirmation said it all
    expect(ids).not.toContain(late.id); // confirmed within 2 h of its start: no reminder
    await t.services.bookings.tick();
    expect((await reminded()).filter((n: { bookingId: number }) => n.bookingId === early.id)).toHaveLength(1); // once

    const wall = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    const start = new Date(early.start);
    expect(start.getTime()).toBe(minute + (lead - 2) * 3600_000);
    const mine = (await reminded()).find((n: { bookingId: number }) => n.bookingId === early.id);
    expect(mine.title).toBe('上机提醒：原子吸收光谱仪');
    expect(mine.body).toBe(`您预约的上机时段为 ${wall(start)} 至 ${wall(new Date(start.getTime() + 3600_000))}（北京时间），请按时到场。`);
  });

  it('serves calendars that a calendar library reads: the instrument’s taken slots and the user’s own bookings', async () => {
    const ics = await t.request({ url: `/api/v1/instruments/${semA}/calendar.ics` });
    expect(ics.headers['content-type']).toContain('text/calendar');
    const cal = new ICAL.Component(ICAL.parse(ics.body));
    const events = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.length).toBeGreaterThanOrEqual(2);
    const confirmed = events.find((e) => e.startDate.toJSDate().toISOString() === iso(at(2, '09:00')))!;
    expect(confirmed.summary).toBe('场发射扫描电子显微镜：已预约');
    expect(confirmed.endDate.toJSDate().toISOString()).toBe(iso(at(2, '11:30')));
    expect(ics.body).not.toContain('member');

    const link = await t.request({ method: 'POST', url: '/api/v1/me/calendar-token', role: 'member' });
    const url = new URL(link.json().url);
    const feed = await t.request({ url: url.pathname + url.search });
    const mine = new ICAL.Component(ICAL.parse(feed.body)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(mine.some((e) => e.summary === '场发射扫描电子显微镜（已确认）' && e.description === '材料表征测试')).toBe(true);
    expect((await t.request({ url: '/api/v1/me/calendar.ics?token=not-a-real-token-123' })).statusCode).toBe(401);
  });

  it('gives exactly one of many concurrent requests for one slot, and a clear conflict to the rest', async () => {
    const inst = await createInstrument(t, labA.orgId, { name: '电感耦合等离子体质谱仪', needsApproval: false });
    const n = 200;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => book([item(inst, at(20, '09:00'), at(20, '10:00'), `并发请求 ${i}`)])));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(n - 1);
    expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('booking_conflict');
    expect(await countAt(inst)).toBe(1);
  });
});

describe.each(engines())('booking reminders with a lead in hours and minutes on %s', (engine) => {
  let t: TestApp;
  // the settings allow half hours (BOOKING_REMINDER_HOURS ≥ 0.5)
  beforeAll(async () => (t = await startApp(engine, { BOOKING_REMINDER_HOURS: '1.5' })));
  afterAll(() => t.close());

  it('reminds 1 h 30 min ahead, a lead the settings allow, and the same tick still expires requests', async () => {
    const lab = await ownerOrg(t, 'lab-lead', '重庆提醒测试中心');
    const inst = await createInstrument(t, lab.orgId, {
      name: '差示扫描量热仪',
      needsApproval: false,
      openingHours: Array.from({ length: 7 }, () => [['00:00', '24:00']]),
    });
    const minute = Math.ceil(Date.now() / 60_000) * 60_000;
    const slot = (minutesAhead: number) =>
      item(inst, new Date(minute + minutesAhead * 60_000).toISOString(), new Date(minute + (minutesAhead + 30) * 60_000).toISOString());
    const res = await t.request({ method: 'POST', url: '/api/v1/bookings', role: 'member', body: { items: [slot(80), slot(120)] } });
    expect(res.statusCode).toBe(201);
    const [inside, outside] = res.json().items;
    // made (so confirmed) an hour ago: 2 h 20 min before its start, before the lead began
    await t.db.query(sql`UPDATE bookings SET created_at = now() - interval '1 hour' WHERE id = ${inside.id}`);
    // and a request left unanswered past its time, which the same tick expires
    const asked = await createInstrument(t, lab.orgId, { name: '动态热机械分析仪' });
    const request = (
      await t.request({ method: 'POST', url: '/api/v1/bookings', role: 'member', body: { items: [item(asked, at(3, '09:00'), at(3, '10:00'))] } })
    ).json().items[0];
    await t.db.query(sql`UPDATE bookings SET expires_at = now() - interval '1 minute' WHERE id = ${request.id}`);
    const tick = await t.services.bookings.tick();
    expect(tick).toMatchObject({ reminders: 1, expired: 1 });
    expect((await t.request({ url: `/api/v1/bookings/${request.id}`, role: 'member' })).json().status).toBe('expired');
    const reminded = (await t.request({ url: '/api/v1/notifications', role: 'member' }))
      .json()
      .items.filter((n: { kind: string }) => n.kind === 'booking.reminder')
      .map((n: { bookingId: number }) => n.bookingId);
    expect(reminded).toEqual([inside.id]);
    expect(reminded).not.toContain(outside.id);
  });
});
