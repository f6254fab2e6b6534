/**
 * Issue 12 point 6 through the HTTP API: a station's workload and time to decision (working days across a national
 * holiday and its make-up days), the turnover figures by every breakdown, and the register's xlsx read back with
 * SheetJS (the app writes with exceljs). Past clocks and decisions are set in the database: the review itself runs
 * through the API, only its days are moved back into 2025.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, PASSWORD, startApp, uscc, type TestApp } from '../helpers/app.ts';
import { orgWithMember } from '../helpers/market.ts';
import { uploadDocument } from '../helpers/contracts.ts';
import { ContractFiguresRepository } from '../../src/server/modules/contracts/figures-repository.ts';

type Who = { cookie: string };

describe.each(engines())('contract workload, figures and the register’s xlsx on %s', (engine) => {
  let t: TestApp;
  let seller: Awaited<ReturnType<typeof orgWithMember>>;
  let station: Who;
  let otherStation: Who;
  let buyerUscc: string;
  const as = (who: Who) => ({ headers: { cookie: who.cookie } });
  const post = (url: string, who: Who, body?: unknown) => t.request({ method: 'POST', url, ...as(who), ...(body !== undefined ? { body } : {}) });
  const get = (url: string, who?: Who) => t.request({ url, ...(who ? as(who) : {}) });
  const admin = (url: string) => t.request({ url, role: 'admin' });

  async function staff(username: string, code: string) {
    const u = await t.services.auth.createUser({ username, password: PASSWORD, role: 'station_staff', displayName: `${username}登记员` });
    await t.services.contracts.addStaff(code, u.id);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    const c = res.cookies.find((x) => x.name === 'kft_session')!;
    return { cookie: `${c.name}=${c.value}` };
  }

  async function submitted(projectName: string, over: Record<string, unknown>): Promise<number> {
    const res = await post('/api/v1/contracts', seller, {
      projectName,
      contractType: 'transfer',
      subType: 'patent',
      signedOn: '2025-02-20',
      validFrom: '2025-02-20',
      validUntil: '2027-02-19',
      seller: { nature: 'university' },
      buyer: { name: '重庆两江智造科技有限公司', uscc: buyerUscc, nature: 'private_enterprise', divisionCode: '500112' },
      amountFen: 100_0000_00,
      techAmountFen: 90_0000_00,
      equipmentFen: 10_0000_00,
      techField: 'new_materials',
      ipType: 'invention_patent',
      planSource: 'municipal',
      newInvestmentFen: 500_0000_00,
      newOutputFen: 800_0000_00,
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    // a submission carries the signed contract (合同文本)
    expect((await uploadDocument(t, id, seller)).statusCode).toBe(200);
    expect((await post(`/api/v1/contracts/${id}/submit`, seller)).statusCode).toBe(200);
    return id;
  }

  /** through the station's review to a decision, then its clock and decision moved to the given Beijing days */
  async function decided(id: number, outcome: 'register' | 'reject', startedOn: string, decidedOn: string) {
    await post(`/api/v1/contracts/${id}/accept`, station);
    await post(`/api/v1/contracts/${id}/start-review`, station);
    const res = await post(`/api/v1/contracts/${id}/${outcome}`, station, outcome === 'reject' ? { reason: '合同标的不属于技术合同范围。' } : undefined);
    expect(res.statusCode, res.body).toBe(200);
    await t.db.query(sql`UPDATE contracts SET clock_started_on = ${startedOn}::date,
      submitted_at = (${startedOn}::date + time '09:30')::timestamp AT TIME ZONE 'Asia/Shanghai',
      decided_at = (${decidedOn}::date + time '16:00')::timestamp AT TIME ZONE 'Asia/Shanghai',
      registered_at = CASE WHEN registered_at IS NULL THEN NULL ELSE (${decidedOn}::date + time '16:00')::timestamp AT TIME ZONE 'Asia/Shanghai' END
      WHERE id = ${id}`);
    // the figures' roll-up is kept by the app's own writes; moving a registration back in time by SQL counts it again
    await new ContractFiguresRepository(t.db).rebuild();
  }

  let open: number;
  beforeAll(async () => {
    t = await startApp(engine);
    seller = await orgWithMember(t, `wl_seller_${engine}`, {
      name: '重庆渝中技术转移研究院',
      kinds: ['university'],
      categories: ['transfer'],
      districtCode: '500103',
      uscc: uscc('500103'),
    });
    buyerUscc = uscc('500112');
    station = await staff(`wl_station_${engine}`, 'S04'); // 渝中区, the seller's district
    otherStation = await staff(`wl_station2_${engine}`, 'S06');
    // 5, 7 (across National Day 2025: 1–8 October off, 28 September and 11 October worked), 10 and 15 working days
    await decided(await submitted('固态电池电解质专利转让', {}), 'register', '2025-03-03', '2025-03-10');
    await decided(
      await submitted('工业机器人视觉定位技术开发', {
        contractType: 'development',
        subType: 'commissioned',
        techField: 'advanced_manufacturing',
        newInvestmentFen: null,
        newOutputFen: null,
        amountFen: 300_0000_00,
        techAmountFen: 300_0000_00,
        equipmentFen: 0,
        buyer: { name: '重庆国资智造集团有限公司', uscc: buyerUscc, nature: 'state_enterprise', divisionCode: '500112' },
      }),
      'register',
      '2025-09-26',
      '2025-10-13',
    );
    await decided(
      await submitted('生物医药检测技术服务', {
        contractType: 'service',
        subType: 'service',
        techField: 'biomedicine',
        newInvestmentFen: null,
        newOutputFen: null,
        amountFen: 20_0000_00,
        techAmountFen: 20_0000_00,
        equipmentFen: 0,
      }),
      'register',
      '2025-06-09',
      '2025-06-23',
    );
    await decided(await submitted('设备采购（非技术合同）', {}), 'reject', '2025-11-03', '2025-11-24');
    open = await submitted('尚在审查的技术许可', { contractType: 'license', subType: 'ordinary', newInvestmentFen: null, newOutputFen: null });
    await t.db.query(sql`UPDATE contracts SET deadline = '2026-01-05' WHERE id = ${open}`);
  });
  afterAll(() => t.close());

  it('gives the city every station: received by state, on the clock and overdue now, median and p90 working days to decision', async () => {
    const res = await admin('/api/v1/contract-workload?from=2025-01-01&to=2025-12-31');
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json();
    expect(w).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
    expect(w.stations).toHaveLength(31);
    const s04 = w.stations.find((s: { station: { code: string } }) => s.station.code === 'S04');
    expect(s04).toMatchObject({
      byStatus: { registered: 3, rejected: 1 },
      received: 4,
      open: 1,
      overdue: 1,
      decided: 4,
      registered: 3,
      rejected: 1,
      medianDays: 7, // of 5, 7, 10, 15: nearest rank ⌈0.5·4⌉ = 2
      p90Days: 15,
    });
    expect(w.stations.find((s: { station: { code: string } }) => s.station.code === 'S06')).toMatchObject({ received: 0, decided: 0, medianDays: null });
    expect(w.total).toMatchObject({ received: 4, decided: 4, overdue: 1, medianDays: 7, p90Days: 15 });
    // a shorter period: only the decisions inside it; this year's default period holds the open one
    expect((await admin('/api/v1/contract-workload?from=2025-09-01&to=2025-10-31')).json().total).toMatchObject({ decided: 1, medianDays: 7, p90Days: 7 });
    const thisYear = (await admin('/api/v1/contract-workload')).json();
    expect(thisYear.from).toBe(`${thisYear.today.slice(0, 4)}-01-01`);
    expect(thisYear.total).toMatchObject({ received: 1, byStatus: { submitted: 1 }, decided: 0, medianDays: null, overdue: 1 });
  });

  it('gives station staff their own station, a district office its district; refuses parties and strangers', async () => {
    const own = (await get('/api/v1/contract-workload?from=2025-01-01&to=2025-12-31', station)).json();
    expect(own.stations.map((s: { station: { code: string } }) => s.station.code)).toEqual(['S04']);
    expect(own.total).toMatchObject({ decided: 4, medianDays: 7 });
    const other = (await get('/api/v1/contract-workload?from=2025-01-01&to=2025-12-31', otherStation)).json();
    expect(other.stations.map((s: { station: { code: string } }) => s.station.code)).toEqual(['S06']);
    expect(other.total).toMatchObject({ received: 0, decided: 0, open: 0 });
    const district = (await t.request({ url: '/api/v1/contract-workload?from=2025-01-01&to=2025-12-31', role: 'district' })).json();
    expect(district.stations.map((s: { station: { code: string } }) => s.station.code)).toEqual(['S04']);
    const denied = await get('/api/v1/contract-workload', seller);
    expect(denied.statusCode).toBe(403);
    expect((await get('/api/v1/contract-workload')).statusCode).toBe(401);
  });

  it('refuses a bad period naming the field', async () => {
    const bad = await admin('/api/v1/contract-workload?from=2025-13-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ path: 'query.from', message: expect.stringContaining('起始日期') }]);
    const reversed = await admin('/api/v1/contract-workload?from=2025-06-01&to=2025-05-31');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.fields).toEqual([{ path: 'query.to', message: '截止日期不能早于起始日期。' }]);
    const en = await t.request({ url: '/api/v1/contract-workload?from=2025-06-01&to=2025-05-31', role: 'admin', lang: 'en' });
    expect(en.json().error.fields[0].message).toBe('To: The end of the period cannot be before its start.');
  });

  it('gives 技术合同成交额 and 技术交易额 by month, type, field, district, station and buyer and seller nature', async () => {
    const fig = async (by: string) => {
      const res = await admin(`/api/v1/contract-figures?by=${by}&year=2025`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      return Object.fromEntries(
        body.rows.map((r: { key: string; amountFen: number; techAmountFen: number; count: number }) => [r.key, [r.count, r.amountFen, r.techAmountFen]]),
      );
    };
    expect(await fig('month')).toEqual({
      '2025-03': [1, 100_0000_00, 90_0000_00],
      '2025-06': [1, 20_0000_00, 20_0000_00],
      '2025-10': [1, 300_0000_00, 300_0000_00],
    });
    expect(await fig('type')).toEqual({
      transfer: [1, 100_0000_00, 90_0000_00],
      development: [1, 300_0000_00, 300_0000_00],
      service: [1, 20_0000_00, 20_0000_00],
    });
    expect(await fig('field')).toEqual({
      new_materials: [1, 100_0000_00, 90_0000_00],
      advanced_manufacturing: [1, 300_0000_00, 300_0000_00],
      biomedicine: [1, 20_0000_00, 20_0000_00],
    });
    expect(await fig('district')).toEqual({ '500103': [3, 420_0000_00, 410_0000_00] });
    expect(await fig('station')).toEqual({ S04: [3, 420_0000_00, 410_0000_00] });
    expect(await fig('sellerNature')).toEqual({ university: [3, 420_0000_00, 410_0000_00] });
    expect(await fig('buyerNature')).toEqual({ private_enterprise: [2, 120_0000_00, 110_0000_00], state_enterprise: [1, 300_0000_00, 300_0000_00] });
    // the rejected one and the open one count nowhere; 2026 has none of these
    expect((await admin('/api/v1/contract-figures?by=type&year=2026')).json().total.count).toBe(0);
  });

  it('exports the filtered register as xlsx with Chinese headers, read back by SheetJS; a station its own only', async () => {
    const res = await admin('/api/v1/contract-register.xlsx?status=registered');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('技术合同登记簿.xlsx');
    const wb = XLSX.read(res.rawPayload, { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['登记簿']);
    const [header, ...rows] = XLSX.utils.sheet_to_json<(string | number)[]>(wb.Sheets['登记簿'], { header: 1, defval: '' });
    expect(header).toEqual([
      '登记编号',
      '项目名称',
      '合同类型',
      '子类型',
      '状态',
      '卖方',
      '买方',
      '卖方区县',
      '登记站',
      '合同成交额（元）',
      '技术交易额（元）',
      '技术领域',
      '签订日期',
      '审查期限',
    ]);
    expect(rows).toHaveLength(3);
    const byName = Object.fromEntries(rows.map((r) => [r[1], r]));
    expect(byName['工业机器人视觉定位技术开发'][0]).toMatch(/^2026500103S04\d{6}$/);
    expect(byName['工业机器人视觉定位技术开发'][5]).toBe('重庆渝中技术转移研究院');
    expect(byName['工业机器人视觉定位技术开发'][8]).toBe('重庆市渝中区技术合同登记站');
    // codes in words, amounts as numbers (yuan) an office can sum
    const transfer = byName['固态电池电解质专利转让'];
    expect([transfer[2], transfer[3], transfer[4], transfer[11]]).toEqual(['技术转让', '专利权转让', '已登记', '新材料及其应用']);
    expect(transfer.slice(9, 11)).toEqual([1_000_000, 900_000]);
    // a filter narrows it; another station's staff get an empty register; a party is refused
    const one = XLSX.read((await admin(`/api/v1/contract-register.xlsx?status=registered&type=service`)).rawPayload, { type: 'buffer' });
    expect(XLSX.utils.sheet_to_json(one.Sheets['登记簿'], { header: 1 })).toHaveLength(2);
    const theirs = XLSX.read((await get('/api/v1/contract-register.xlsx', otherStation)).rawPayload, { type: 'buffer' });
    expect(XLSX.utils.sheet_to_json(theirs.Sheets['登记簿'], { header: 1 })).toHaveLength(1);
    expect((await get('/api/v1/contract-register.xlsx', seller)).statusCode).toBe(403);
    expect(open).toBeGreaterThan(0);
  });
});
