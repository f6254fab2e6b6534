/**
 * Issue 12 point 9 through the HTTP API: the turnover figures come from a kept roll-up (migration 0035), so they
 * must equal, after every registration, amendment and cancellation, what an independent reader counts from the
 * register itself (GET /api/v1/contracts, every registered contract, summed here by each breakdown's key), also
 * when two registrations run at once; the 技术合同成交额 indicator reads through it. And the register's own scale
 * features: its order, the bounded total, and text search of two-character words (traditional = simplified).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, PASSWORD, startApp, uscc, type TestApp } from '../helpers/app.ts';
import { orgWithMember } from '../helpers/market.ts';
import { uploadDocument } from '../helpers/contracts.ts';

type Who = { cookie: string };
type Listed = {
  id: number;
  status: string;
  contractType: string;
  techField: string | null;
  amountFen: number;
  techAmountFen: number;
  registeredAt: string;
  seller: { divisionCode: string | null; nature: string | null };
  buyer: { nature: string | null };
  station: { code: string } | null;
};
const BREAKDOWNS = ['month', 'type', 'field', 'district', 'station', 'sellerNature', 'buyerNature'] as const;

/** the Beijing month of an instant, as the figures key it */
const beijingMonth = (at: string) => new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 7);
const keyOf: Record<(typeof BREAKDOWNS)[number], (c: Listed) => string> = {
  month: (c) => beijingMonth(c.registeredAt),
  type: (c) => c.contractType,
  field: (c) => c.techField ?? '',
  district: (c) => c.seller.divisionCode ?? '',
  station: (c) => c.station?.code ?? '',
  sellerNature: (c) => c.seller.nature ?? '',
  buyerNature: (c) => c.buyer.nature ?? '',
};

describe.each(engines())('contract figures from the roll-up, and the register at scale, on %s', (engine) => {
  let t: TestApp;
  let seller: Awaited<ReturnType<typeof orgWithMember>>;
  let station: Who;
  let buyerUscc: string;
  const as = (who: Who) => ({ headers: { cookie: who.cookie } });
  const post = (url: string, who: Who, body?: unknown) => t.request({ method: 'POST', url, ...as(who), ...(body !== undefined ? { body } : {}) });
  const admin = (url: string) => t.request({ url, role: 'admin' });

  async function staff(username: string, code: string) {
    const u = await t.services.auth.createUser({ username, password: PASSWORD, role: 'station_staff', displayName: `${username}登记员` });
    await t.services.contracts.addStaff(code, u.id);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    const c = res.cookies.find((x) => x.name === 'kft_session')!;
    return { cookie: `${c.name}=${c.value}` };
  }

  /** a contract through submission and the station's review, ready to be registered */
  async function underReview(projectName: string, over: Record<string, unknown> = {}): Promise<number> {
    const res = await post('/api/v1/contracts', seller, {
      projectName,
      contractType: 'development',
      subType: 'commissioned',
      signedOn: '2026-02-20',
      validFrom: '2026-02-20',
      validUntil: '2028-02-19',
      seller: { nature: 'university' },
      buyer: { name: '重庆山城路桥工程有限公司', uscc: buyerUscc, nature: 'private_enterprise', divisionCode: '500112' },
      amountFen: 80_0000_00,
      techAmountFen: 70_0000_00,
      equipmentFen: 10_0000_00,
      techField: 'transport',
      ipType: 'know_how',
      planSource: 'none',
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect((await uploadDocument(t, id, seller)).statusCode).toBe(200);
    expect((await post(`/api/v1/contracts/${id}/submit`, seller)).statusCode).toBe(200);
    for (const step of ['accept', 'start-review']) expect((await post(`/api/v1/contracts/${id}/${step}`, station)).statusCode).toBe(200);
    return id;
  }

  /** every registered contract as the register lists it (page by page) */
  async function registeredInRegister(): Promise<Listed[]> {
    const out: Listed[] = [];
    for (let page = 1; ; page++) {
      const body = (await admin(`/api/v1/contracts?status=registered&pageSize=100&page=${page}`)).json();
      out.push(...body.items);
      if (body.items.length < 100) return out;
    }
  }

  /** the figures equal the independent count of the register, breakdown by breakdown, for all years and this one */
  async function expectFiguresMatchRegister() {
    const contracts = await registeredInRegister();
    for (const by of BREAKDOWNS)
      for (const year of [null, new Date().getUTCFullYear()]) {
        const expected: Record<string, [number, number, number]> = {};
        for (const c of contracts) {
          if (year != null && !keyOf.month(c).startsWith(String(year))) continue;
          const k = keyOf[by](c);
          expected[k] ??= [0, 0, 0];
          const e = expected[k];
          e[0] += 1;
          e[1] += c.amountFen;
          e[2] += c.techAmountFen;
        }
        const res = await admin(`/api/v1/contract-figures?by=${by}${year != null ? `&year=${year}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        const got = Object.fromEntries(
          res
            .json()
            .rows.map((r: { key: string; count: number; amountFen: number; techAmountFen: number }) => [r.key, [r.count, r.amountFen, r.techAmountFen]]),
        );
        expect(got, `${by} ${year ?? 'all years'}`).toEqual(expected);
      }
    return contracts;
  }

  beforeAll(async () => {
    t = await startApp(engine);
    seller = await orgWithMember(t, `fg_seller_${engine}`, {
      name: '重庆交通大学岩土工程研究所',
      kinds: ['university'],
      categories: ['transfer'],
      districtCode: '500106',
      uscc: uscc('500106'),
    });
    buyerUscc = uscc('500112');
    station = await staff(`fg_station_${engine}`, 'S06');
  });
  afterAll(() => t.close());

  it('equal an independent count of the register after registrations (two at once), an amendment and a cancellation', async () => {
    await t.services.statistics.start();
    const turnover = async () => {
      await t.services.events.drain();
      await t.services.statistics.service.settled();
      return ((await admin('/api/v1/indicators?indicator=tech_contract_turnover&category=transfer')).json().items[0].latest?.value as number | undefined) ?? 0;
    };
    const startTurnover = await turnover();

    const a = await underReview('山地隧道健康监测技术开发');
    const b = await underReview('轨道交通信号控制技术服务', {
      contractType: 'service',
      subType: 'service',
      techField: 'electronics',
      amountFen: 30_0000_00,
      techAmountFen: 30_0000_00,
      equipmentFen: 0,
      buyer: { name: '重庆国资轨道集团有限公司', uscc: buyerUscc, nature: 'state_enterprise', divisionCode: '500112' },
    });
    const c = await underReview('隧道衬砌检测技术咨询', { contractType: 'consulting', subType: 'consulting', techField: 'urban_social' });
    // two registrations at once: each adds its contribution to shared roll-up rows (same month, district, station)
    const both = await Promise.all([post(`/api/v1/contracts/${a}/register`, station), post(`/api/v1/contracts/${b}/register`, station)]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    expect((await post(`/api/v1/contracts/${c}/register`, station)).statusCode).toBe(200);
    let listed = await expectFiguresMatchRegister();
    expect(listed.map((x) => x.id).sort()).toEqual([a, b, c].sort());
    expect(await turnover()).toBe(startTurnover + (80_0000_00 + 30_0000_00 + 80_0000_00) / 100);

    // an amendment moves the contract to another field and changes both amounts
    const asked = await post(`/api/v1/contracts/${a}/changes`, seller, {
      kind: 'amend',
      reason: '补充协议：增加监测点位，合同金额增加。',
      changes: { amountFen: 120_0000_00, techAmountFen: 100_0000_00, equipmentFen: 20_0000_00, techField: 'environment' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect((await post(`/api/v1/contracts/${a}/changes/${asked.json().id}/approve`, station)).statusCode).toBe(200);
    listed = await expectFiguresMatchRegister();
    expect(listed.find((x) => x.id === a)).toMatchObject({ techField: 'environment', amountFen: 120_0000_00 });
    const byField = (await admin('/api/v1/contract-figures?by=field')).json().rows.map((r: { key: string }) => r.key);
    expect(byField).toContain('environment');
    expect(byField).not.toContain('transport'); // a's old field had only a: its row is gone from the figures

    // a cancellation takes the contract out of every breakdown
    const cancel = await post(`/api/v1/contracts/${b}/changes`, seller, { kind: 'cancel', reason: '双方协商解除合同。' });
    expect(cancel.statusCode, cancel.body).toBe(201);
    expect((await post(`/api/v1/contracts/${b}/changes/${cancel.json().id}/approve`, station)).statusCode).toBe(200);
    listed = await expectFiguresMatchRegister();
    expect(listed.map((x) => x.id).sort()).toEqual([a, c].sort());
    const types = (await admin('/api/v1/contract-figures?by=type')).json();
    expect(types.total).toEqual({ count: 2, amountFen: 120_0000_00 + 80_0000_00, techAmountFen: 100_0000_00 + 70_0000_00 });
    expect(types.rows.map((r: { key: string }) => r.key)).not.toContain('service');
    expect(await turnover()).toBe(startTurnover + (120_0000_00 + 80_0000_00) / 100);
  });

  it('orders open contracts by deadline before decided ones (newest decision first), and bounds the total', async () => {
    const later = await underReview('隧道通风节能控制技术开发');
    const sooner = await underReview('隧道照明智能控制技术开发');
    await t.db.query(sql`UPDATE contracts SET deadline = '2026-01-05' WHERE id = ${sooner}`);
    await t.db.query(sql`UPDATE contracts SET deadline = '2026-03-05' WHERE id = ${later}`);
    const all = (await admin('/api/v1/contracts?pageSize=100')).json();
    expect(all).toMatchObject({ totalApproximate: false });
    expect(all.total).toBe(all.items.length);
    const ids = all.items.map((x: { id: number }) => x.id);
    expect(ids.slice(0, 2)).toEqual([sooner, later]);
    const decided = all.items.filter((x: { status: string }) => x.status === 'registered' || x.status === 'cancelled');
    expect(decided.length).toBeGreaterThan(0);
    expect(all.items.slice(2).every((x: { status: string }) => x.status !== 'under_review')).toBe(true);

    // beyond 1,000 matches the total is an estimate, flagged (the page writes "约 N")
    await t.db.query(sql`INSERT INTO contracts (seller_org_id, status, project_name, contract_type, seller, seller_division_code)
      SELECT ${seller.orgId}, 'rejected', '批量' || g, 'service', '{}'::jsonb, '500106' FROM generate_series(1, 1100) g`);
    await t.db.query(sql`ANALYZE contracts`);
    const many = (await admin('/api/v1/contracts?status=rejected&pageSize=5')).json();
    expect(many.totalApproximate).toBe(true);
    expect(many.total).toBeGreaterThan(1000);
    expect(many.items).toHaveLength(5);
    const few = (await admin('/api/v1/contracts?status=registered')).json();
    expect(few).toMatchObject({ total: 2, totalApproximate: false }); // a and c (b was cancelled)
    await t.db.query(sql`DELETE FROM contracts WHERE project_name LIKE '批量%'`);
  });

  it('finds two-character words through the segmented document, traditional as simplified, and nothing else', async () => {
    const q = async (text: string) =>
      (await admin(`/api/v1/contracts?q=${encodeURIComponent(text)}&pageSize=100`)).json().items.map((x: { projectName: string }) => x.projectName);
    const tunnels = await q('隧道');
    expect(tunnels.length).toBeGreaterThanOrEqual(4);
    expect(tunnels.every((n: string) => n.includes('隧道'))).toBe(true);
    expect((await q('隧道')).sort()).toEqual(tunnels.sort()); // identical again: the same index answer
    expect((await q('監測')).sort()).toEqual((await q('监测')).sort());
    expect(await q('监测')).toContain('山地隧道健康监测技术开发');
    // a party's name: the buyer's
    expect((await q('山城路桥')).length).toBeGreaterThanOrEqual(4);
    expect(await q('桥梁')).toEqual([]);
    // the document follows an edit of a draft's name
    const d = await post('/api/v1/contracts', seller, { projectName: '滑坡预警技术咨询' });
    expect(d.statusCode, d.body).toBe(201);
    const sellerList = async (text: string) =>
      (await t.request({ url: `/api/v1/contracts?q=${encodeURIComponent(text)}`, ...as(seller) })).json().items.map((x: { id: number }) => x.id);
    expect(await sellerList('滑坡')).toEqual([d.json().id]);
    const patched = await t.request({
      method: 'PATCH',
      url: `/api/v1/contracts/${d.json().id}`,
      ...as(seller),
      body: { version: d.json().version, projectName: '泥石流预警技术咨询' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(await sellerList('滑坡')).toEqual([]);
    expect(await sellerList('泥石流')).toEqual([d.json().id]);
  });
});
