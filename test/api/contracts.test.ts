import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/server/platform/db/sql.ts';
import { addWorkingDays } from '../../src/server/modules/contracts/index.ts';
import { engines, PASSWORD, startApp, uscc, type TestApp } from '../helpers/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/platform/db/database.ts';
import { migrate } from '../../src/server/platform/db/migrate.ts';
import { buildApp } from '../../src/server/app.ts';
import { achievementInput, orgWithMember, published } from '../helpers/market.ts';
import { readPdf } from '../helpers/pdf.ts';
import { uploadDocument } from '../helpers/contracts.ts';

type Who = { cookie: string };

const beijingDay = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe.each(engines())('technology contracts on %s', (engine) => {
  let t: TestApp;
  let seller: Awaited<ReturnType<typeof orgWithMember>>;
  let buyer: Awaited<ReturnType<typeof orgWithMember>>;
  let stranger: Awaited<ReturnType<typeof orgWithMember>>;
  let station: Who & { userId: number };
  let otherStation: Who;
  let buyerUscc: string;
  const as = (who: Who) => ({ headers: { cookie: who.cookie } });
  const post = (url: string, who: Who, body?: unknown) => t.request({ method: 'POST', url, ...as(who), ...(body !== undefined ? { body } : {}) });
  const patch = (url: string, who: Who, body: unknown) => t.request({ method: 'PATCH', url, ...as(who), body });
  const get = (url: string, who?: Who) => t.request({ url, ...(who ? as(who) : {}) });

  async function staff(username: string, code: string) {
    const u = await t.services.auth.createUser({ username, password: PASSWORD, role: 'station_staff', displayName: `${username}登记员` });
    await t.services.contracts.addStaff(code, u.id);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    const c = res.cookies.find((x) => x.name === 'kft_session')!;
    return { cookie: `${c.name}=${c.value}`, userId: u.id };
  }

  /** an agreed deal: the buyer asked about the seller's achievement, both agreed */
  async function agreedDeal(title = '高安全性固态锂电池电解质制备技术'): Promise<number> {
    const achievementId = await published(t, 'achievements', seller.cookie, achievementInput({ title }));
    const deal = (await post('/api/v1/deals', buyer, { achievementId, message: '希望获得该技术的转让。' })).json();
    await post(`/api/v1/deals/${deal.id}/messages`, seller, { body: '可以，转让价格 480 万元。' });
    await post(`/api/v1/deals/${deal.id}/agree`, buyer);
    const agreed = (await post(`/api/v1/deals/${deal.id}/agree`, seller)).json();
    expect(agreed.status).toBe('agreed');
    return deal.id;
  }

  const complete = (over: Record<string, unknown> = {}) => ({
    contractType: 'transfer',
    subType: 'patent',
    signedOn: '2026-09-20',
    validFrom: '2026-09-20',
    validUntil: '2028-09-19',
    seller: { nature: 'university' },
    buyer: { name: '重庆长川动力电池有限公司', uscc: buyerUscc, nature: 'private_enterprise', divisionCode: '500112' },
    amountFen: 480_0000_00,
    techAmountFen: 450_0000_00,
    equipmentFen: 30_0000_00,
    techField: 'new_materials',
    ipType: 'invention_patent',
    planSource: 'municipal',
    newInvestmentFen: 2000_0000_00,
    newOutputFen: 5000_0000_00,
    ...over,
  });

  async function draft(over: Record<string, unknown> = {}) {
    const res = await post('/api/v1/contracts', seller, { projectName: '动力电池热管理技术开发', ...complete(over) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }
  async function submitted(over: Record<string, unknown> = {}) {
    const c = await draft(over);
    expect((await uploadDocument(t, c.id, seller)).statusCode).toBe(200);
    const res = await post(`/api/v1/contracts/${c.id}/submit`, seller);
    expect(res.statusCode, res.body).toBe(200);
    // the buyer is on the platform: it confirms the content before the station accepts (contract-lifecycle.test.ts)
    const confirmed = await post(`/api/v1/contracts/${c.id}/confirm`, buyer);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return confirmed.json();
  }

  beforeAll(async () => {
    t = await startApp(engine);
    seller = await orgWithMember(t, `seller_${engine}`, {
      name: '重庆大学新能源材料研究院',
      kinds: ['university'],
      categories: ['rd', 'transfer'],
      districtCode: '500106',
      uscc: uscc('500106'),
    });
    buyerUscc = uscc('500112');
    buyer = await orgWithMember(t, `buyer_${engine}`, {
      name: '重庆长川动力电池有限公司',
      kinds: ['enterprise'],
      categories: [],
      districtCode: '500112',
      uscc: buyerUscc,
    });
    stranger = await orgWithMember(t, `stranger_${engine}`, { name: '重庆无关科技有限公司', kinds: ['enterprise'], categories: [] });
    station = await staff(`station_${engine}`, 'S06'); // 沙坪坝区, the seller's district
    otherStation = await staff(`station2_${engine}`, 'S04'); // 渝中区
  });
  afterAll(() => t.close());

  it('has the 31 stations, each district routed to one', async () => {
    const { items } = (await get('/api/v1/contract-stations')).json();
    expect(items).toHaveLength(31);
    const served = items.flatMap((s: { serves: string[] }) => s.serves);
    expect(new Set(served).size).toBe(served.length);
    expect(served).toHaveLength(39);
  });

  it('opens a draft from an agreed deal, prefilled with parties, subject, amount and IP; only the seller, only once', async () => {
    const dealId = await agreedDeal();
    const byBuyer = await post('/api/v1/contracts', buyer, { dealId });
    expect(byBuyer.statusCode).toBe(403);
    expect(byBuyer.json().error.message).toBe('技术合同由卖方（技术提供方）申请登记。');
    expect((await post('/api/v1/contracts', stranger, { dealId })).statusCode).toBe(404);
    const res = await post('/api/v1/contracts', seller, { dealId });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      status: 'draft',
      dealId,
      projectName: '高安全性固态锂电池电解质制备技术',
      contractType: 'license',
      amountFen: 500_0000_00,
      techAmountFen: 500_0000_00,
      ipType: 'invention_patent',
      seller: { orgId: seller.orgId, name: '重庆大学新能源材料研究院', countryCode: 'CHN', divisionCode: '500106' },
      buyer: { orgId: buyer.orgId, name: '重庆长川动力电池有限公司', divisionCode: '500112' },
      mySide: 'seller',
      deadline: null,
    });
    expect(c.seller.uscc).toMatch(/^[0-9A-Z]{18}$/);
    expect(c.missing).toEqual(expect.arrayContaining(['subType', 'signedOn', 'techField', 'seller.nature', 'buyer.nature']));
    expect((await post('/api/v1/contracts', seller, { dealId })).json().error.message).toBe('该洽谈已生成合同登记，不能重复登记。');
    // the buyer sees it, a stranger and a station do not (a draft is the parties' own)
    expect((await get(`/api/v1/contracts/${c.id}`, buyer)).json().mySide).toBe('buyer');
    expect((await get(`/api/v1/contracts/${c.id}`, stranger)).statusCode).toBe(404);
    expect((await get(`/api/v1/contracts/${c.id}`, station)).statusCode).toBe(404);
    // an unagreed deal is refused
    const achievementId = await published(t, 'achievements', seller.cookie, achievementInput({ title: '尚在洽谈的技术成果' }));
    const open = (await post('/api/v1/deals', buyer, { achievementId, message: '请介绍一下。' })).json();
    expect((await post('/api/v1/contracts', seller, { dealId: open.id })).statusCode).toBe(409);
  });

  it('refuses 技术交易额 above 合同成交额 naming both fields, a bad USCC at its field, a sub-type of another type, and changes nothing', async () => {
    const before = (await t.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM contracts`)).rows[0].n;
    const above = await post('/api/v1/contracts', seller, { projectName: '测试项目', amountFen: 100_00, techAmountFen: 200_00 });
    expect(above.statusCode).toBe(400);
    expect(above.json().error.fields).toEqual([
      { path: 'techAmountFen', message: '技术交易额不能高于合同成交额。' },
      { path: 'amountFen', message: '合同成交额不能低于技术交易额。' },
    ]);
    const bad = await post('/api/v1/contracts', seller, { projectName: '测试项目', buyer: { uscc: '91500000MA5U000000' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('buyer.uscc');
    expect(bad.json().error.fields[0].message).toContain('统一社会信用代码');
    const sub = await post('/api/v1/contracts', seller, { projectName: '测试项目', contractType: 'consulting', subType: 'patent' });
    expect(sub.json().error.fields).toEqual([{ path: 'subType', message: '该子类型不属于技术咨询合同。' }]);
    const costs = await post('/api/v1/contracts', seller, { projectName: '测试项目', amountFen: 100_00, techAmountFen: 90_00, equipmentFen: 20_00 });
    expect(costs.json().error.fields[0].path).toBe('equipmentFen');
    const validity = await post('/api/v1/contracts', seller, { projectName: '测试项目', validFrom: '2026-09-01', validUntil: '2026-08-01' });
    expect(validity.json().error.fields[0].path).toBe('validUntil');
    const office = await t.request({ method: 'POST', url: '/api/v1/contracts', role: 'admin', body: { projectName: '测试项目' } });
    expect(office.statusCode).toBe(403);
    expect((await t.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM contracts`)).rows[0].n).toBe(before);
    // an incomplete draft is not submitted: every missing field named
    const d = (await post('/api/v1/contracts', seller, { projectName: '未填完的合同' })).json();
    const sub2 = await post(`/api/v1/contracts/${d.id}/submit`, seller);
    expect(sub2.statusCode).toBe(400);
    const paths = sub2.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['contractType', 'amountFen', 'techAmountFen', 'buyer.name', 'buyer.uscc', 'seller.nature']));
    expect((await get(`/api/v1/contracts/${d.id}`, seller)).json().status).toBe('draft');
    // editing keeps the same rules, and the version
    const stale = await patch(`/api/v1/contracts/${d.id}`, seller, { version: d.version + 5, projectName: '新名称' });
    expect(stale.statusCode).toBe(409);
    const edit = await patch(`/api/v1/contracts/${d.id}`, seller, { version: d.version, amountFen: 10_00, techAmountFen: 20_00 });
    expect(edit.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['techAmountFen', 'amountFen']);
  });

  it('goes submitted → needs_correction (clock stopped) → resubmitted (clock restarted) → accepted → under review → registered, with a verifiable number and certificate', async () => {
    const c = await submitted();
    const today = beijingDay();
    expect(c).toMatchObject({
      status: 'submitted',
      station: { code: 'S06' },
      expertRequired: false,
      clockStartedOn: today,
      deadline: addWorkingDays(today, 15),
    });
    // the other station does not see it; its own does
    expect((await get(`/api/v1/contracts/${c.id}`, otherStation)).statusCode).toBe(404);
    expect((await post(`/api/v1/contracts/${c.id}/accept`, otherStation)).statusCode).toBe(404);
    const byseller = await post(`/api/v1/contracts/${c.id}/accept`, seller);
    expect(byseller.statusCode).toBe(403);
    expect(byseller.json().error.message).toBe('只有合同所属登记站的工作人员可以受理。');
    const seen = (await get(`/api/v1/contracts/${c.id}`, station)).json();
    expect(seen).toMatchObject({ mySide: 'station', can: { accept: true, requestCorrection: true, register: false } });

    // pretend the clock started earlier: the correction stops it, the resubmission starts it again today
    await t.db.query(sql`UPDATE contracts SET clock_started_on = '2026-09-25', deadline = '2026-10-23' WHERE id = ${c.id}`);
    const corr = await post(`/api/v1/contracts/${c.id}/request-correction`, station, { reason: '请补充专利证书复印件。' });
    expect(corr.json()).toMatchObject({
      status: 'needs_correction',
      correctionNote: '请补充专利证书复印件。',
      clockStartedOn: null,
      deadline: null,
      overdue: false,
    });
    expect((await post(`/api/v1/contracts/${c.id}/accept`, station)).json().error.message).toBe('合同当前状态为“待补正”，不能受理。');
    const again = (await post(`/api/v1/contracts/${c.id}/submit`, seller)).json();
    expect(again).toMatchObject({ status: 'submitted', clockStartedOn: today, deadline: addWorkingDays(today, 15), correctionNote: null });

    expect((await post(`/api/v1/contracts/${c.id}/accept`, station)).json().status).toBe('accepted');
    expect((await post(`/api/v1/contracts/${c.id}/register`, station)).statusCode).toBe(409);
    expect((await post(`/api/v1/contracts/${c.id}/start-review`, station)).json().status).toBe('under_review');
    // the city's 技术合同成交额 indicator moves the moment a contract is registered (issue 12: 'the turnover indicator moves')
    await t.services.statistics.start();
    const turnover = async () =>
      ((await get('/api/v1/indicators?indicator=tech_contract_turnover&category=transfer')).json().items[0].latest?.value as number | undefined) ?? 0;
    const before = await turnover();
    const reg = await post(`/api/v1/contracts/${c.id}/register`, station);
    expect(reg.statusCode).toBe(200);
    const r = reg.json();
    const year = today.slice(0, 4);
    expect(r.status).toBe('registered');
    await t.services.events.drain();
    await t.services.statistics.service.settled();
    expect(await turnover()).toBe(before + r.amountFen / 100);
    expect(r.registrationNumber).toMatch(new RegExp(`^${year}500106S06\\d{6}$`));
    expect(r.taxReliefs).toEqual(['vat_exemption', 'income_tax_relief']);
    expect(r.verifyUrl).toContain(`/contracts/verify/${r.registrationNumber}`);
    expect((await get(`/api/v1/contracts/${c.id}`, seller)).json().registrationNumber).toBe(r.registrationNumber);

    // anyone verifies a real number; a forged one is 404
    const ok = await get(`/api/v1/contracts/verify/${r.registrationNumber}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      registrationNumber: r.registrationNumber,
      projectName: '动力电池热管理技术开发',
      sellerName: '重庆大学新能源材料研究院',
    });
    expect(ok.json()).not.toHaveProperty('amountFen');
    expect((await get(`/api/v1/contracts/verify/${year}500106S06999999`)).statusCode).toBe(404);
    expect((await get(`/api/v1/contracts/verify/${r.registrationNumber.slice(0, -1)}X`)).statusCode).toBe(404);

    // the certificate, read back by poppler
    const pdf = await get(`/api/v1/contracts/${c.id}/certificate.pdf`, buyer);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = readPdf(pdf.rawPayload).pages.join('\n');
    expect(text).toContain('技术合同认定登记证明');
    expect(text).toContain(r.registrationNumber);
    expect(text).toContain('4,500,000.00');
    expect(text).toContain('/contracts/verify/');

    // every step in history and in the audit trail
    const history = (await get(`/api/v1/contracts/${c.id}/history`, seller))
      .json()
      .items.map((h: { action: string }) => h.action)
      .reverse();
    expect(history).toEqual(['create', 'attachDocument', 'submit', 'confirm', 'requestCorrection', 'submit', 'accept', 'startReview', 'register']);
    const audit = await t.db.query<{ type: string }>(
      sql`SELECT type FROM audit_log WHERE subject_type = 'contract' AND subject_id = ${String(c.id)} ORDER BY id`,
    );
    expect(audit.rows.map((a) => a.type)).toEqual([
      'contract.create',
      'contract.attachDocument',
      'contract.submit',
      'contract.confirm',
      'contract.requestCorrection',
      'contract.submit',
      'contract.accept',
      'contract.startReview',
      'contract.register',
    ]);
  });

  it('sends 技术交易额 at the threshold to expert review (30 working days), refuses a party’s expert, registers after an opinion', async () => {
    const c = await submitted({ amountFen: 600_0000_00, techAmountFen: 500_0000_00, equipmentFen: 0 });
    const today = beijingDay();
    expect(c).toMatchObject({ expertRequired: true, deadline: addWorkingDays(today, 30) });
    const below = await submitted({ amountFen: 600_0000_00, techAmountFen: 499_9999_99, equipmentFen: 0 });
    expect(below.expertRequired).toBe(false);
    const disputed = await submitted({ amountFen: 10_0000_00, techAmountFen: 10_0000_00, equipmentFen: 0, disputed: true });
    expect(disputed.expertRequired).toBe(true);

    await post(`/api/v1/contracts/${c.id}/accept`, station);
    await post(`/api/v1/contracts/${c.id}/start-review`, station);
    expect((await get(`/api/v1/contracts/${c.id}`, station)).json()).toMatchObject({ status: 'under_review', can: { register: false, assignExperts: true } });
    const early = await post(`/api/v1/contracts/${c.id}/register`, station);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('技术交易额达到专家评审标准或存在争议，须经专家评审后方可登记。');

    const mk = async (body: Record<string, unknown>) => (await t.request({ method: 'POST', url: '/api/v1/experts', role: 'admin', body })).json().id as number;
    const insider = await mk({ name: '张内部', affiliationOrgId: seller.orgId, affiliation: '重庆大学新能源材料研究院', fields: ['energy'] });
    const buyerSide = await mk({ name: '李买方', affiliationOrgId: buyer.orgId, affiliation: '重庆长川动力电池有限公司', fields: ['energy'] });
    const outsider = await mk({ name: '王独立', affiliation: '西南大学', fields: ['energy'] });
    for (const [id, name, org] of [
      [insider, '张内部', '重庆大学新能源材料研究院'],
      [buyerSide, '李买方', '重庆长川动力电池有限公司'],
    ] as const) {
      const res = await post(`/api/v1/contracts/${c.id}/experts`, station, { expertIds: [outsider, id] });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.message).toBe(`专家${name}任职于合同一方（${org}），存在利益冲突，不能参与评审。`);
    }
    expect((await get(`/api/v1/contracts/${c.id}`, station)).json()).toMatchObject({ status: 'under_review', experts: [] });
    const assigned = (await post(`/api/v1/contracts/${c.id}/experts`, station, { expertIds: [outsider] })).json();
    expect(assigned).toMatchObject({ status: 'expert_review', experts: [{ expertId: outsider, expertName: '王独立', opinion: null }] });
    expect((await post(`/api/v1/contracts/${c.id}/register`, station)).json().error.message).toBe('尚无专家评审意见，不能登记。');
    expect((await post(`/api/v1/contracts/${c.id}/opinions`, station, { expertId: insider, conclusion: 'register', opinion: '同意' })).statusCode).toBe(404);
    const opined = (
      await post(`/api/v1/contracts/${c.id}/opinions`, station, { expertId: outsider, conclusion: 'register', opinion: '技术内容真实，交易额合理，同意登记。' })
    ).json();
    expect(opined.experts[0]).toMatchObject({ conclusion: 'register', opinion: '技术内容真实，交易额合理，同意登记。' });
    expect((await post(`/api/v1/contracts/${c.id}/register`, station)).json().status).toBe('registered');
  });

  it('refuses with a reason (未予登记)', async () => {
    const c = await submitted();
    await post(`/api/v1/contracts/${c.id}/accept`, station);
    await post(`/api/v1/contracts/${c.id}/start-review`, station);
    expect((await post(`/api/v1/contracts/${c.id}/reject`, station, { reason: '' })).statusCode).toBe(400);
    const r = (await post(`/api/v1/contracts/${c.id}/reject`, station, { reason: '合同标的不属于技术合同范围。' })).json();
    expect(r).toMatchObject({ status: 'rejected', rejectReason: '合同标的不属于技术合同范围。', registrationNumber: null });
    expect((await get(`/api/v1/contracts/${c.id}/certificate.pdf`, seller)).statusCode).toBe(409);
  });

  it('numbers registrations uniquely under concurrent registration', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await submitted();
      await post(`/api/v1/contracts/${c.id}/accept`, station);
      await post(`/api/v1/contracts/${c.id}/start-review`, station);
      ids.push(c.id);
    }
    const res = await Promise.all(ids.map((id) => post(`/api/v1/contracts/${id}/register`, station)));
    expect(res.map((r) => r.statusCode)).toEqual(ids.map(() => 200));
    const numbers = res.map((r) => r.json().registrationNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('lists by scope — party its own, station its own, city all, public nothing — with filters, overdue flags, figures and the xlsx', async () => {
    const late = await submitted({ contractType: 'service', subType: 'training', newInvestmentFen: null, newOutputFen: null });
    await t.db.query(sql`UPDATE contracts SET deadline = '2026-01-05' WHERE id = ${late.id}`);
    expect((await get('/api/v1/contracts')).statusCode).toBe(401);
    const mine = (await get('/api/v1/contracts?pageSize=100', seller)).json();
    expect(mine.items.every((c: { seller: { orgId: number } }) => c.seller.orgId === seller.orgId)).toBe(true);
    expect((await get('/api/v1/contracts', stranger)).json().total).toBe(0);
    const inbox = (await get('/api/v1/contracts?status=submitted&pageSize=100', station)).json();
    expect(inbox.items.length).toBeGreaterThan(0);
    expect(inbox.items.every((c: { status: string; station: { code: string } }) => c.status === 'submitted' && c.station.code === 'S06')).toBe(true);
    expect(inbox.items[0]).toMatchObject({ id: late.id, overdue: true }); // the earliest deadline first
    expect((await get('/api/v1/contracts', otherStation)).json().total).toBe(0);
    const overdue = (await t.request({ url: '/api/v1/contracts?overdue=true', role: 'admin' })).json();
    expect(overdue.items.map((c: { id: number }) => c.id)).toEqual([late.id]);
    const services = (await t.request({ url: '/api/v1/contracts?type=service', role: 'admin' })).json();
    expect(services.items.map((c: { id: number }) => c.id)).toEqual([late.id]);
    const registered = (await t.request({ url: '/api/v1/contracts?status=registered&pageSize=100', role: 'admin' })).json();
    expect(registered.total).toBeGreaterThanOrEqual(8);
    const q = (await t.request({ url: `/api/v1/contracts?q=${encodeURIComponent('热管理')}&district=500106&pageSize=5`, role: 'admin' })).json();
    expect(q.total).toBeGreaterThan(0);
    expect((await t.request({ url: '/api/v1/contracts?status=nonsense', role: 'admin' })).statusCode).toBe(400);

    const fig = (await t.request({ url: '/api/v1/contract-figures?by=type', role: 'admin' })).json();
    expect(fig.total.count).toBe(registered.total);
    expect(fig.rows.find((r: { key: string }) => r.key === 'transfer').count).toBe(registered.total);
    for (const by of ['month', 'field', 'district', 'station', 'sellerNature', 'buyerNature'])
      expect((await t.request({ url: `/api/v1/contract-figures?by=${by}`, role: 'admin' })).json().total.techAmountFen).toBe(fig.total.techAmountFen);
    expect((await get('/api/v1/contract-figures', seller)).statusCode).toBe(403);
    const xlsx = await t.request({ url: '/api/v1/contract-register.xlsx?status=registered', role: 'admin' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await get('/api/v1/contract-register.xlsx', seller)).statusCode).toBe(403);
  });
});

describe('demo contracts', () => {
  it('are made from demo deals, in every state, three registered, reviewed by demo-station', async () => {
    const { bootstrap } = await import('../../src/server/bootstrap.ts');
    const db = await openDatabase({});
    await migrate(db);
    const config = loadConfig({ DEMO: 'true', DEMO_ORG_COUNT: '120', DEMO_INSTRUMENT_COUNT: '5', RATE_LIMIT_WRITES_PER_MINUTE: '1000000' });
    const { app, services } = await buildApp({ config, db });
    const t = { db, config, services };
    try {
      const lines: string[] = [];
      await bootstrap(t.db, t.config, t.services, (l) => lines.push(l));
      expect(lines.join('\n'), lines.join('\n')).toMatch(/Loaded 10 demo technology contracts \(\d+ from agreed deals\)/);
      const { rows } = await t.db.query<{ status: string; n: number; deals: number }>(
        sql`SELECT status, count(*)::int AS n, count(deal_id)::int AS deals FROM contracts GROUP BY status ORDER BY status`,
      );
      const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
      expect(Object.keys(by).sort()).toEqual(['accepted', 'draft', 'expert_review', 'needs_correction', 'registered', 'rejected', 'submitted', 'under_review']);
      expect(by.registered).toBe(3);
      expect(rows.reduce((s, r) => s + r.deals, 0)).toBeGreaterThan(0);
      const station = await t.services.auth.userByUsername('demo-station');
      const inbox = await t.services.contracts.list(station!, { page: 1, pageSize: 50 });
      expect(inbox.total).toBe(9); // all but the draft
      // a second start adds nothing
      await bootstrap(t.db, t.config, t.services, () => {});
      expect((await t.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM contracts`)).rows[0].n).toBe(10);
    } finally {
      await app.close();
      await db.close();
    }
  }, 240_000);
});
