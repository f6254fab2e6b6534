/**
 * Surveys (issue 14, item 3) through the HTTP API: XLSForm upload (a good form, a bad one named by sheet, row and
 * column, hostile files), rounds over a population of the directory, filing validation (each rule), the ×3 / ÷3
 * confirmation, review by the organization's district, permissions, history and audit, and the surveyed indicator
 * moving once a filing is accepted.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, orgInput, PASSWORD, startApp, type TestApp } from '../helpers/app.ts';
import { sql } from '../../src/server/platform/db/sql.ts';
import { multipartFile, xlsxLike, zeros } from '../helpers/zip.ts';

interface Filing {
  id: number;
  status: string;
  version: number;
  values: Record<string, number | string | null>;
  prefilled: boolean;
  last: { period: string; values: Record<string, unknown> } | null;
  reason: string | null;
}

/** An XLSForm workbook written here with exceljs directly, as Excel would: not with the module's own writer. */
async function xlsForm(rows: string[][], opts: { settings?: string[][] | null; choices?: string[][] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const survey = wb.addWorksheet('survey');
  for (const r of rows) survey.addRow(r);
  const choices = wb.addWorksheet('choices');
  for (const r of opts.choices ?? [
    ['list_name', 'name', 'label::zh-CN', 'label::en'],
    ['yn', 'yes', '是', 'Yes'],
    ['yn', 'no', '否', 'No'],
  ])
    choices.addRow(r);
  if (opts.settings !== null) {
    const settings = wb.addWorksheet('settings');
    for (const r of opts.settings ?? [
      ['form_id', 'form_title', 'form_title::en'],
      ['kf_quarterly', '科技服务业季度快报', 'Quarterly flash report'],
    ])
      settings.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEADER = ['type', 'name', 'label::zh-CN', 'label::en', 'required', 'constraint', 'constraint_message::zh-CN', 'relevant', 'unit', 'indicator'];
const GOOD = [
  HEADER,
  ['integer', 'employees', '从业人员', 'Employees', 'yes', '. >= 0', '', '', '人', 'employees'],
  ['integer', 'rd_staff', '研发人员', 'R&D staff', 'yes', '. <= ${employees}', '研发人员不能多于从业人员', '', '人', ''],
  ['select_one yn', 'has_site', '是否有场地', 'Has a site', 'yes', '', '', '', '', ''],
  ['decimal', 'site_area', '场地面积', 'Site area', 'yes', '. > 0', '', "${has_site} = 'yes'", '平方米', ''],
  ['start', 'start', '', '', '', '', '', '', '', ''],
];

describe.each(engines())('surveys on %s', (engine) => {
  let t: TestApp;
  let otherDistrict: string;
  let otherMember: string;
  let otherOrgId: number;
  let secondOrgMember: string;
  let secondOrgId: number;

  const login = async (username: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    const c = res.cookies.find((x) => x.name === 'kft_session')!;
    return `${c.name}=${c.value}`;
  };
  const as = (cookie: string, opts: { method?: string; url: string; body?: unknown; lang?: string }) =>
    t.app.inject({
      method: (opts.method ?? 'GET') as 'GET',
      url: opts.url,
      headers: { cookie, ...(opts.lang ? { 'accept-language': opts.lang } : {}) },
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    });
  const upload = (file: Buffer, filename: string, role: 'admin' | 'district' | 'member' = 'admin', lang?: string) => {
    const m = multipartFile(file, filename);
    return t.request({ method: 'POST', url: '/api/v1/survey-forms', role, headers: m.headers, payload: m.payload, lang });
  };
  const annualForm = async () =>
    ((await t.request({ url: '/api/v1/survey-forms', role: 'admin' })).json().items as { id: number; code: string }[]).find((f) => f.code === 'kf_annual')!;
  const launch = async (role: 'admin' | 'district', body: Record<string, unknown>) =>
    t.request({
      method: 'POST',
      url: '/api/v1/survey-rounds',
      role,
      body: { formId: (await annualForm()).id, titleZh: '2025年度科技服务业统计调查', frequency: 'annual', period: '2025', deadline: '2099-12-31', ...body },
    });
  const myFiling = async (roundId: number, cookie?: string): Promise<Filing> => {
    const list = cookie
      ? await as(cookie, { url: `/api/v1/survey-filings?round=${roundId}` })
      : await t.request({ url: `/api/v1/survey-filings?round=${roundId}`, role: 'member' });
    const id = list.json().items[0].id;
    return (
      cookie ? await as(cookie, { url: `/api/v1/survey-filings/${id}` }) : await t.request({ url: `/api/v1/survey-filings/${id}`, role: 'member' })
    ).json();
  };
  const good = {
    employees: 120,
    rd_staff: 30,
    revenue: 20_000_000,
    service_revenue: 15_000_000,
    rd_spending: 2_000_000,
    runs_incubator: 'no',
    contact: '张三',
  };
  const indicator = async (code: string, scope = 'chongqing', category: string | null = null) =>
    (
      (await t.request({ url: `/api/v1/indicators?indicator=${code}` })).json().items as {
        scope: string;
        category: string | null;
        latest: { value: number; period: string; origin: string } | null;
      }[]
    ).find((i) => i.scope === scope && i.category === category)!;
  const settle = async () => {
    await t.services.events.drain();
    await t.services.statistics.service.settled();
  };

  beforeAll(async () => {
    t = await startApp(engine);
    await t.services.surveys.start();
    await t.services.statistics.start();
    const system = { id: 0, username: 'system', displayName: 'system', role: 'admin' as const, orgId: null, districtCode: null };
    // the member's organization is in 渝中区 (500103); one more there, and one in 沙坪坝区 (500106)
    await t.services.directory.update(t.memberOrgId, { employees: 100, kinds: ['service_provider'] } as never, system);
    const second = await t.services.directory.create(orgInput({ name: '重庆第二测试科技有限公司', districtCode: '500103' }) as never, system);
    secondOrgId = second.id;
    const other = await t.services.directory.create(orgInput({ name: '重庆沙坪坝测试科技有限公司', districtCode: '500106' }) as never, system);
    otherOrgId = other.id;
    await t.services.auth.createUser({ username: 'member2', password: PASSWORD, role: 'org_member', displayName: '第二机构', orgId: second.id });
    await t.services.auth.createUser({ username: 'spb_member', password: PASSWORD, role: 'org_member', displayName: '沙坪坝机构', orgId: other.id });
    await t.services.auth.createUser({ username: 'spb_office', password: PASSWORD, role: 'district_admin', displayName: '沙坪坝区', districtCode: '500106' });
    secondOrgMember = await login('member2');
    otherMember = await login('spb_member');
    otherDistrict = await login('spb_office');
  });
  afterAll(() => t.close());

  it('ships the annual form for the surveyed indicators, to offices only', async () => {
    const res = await t.request({ url: '/api/v1/survey-forms', role: 'district' });
    expect(res.statusCode).toBe(200);
    const form = res.json().items.find((f: { code: string }) => f.code === 'kf_annual');
    expect(form).toMatchObject({ version: 1, origin: 'shipped' });
    const bound = form.fields.filter((f: { indicator?: string }) => f.indicator).map((f: { indicator: string }) => f.indicator);
    expect(bound).toEqual(expect.arrayContaining(['employees', 'revenue', 'output', 'incubator_area', 'citizens_served', 'core_space_area', 'rd_spending']));
    expect((await t.request({ url: '/api/v1/survey-forms', role: 'member' })).statusCode).toBe(403);
    expect((await t.request({ url: '/api/v1/survey-forms' })).statusCode).toBe(401);
  });

  it('takes a good XLSForm as a new version of its form_id, and reads it back as it was written', async () => {
    const first = await upload(await xlsForm(GOOD), '季度快报.xlsx');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      code: 'kf_quarterly',
      version: 1,
      origin: 'upload',
      titleZh: '科技服务业季度快报',
      titleEn: 'Quarterly flash report',
    });
    // the metadata row (start) is skipped; the rest keep their rules
    expect(first.json().fields.map((f: { name: string }) => f.name)).toEqual(['employees', 'rd_staff', 'has_site', 'site_area']);
    expect(first.json().fields[3]).toMatchObject({ type: 'decimal', relevant: "${has_site} = 'yes'", unit: '平方米', required: 'yes' });
    expect(first.json().fields[2]).toMatchObject({ type: 'select_one', listName: 'yn' });
    const second = await upload(await xlsForm(GOOD), 'again.xlsx', 'district');
    expect(second.json()).toMatchObject({ code: 'kf_quarterly', version: 2 });
    // what the office downloads uploads again as the next version
    const xlsx = await t.request({ url: `/api/v1/survey-forms/${(await annualForm()).id}/xlsform`, role: 'admin' });
    expect(xlsx.statusCode).toBe(200);
    const again = await upload(xlsx.rawPayload, 'kf_annual.xlsx');
    expect(again.json()).toMatchObject({ code: 'kf_annual', version: 2 });
    expect(again.json().fields).toEqual((await t.request({ url: `/api/v1/survey-forms/${(await annualForm()).id}`, role: 'admin' })).json().fields);
    expect((await upload(await xlsForm(GOOD), 'x.xlsx', 'member')).statusCode).toBe(403);
    const audit = await t.request({ url: '/api/v1/audit?type=surveys.form_uploaded', role: 'admin' });
    expect(audit.json().total).toBeGreaterThanOrEqual(3);
  });

  it('refuses a bad form naming sheet, row and column, in Chinese and English, and keeps nothing', async () => {
    const before = (await t.request({ url: '/api/v1/survey-forms', role: 'admin' })).json().items.length;
    const rows = GOOD.map((r) => [...r]);
    rows[2][5] = '. <= ${employes}'; // F3: an unknown field
    rows[4][5] = '. > > 0'; // F5: a syntax error
    rows[3][0] = 'select_one nolist'; // A4: a list that does not exist
    const res = await upload(await xlsForm(rows), 'bad.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('xlsform_invalid');
    const fields = res.json().error.fields as { path: string; message: string }[];
    expect(fields.map((f) => f.path).sort()).toEqual(['survey!A4', 'survey!F3', 'survey!F5']);
    expect(fields.find((f) => f.path === 'survey!F3')!.message).toBe('工作表“survey”第 3 行 F 列（constraint）：表达式引用了不存在的字段 ${employes}。');
    expect(fields.find((f) => f.path === 'survey!F5')!.message).toContain('第 5 行 F 列（constraint）：表达式“. > > 0”有误：第 5 个字符处不应出现“>”');
    const en = await upload(await xlsForm(rows), 'bad.xlsx', 'admin', 'en');
    expect(en.json().error.fields.find((f: { path: string }) => f.path === 'survey!A4').message).toBe(
      'Sheet “survey”, row 4, column A (type): the choice list “nolist” is not on the choices sheet.',
    );
    // a missing column and a missing settings sheet are named too
    const noName = await upload(await xlsForm(GOOD.map((r) => [r[0], ...r.slice(2)])), 'no-name.xlsx');
    expect(noName.json().error.fields[0]).toMatchObject({ path: 'survey!J1', message: '工作表“survey”第 1 行 J 列（name）：缺少“name”列。' });
    const noSettings = await upload(await xlsForm(GOOD, { settings: null }), 'no-settings.xlsx');
    expect(noSettings.json().error.fields[0].path).toBe('settings!A1');
    const badType = await upload(await xlsForm([HEADER, ['begin_group', 'g', '组', 'Group', '', '', '', '', '', '']]), 'group.xlsx');
    expect(badType.json().error.fields[0].message).toContain('不支持的题型“begin_group”');
    expect((await t.request({ url: '/api/v1/survey-forms', role: 'admin' })).json().items.length).toBe(before);
  });

  it('refuses hostile uploads: not an xlsx whatever its name, a forged type, a zip bomb — 4xx, and the server carries on', async () => {
    const pdf = await upload(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'), 'form.xlsx');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error).toMatchObject({ code: 'xlsform_not_xlsx', message: '报表应上传 XLSForm 格式的 .xlsx 表格。' });
    const text = await upload(Buffer.from('type,name,label\ninteger,a,A\n'), 'form.xlsx');
    expect(text.json().error.code).toBe('xlsform_not_xlsx');
    const zip = await upload(xlsxLike([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]), 'fake.xlsx');
    expect(zip.statusCode).toBe(400);
    const bomb = await upload(xlsxLike([{ name: 'xl/worksheets/sheet1.xml', deflated: zeros(1024), size: 4096 }]), 'bomb.xlsx');
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json().error.code).toBe('zip_bomb');
    expect((await upload(Buffer.alloc(0), 'empty.xlsx')).statusCode).toBe(400);
    expect((await t.request({ url: '/api/v1/survey-forms', role: 'admin' })).statusCode).toBe(200);
  });

  let roundId: number;

  it('launches a round over a population of the directory: a district office only in its district', async () => {
    const bad = await launch('admin', { period: '2025-Q1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ path: 'period', message: '年报的报告期应写作年份，如 2025（收到“2025-Q1”）。' });
    const past = await launch('admin', { deadline: '2020-01-01' });
    expect(past.json().error.fields[0].path).toBe('deadline');
    const none = await launch('admin', { population: { kinds: ['university'], districts: ['500103'] } });
    expect(none.json().error.fields[0]).toMatchObject({ path: 'population' });
    expect(await launch('district' as never, {}).then((r) => r.statusCode)).toBe(201);
    // the district office's round, asked city-wide, covers its district only
    const district = await launch('district', { population: { districts: ['500106'] }, period: '2024', titleZh: '2024年度渝中区调查' });
    expect(district.statusCode, district.body).toBe(201);
    expect(district.json()).toMatchObject({ districtCode: '500103', population: { districts: ['500103'] } });
    expect(district.json().counts.total).toBe(district.json().counts.pending);
    const orgs = (await t.request({ url: '/api/v1/orgs?district=500103&pageSize=1', role: 'admin' })).json().total;
    expect(district.json().counts.total).toBe(orgs);
    // the city's round over the whole directory
    const city = await launch('admin', { titleZh: '2025年度全市调查' });
    expect(city.statusCode).toBe(201);
    roundId = city.json().id;
    expect(city.json().counts.total).toBe((await t.request({ url: '/api/v1/orgs?pageSize=1', role: 'admin' })).json().total);
    const member = await launch('district', {}).then(() => t.request({ method: 'POST', url: '/api/v1/survey-rounds', role: 'member', body: {} }));
    expect(member.statusCode).toBe(400); // the body is checked first; a valid one is refused with 403:
    const memberValid = await t.request({
      method: 'POST',
      url: '/api/v1/survey-rounds',
      role: 'member',
      body: { formId: (await annualForm()).id, titleZh: '越权调查', frequency: 'annual', period: '2025', deadline: '2099-12-31' },
    });
    expect(memberValid.statusCode).toBe(403);
  });

  it('shows the member its own filings only, prefilled from the profile, and refuses each broken rule naming the field', async () => {
    const filing = await myFiling(roundId);
    expect(filing).toMatchObject({ status: 'pending', prefilled: true, values: { employees: 100 } });
    // another organization's member does not see it, nor a district office of another district
    expect((await as(otherMember, { url: `/api/v1/survey-filings/${filing.id}` })).statusCode).toBe(404);
    expect((await as(otherDistrict, { url: `/api/v1/survey-filings/${filing.id}` })).statusCode).toBe(404);
    const mine = (await as(otherMember, { url: `/api/v1/survey-filings?round=${roundId}` })).json().items;
    expect(mine.map((f: { orgId: number }) => f.orgId)).toEqual([otherOrgId]);
    const submit = (values: Record<string, unknown>, lang?: string, version = filing.version) =>
      t.request({ method: 'POST', url: `/api/v1/survey-filings/${filing.id}/submit`, role: 'member', body: { values, version }, lang });
    const first = async (values: Record<string, unknown>, lang?: string) => (await submit(values, lang)).json().error.fields[0];

    expect(await first({ ...good, employees: null })).toEqual({ path: 'values.employees', message: '“年末从业人员”必须填写。' });
    expect(await first({ ...good, employees: 'many' })).toEqual({ path: 'values.employees', message: '“年末从业人员”应为整数。' });
    expect(await first({ ...good, employees: 12.5 })).toEqual({ path: 'values.employees', message: '“年末从业人员”应为整数。' });
    expect(await first({ ...good, revenue: 1.234 })).toEqual({ path: 'values.revenue', message: '“年营业收入”最多保留两位小数。' });
    expect(await first({ ...good, revenue: -5 })).toEqual({ path: 'values.revenue', message: '“年营业收入”不能小于 0元。' });
    expect(await first({ ...good, employees: 2_000_000 })).toEqual({ path: 'values.employees', message: '“年末从业人员”不能大于 1000000人。' });
    expect(await first({ ...good, runs_incubator: 'maybe' })).toEqual({
      path: 'values.runs_incubator',
      message: '“是否运营孵化载体（孵化器、众创空间等）”只能选择：是、否。',
    });
    expect(await first({ ...good, nonsense: 1 })).toEqual({ path: 'values.nonsense', message: '报表中没有“nonsense”这一项。' });
    expect(await first({ ...good, service_revenue: 30_000_000 })).toEqual({
      path: 'values.service_revenue',
      message: '“其中：科技服务收入”不符合规则：科技服务收入不能高于年营业收入（规则：〔其中：科技服务收入〕 <= 〔年营业收入〕）。',
    });
    expect(await first({ ...good, service_revenue: 30_000_000 }, 'en')).toEqual({
      path: 'values.service_revenue',
      message:
        '“of which S&T service revenue” breaks a rule: S&T service revenue cannot exceed the annual revenue (rule: [of which S&T service revenue] <= [Annual revenue]).',
    });
    // a conditional field: asked (and required) once the organization runs an incubator
    expect(await first({ ...good, runs_incubator: 'yes' })).toEqual({ path: 'values.incubator_area', message: '“孵化载体面积”必须填写。' });
    expect(await first({ ...good, runs_incubator: 'yes', incubator_area: 1000, core_space_area: 2000 })).toMatchObject({ path: 'values.core_space_area' });
    // nothing of it was kept
    expect((await t.request({ url: `/api/v1/survey-filings/${filing.id}`, role: 'member' })).json()).toMatchObject({
      status: 'pending',
      version: filing.version,
    });
  });

  it('keeps drafts, submits, and the district office returns with a reason or accepts; the indicator moves on acceptance', async () => {
    const filing = await myFiling(roundId);
    const draft = await t.request({
      method: 'PUT',
      url: `/api/v1/survey-filings/${filing.id}`,
      role: 'member',
      body: { values: { employees: 120 }, version: filing.version },
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ status: 'draft', values: { employees: 120 }, prefilled: false });
    const stale = await t.request({ method: 'PUT', url: `/api/v1/survey-filings/${filing.id}`, role: 'member', body: { values: {}, version: filing.version } });
    expect(stale.statusCode).toBe(409);
    // a field that is not asked keeps no value
    const submitted = await t.request({
      method: 'POST',
      url: `/api/v1/survey-filings/${filing.id}/submit`,
      role: 'member',
      body: { values: { ...good, incubator_area: 500 }, version: draft.json().version },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    expect(submitted.json().values.incubator_area).toBeUndefined();
    expect(
      (await t.request({ method: 'PUT', url: `/api/v1/survey-filings/${filing.id}`, role: 'member', body: { values: {}, version: submitted.json().version } }))
        .statusCode,
    ).toBe(409);

    // the review queue: 渝中区 sees it, 沙坪坝区 does not and may not decide it; the member may not either
    const queue = (await t.request({ url: '/api/v1/survey-filings?status=submitted', role: 'district' })).json().items;
    expect(queue.map((f: { id: number }) => f.id)).toContain(filing.id);
    expect((await as(otherDistrict, { url: '/api/v1/survey-filings?status=submitted' })).json().items).toEqual([]);
    const review = (cookie: string | 'district' | 'member', body: object) =>
      cookie === 'district' || cookie === 'member'
        ? t.request({ method: 'POST', url: `/api/v1/survey-filings/${filing.id}/review`, role: cookie, body })
        : as(cookie, { method: 'POST', url: `/api/v1/survey-filings/${filing.id}/review`, body });
    let version = submitted.json().version;
    expect((await review(otherDistrict, { decision: 'accept', version })).statusCode).toBe(404);
    expect((await review('member', { decision: 'accept', version })).statusCode).toBe(403);
    const noReason = await review('district', { decision: 'return', version });
    expect(noReason.json().error.fields[0]).toEqual({ path: 'reason', message: '退回时请说明理由（至少 2 个字）。' });
    const returned = await review('district', { decision: 'return', reason: '研发人员口径请按统计制度核实', version });
    expect(returned.json()).toMatchObject({ status: 'returned', reason: '研发人员口径请按统计制度核实' });

    const before = await indicator('employees');
    const resubmitted = await t.request({
      method: 'POST',
      url: `/api/v1/survey-filings/${filing.id}/submit`,
      role: 'member',
      body: { values: { ...good, rd_staff: 25 }, version: returned.json().version },
    });
    version = resubmitted.json().version;
    const accepted = await review('district', { decision: 'accept', version });
    expect(accepted.json().status).toBe('accepted');
    expect((await review('district', { decision: 'accept', version: accepted.json().version })).statusCode).toBe(409);

    // the second organization of 渝中区 files too: the sums are over accepted filings of the period
    const f2 = await myFiling(roundId, secondOrgMember);
    const s2 = await as(secondOrgMember, {
      method: 'POST',
      url: `/api/v1/survey-filings/${f2.id}/submit`,
      body: { values: { ...good, employees: 80, revenue: 5e6, service_revenue: 1e6 }, version: f2.version },
    });
    expect(s2.statusCode, s2.body).toBe(200);
    await settle();
    // submitted but not accepted: not counted
    expect((await indicator('employees')).latest).toMatchObject({ period: '2025', value: 120, origin: 'surveyed' });
    expect(before.latest?.value ?? 0).not.toBe(120);
    await t.request({
      method: 'POST',
      url: `/api/v1/survey-filings/${f2.id}/review`,
      role: 'district',
      body: { decision: 'accept', version: s2.json().version },
    });
    await settle();
    expect((await indicator('employees')).latest).toMatchObject({ period: '2025', value: 200, origin: 'surveyed' });
    expect((await indicator('employees', 'district:500103')).latest).toMatchObject({ period: '2025', value: 200 });
    expect((await indicator('revenue')).latest).toMatchObject({ period: '2025', value: 25_000_000 });
    // by category: the organizations are 检测 (testing) ones
    expect((await indicator('revenue', 'chongqing', 'testing')).latest).toMatchObject({ value: 25_000_000 });
    expect((await indicator('revenue', 'chongqing', 'rd')).latest).toBeNull();

    // history and audit
    const history = (await t.request({ url: `/api/v1/survey-filings/${filing.id}/history`, role: 'member' }))
      .json()
      .items.map((h: { action: string }) => h.action);
    expect(history).toEqual(['accepted', 'submitted', 'returned', 'submitted', 'saved']);
    const audit = (await t.request({ url: '/api/v1/audit?type=surveys.filing_returned,surveys.filing_accepted', role: 'admin' })).json();
    expect(audit.items.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['surveys.filing_returned', 'surveys.filing_accepted']));
  });

  it('gives the city every district’s progress, a district office its own, and the late list only after the deadline', async () => {
    const city = (await t.request({ url: `/api/v1/survey-rounds/${roundId}/progress`, role: 'admin' })).json();
    const yz = city.districts.find((d: { districtCode: string }) => d.districtCode === '500103');
    expect(yz).toMatchObject({ nameZh: '渝中区', accepted: 2 });
    expect(city.districts.find((d: { districtCode: string }) => d.districtCode === '500106')).toMatchObject({ pending: 1, total: 1 });
    const own = (await t.request({ url: `/api/v1/survey-rounds/${roundId}/progress`, role: 'district' })).json();
    expect(own.districts.map((d: { districtCode: string }) => d.districtCode)).toEqual(['500103']);
    expect((await t.request({ url: `/api/v1/survey-rounds/${roundId}/progress`, role: 'member' })).statusCode).toBe(403);
    expect((await t.request({ url: `/api/v1/survey-rounds/${roundId}/late`, role: 'admin' })).json().items).toEqual([]);
    // a round whose deadline has passed (set in the database: the API refuses a past deadline)
    const late = await launch('admin', { period: '2023', titleZh: '2023年度补报' });
    await t.db.query(sql`UPDATE survey_rounds SET deadline = '2024-01-31' WHERE id = ${late.json().id}`);
    const list = (await t.request({ url: `/api/v1/survey-rounds/${late.json().id}/late`, role: 'admin' })).json().items;
    expect(list.map((x: { orgId: number }) => x.orgId)).toEqual(expect.arrayContaining([t.memberOrgId, secondOrgId, otherOrgId]));
    const lateOwn = (await as(otherDistrict, { url: `/api/v1/survey-rounds/${late.json().id}/late` })).json().items;
    expect(lateOwn.map((x: { orgId: number }) => x.orgId)).toEqual([otherOrgId]);
  });

  it('prefills from the last accepted period, and asks to confirm with a reason a value three times last period’s', async () => {
    const next = await launch('admin', { period: '2026', titleZh: '2026年度全市调查' });
    const filing = await myFiling(next.json().id);
    expect(filing.last).toMatchObject({ period: '2025', values: { revenue: 20_000_000 } });
    expect(filing.values).toMatchObject({ revenue: 20_000_000, contact: '张三', employees: 100 });
    const body = { values: { ...good, revenue: 60_000_000 }, version: filing.version };
    const res = await t.request({ method: 'POST', url: `/api/v1/survey-filings/${filing.id}/submit`, role: 'member', body });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual([
      { path: 'confirmations.revenue', message: '“年营业收入”填报 60000000元，与上期（2025）的 20000000元 相差三倍以上，请确认并说明原因。' },
    ]);
    const ok = await t.request({
      method: 'POST',
      url: `/api/v1/survey-filings/${filing.id}/submit`,
      role: 'member',
      body: { ...body, confirmations: { revenue: '本年新增大额检测合同' } },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().confirmations).toEqual({ revenue: '本年新增大额检测合同' });
  });
});
