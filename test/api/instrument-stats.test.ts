import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { SMTPServer } from 'smtp-server';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { at, createInstrument, item, ownerOrg } from '../helpers/instruments.ts';

describe.each(engines())('sharing indicators on %s', (engine) => {
  let t: TestApp;
  let lab: Awaited<ReturnType<typeof ownerOrg>>;
  let inst: number;
  const from = '2026-01-05T00:00:00+08:00'; // a Monday
  const to = '2026-01-12T00:00:00+08:00'; // one week: 7 days × 12 h open = 84 h

  beforeAll(async () => {
    t = await startApp(engine);
    lab = await ownerOrg(t, 'stats-lab', '重庆市计量质量检测研究院');
    inst = await createInstrument(t, lab.orgId, { name: '三坐标测量机', classCode: 'metrology', needsApproval: false, districtCode: '500106' });
    // Bookings made now, then moved into the measured week (the rules refuse the past by design).
    const make = async (cookie: string | null, day: number, h0: string, h1: string) => {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/bookings',
        ...(cookie ? { headers: { cookie } } : { role: 'member' as const }),
        body: { items: [item(inst, at(30 + day, h0), at(30 + day, h1))] },
      });
      const b = res.json().items[0];
      const start = new Date(`2026-01-0${5 + day}T${h0}:00+08:00`);
      const end = new Date(`2026-01-0${5 + day}T${h1}:00+08:00`);
      await t.db.query(sql`UPDATE bookings SET during = tstzrange(${start}, ${end}) WHERE id = ${b.id}`);
      return { id: b.id as number, start, end };
    };
    // external user (member org): 2 h used of 3 h booked; internal user (the lab itself): 1 h used
    const ext = await make(null, 0, '09:00', '12:00');
    const own = await make(lab.cookie, 1, '14:00', '15:00');
    const noShow = await make(null, 2, '09:00', '10:00');
    const usage = (id: number, s: Date, e: Date) =>
      t.request({
        method: 'POST',
        url: `/api/v1/bookings/${id}/usage`,
        headers: { cookie: lab.cookie },
        body: { actualStart: s.toISOString(), actualEnd: e.toISOString() },
      });
    expect((await usage(ext.id, new Date(ext.start.getTime() + 30 * 60_000), new Date(ext.start.getTime() + 150 * 60_000))).statusCode).toBe(200);
    expect((await usage(own.id, own.start, own.end)).statusCode).toBe(200);
    await t.db.query(sql`UPDATE bookings SET status = 'no_show' WHERE id = ${noShow.id}`);
  });
  afterAll(() => t.close());

  it('computes opening, booked, work and external service hours, utilisation and sharing rate from the bookings', async () => {
    const res = await t.request({
      url: `/api/v1/instrument-stats?groupBy=instrument&owner=${lab.orgId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      role: 'admin',
    });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.national).toMatchObject({ workHoursPerYear: 1599, externalHoursPerYear: 273 });
    expect(s.rows).toHaveLength(1);
    expect(s.rows[0]).toMatchObject({
      key: String(inst),
      name: '三坐标测量机',
      instruments: 1,
      openingHours: 84,
      bookedHours: 5, // 3 + 1 + the no-show's hour: it was reserved
      workHours: 3,
      externalHours: 2,
      utilisation: Math.round((3 / 84) * 10000) / 10000,
      sharingRate: Math.round((2 / 3) * 10000) / 10000,
      outsideOrgs: 1,
      incomeFen: 3 * 40_000 + 20_000,
    });
    expect(s.rows[0].workHoursPerInstrumentYear).toBeCloseTo(3 / (7 / 365.25), 0);
    expect(s.totals).toMatchObject({ workHours: 3, externalHours: 2, outsideOrgs: 1 });
    const byDistrict = (
      await t.request({
        url: `/api/v1/instrument-stats?groupBy=district&owner=${lab.orgId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
        role: 'admin',
      })
    ).json();
    expect(byDistrict.rows[0]).toMatchObject({ key: '500106', name: '沙坪坝区', workHours: 3 });
    // a blackout day is not opening time
    await t.request({
      method: 'POST',
      url: `/api/v1/instruments/${inst}/exceptions`,
      headers: { cookie: lab.cookie },
      body: { kind: 'closed', start: '2026-01-10T00:00:00+08:00', end: '2026-01-11T00:00:00+08:00', reason: '计量检定' },
    });
    const after = (
      await t.request({ url: `/api/v1/instrument-stats?owner=${lab.orgId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, role: 'admin' })
    ).json();
    expect(after.rows[0].openingHours).toBe(72);
  });

  it('groups instruments of abolished districts under the district that holds them today (江北区 and 渝北区 → 两江新区)', async () => {
    const owner = await ownerOrg(t, 'stats-liangjiang', '重庆两江仪器共享中心');
    const a = await createInstrument(t, owner.orgId, { name: '扫描电子显微镜', classCode: 'metrology' });
    const b = await createInstrument(t, owner.orgId, { name: '液相色谱仪', classCode: 'metrology' });
    // recorded before 2025-11-06, under the codes of the time
    await t.db.query(sql`UPDATE instruments SET district_code = '500105' WHERE id = ${a}`);
    await t.db.query(sql`UPDATE instruments SET district_code = '500112' WHERE id = ${b}`);
    const res = await t.request({
      url: `/api/v1/instrument-stats?groupBy=district&owner=${owner.orgId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      role: 'admin',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows).toEqual([expect.objectContaining({ key: '500199', name: '两江新区', districtCode: '500199', instruments: 2 })]);
  });

  it('reads whole months from the rollup the triggers keep, with the same figures as from the bookings', async () => {
    const q = (f: string, t_: string) =>
      t
        .request({ url: `/api/v1/instrument-stats?owner=${lab.orgId}&from=${encodeURIComponent(f)}&to=${encodeURIComponent(t_)}`, role: 'admin' })
        .then((r) => r.json().rows[0]);
    const month = await q('2026-01-01T00:00:00+08:00', '2026-02-01T00:00:00+08:00'); // rollup
    const around = await q('2025-12-31T12:00:00+08:00', '2026-02-01T00:00:01+08:00'); // bookings
    const usage = (r: Record<string, unknown>) => ({
      bookedHours: r.bookedHours,
      workHours: r.workHours,
      externalHours: r.externalHours,
      incomeFen: r.incomeFen,
      outsideOrgs: r.outsideOrgs,
    });
    expect(usage(month)).toEqual({ bookedHours: 5, workHours: 3, externalHours: 2, incomeFen: 140_000, outsideOrgs: 1 });
    expect(usage(around)).toEqual(usage(month));
    const year = await q('2026-01-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00'); // yearly rollup
    expect(usage(year)).toEqual(usage(month));
    const byOwner = (
      await t.request({
        url: `/api/v1/instrument-stats?groupBy=owner&owner=${lab.orgId}&from=${encodeURIComponent('2026-01-01T00:00:00+08:00')}&to=${encodeURIComponent('2027-01-01T00:00:00+08:00')}`,
        role: 'admin',
      })
    ).json();
    expect(byOwner.rows[0]).toMatchObject({ key: String(lab.orgId), outsideOrgs: 1 });
    expect(byOwner.totals.outsideOrgs).toBe(1);
    // a decision changes the rollup in the same transaction: the no-show becomes recorded use
    const { rows } = await t.db.query<{ id: number }>(sql`SELECT id FROM bookings WHERE instrument_id = ${inst} AND status = 'no_show'`);
    const fix = await t.request({
      method: 'POST',
      url: `/api/v1/bookings/${rows[0].id}/usage`,
      headers: { cookie: lab.cookie },
      body: { actualStart: '2026-01-07T09:00:00+08:00', actualEnd: '2026-01-07T10:00:00+08:00' },
    });
    expect(fix.json().status).toBe('completed');
    expect(usage(await q('2026-01-01T00:00:00+08:00', '2026-02-01T00:00:00+08:00'))).toEqual({
      bookedHours: 5,
      workHours: 4,
      externalHours: 3,
      incomeFen: 180_000,
      outsideOrgs: 1,
    });
    expect(usage(await q('2025-12-31T12:00:00+08:00', '2026-02-01T00:00:01+08:00'))).toMatchObject({ workHours: 4, externalHours: 3 });
    await t.request({
      method: 'POST',
      url: `/api/v1/bookings/${rows[0].id}/usage`,
      headers: { cookie: lab.cookie },
      body: { actualStart: '2026-01-07T09:00:00+08:00', actualEnd: '2026-01-07T09:00:01+08:00' },
    });
    // what the triggers kept through inserts, decisions, cancellations and usage equals a rebuild from scratch
    const snapshot = async () =>
      (
        await t.db.query(sql`SELECT instrument_id, month, round(booked_secs) AS b, round(work_secs) AS w, round(external_secs) AS e, income_fen FROM instrument_usage_months
        WHERE booked_secs <> 0 OR work_secs <> 0 OR income_fen <> 0 ORDER BY 1, 2`)
      ).rows;
    const years = async () =>
      (
        await t.db.query(
          sql`SELECT instrument_id, year, round(work_secs) AS w, income_fen FROM instrument_usage_years WHERE work_secs <> 0 OR income_fen <> 0 ORDER BY 1, 2`,
        )
      ).rows;
    const keptYears = await years();
    const kept = await snapshot();
    expect(kept.length).toBeGreaterThan(0);
    await t.db.query(sql`SELECT rebuild_instrument_usage()`);
    expect(await snapshot()).toEqual(kept);
    expect(await years()).toEqual(keptYears);
    expect((await t.db.query(sql`SELECT count(*)::int AS n FROM instrument_usage_outside_years WHERE bookings > 0`)).rows[0]).toEqual({ n: 1 });
  });

  it('shows an organization member only its own instruments', async () => {
    const own = await t.request({
      url: `/api/v1/instrument-stats?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      headers: { cookie: lab.cookie },
    });
    expect(own.json().rows.map((r: { key: string }) => r.key)).toEqual([String(inst)]);
    const other = await t.request({
      url: `/api/v1/instrument-stats?owner=${lab.orgId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      role: 'member',
    });
    expect(other.statusCode).toBe(403);
    expect((await t.request({ url: `/api/v1/instrument-stats?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` })).statusCode).toBe(401);
  });

  it('exports the indicators as an .xlsx that another reader opens', async () => {
    const res = await t.request({
      url: `/api/v1/instrument-stats.xlsx?owner=${lab.orgId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      role: 'admin',
    });
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(res.headers['content-disposition'] as string)).toContain('仪器共享指标-2026-01-05至2026-01-11.xlsx');
    const wb = XLSX.read(res.rawPayload, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 });
    expect(rows[0][0]).toContain('大型科研仪器共享指标');
    expect(rows[2]).toEqual(expect.arrayContaining(['仪器', '有效工作机时（小时）', '对外服务机时（小时）', '共享率']));
    const line = rows.find((r) => r[0] === '三坐标测量机')!;
    expect(line.slice(0, 6)).toEqual(['三坐标测量机', 1, 72, 5, 3, 2]);
    expect(rows.find((r) => r[0] === '全国平均（2025 年，台均年）')).toContain(1599);
  });
});

describe('email notifications', () => {
  it('mails the owner about a new request when SMTP is configured', async () => {
    const received: { to: string; body: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, cb) {
        let body = '';
        stream.on('data', (c: Buffer) => (body += c.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
          cb();
        });
      },
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.server.address() as { port: number }).port;
    const t = await startApp(engines()[0], { SMTP_URL: `smtp://127.0.0.1:${port}` });
    try {
      const lab = await ownerOrg(t, 'mail-lab', '重庆邮电检测中心');
      const inst = await createInstrument(t, lab.orgId, { name: '频谱分析仪', classCode: 'electronic' });
      expect(
        (await t.request({ method: 'POST', url: '/api/v1/bookings', role: 'member', body: { items: [item(inst, at(3, '10:00'), at(3, '11:00'))] } }))
          .statusCode,
      ).toBe(201);
      await t.services.events.drain();
      await expect.poll(() => received.length, { timeout: 5000 }).toBe(1);
      expect(received[0].to).toBe('mail-lab@example.cn');
      expect(received[0].body).toContain('Subject: =?UTF-8?');
    } finally {
      await t.close();
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });
});
