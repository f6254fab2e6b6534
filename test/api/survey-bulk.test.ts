/**
 * Bulk filing from an xlsx (issue 14 item 3) through the HTTP API: the template (read back with SheetJS, a reader
 * other than the server's exceljs; its drop-downs with exceljs, which SheetJS does not read), rows refused by each
 * rule of online filing named by sheet, row, column and label in both languages, all or nothing, a district office
 * refused another district's organization, hostile files, and filed rows becoming submitted filings with 代报 in
 * their history and the ×3 reason taken from the reason column.
 */
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, orgInput, PASSWORD, startApp, type TestApp } from '../helpers/app.ts';
import { multipartFile, xlsxLike, zeros } from '../helpers/zip.ts';

type Role = 'admin' | 'district' | 'member';
type Row = Record<string, string | number | null>;

// the template's columns, by the field names of its hidden row 2
const COLUMNS = [
  'uscc',
  'org_name',
  'employees',
  'rd_staff',
  'revenue',
  'service_revenue',
  'output',
  'rd_spending',
  'runs_incubator',
  'incubator_area',
  'core_space_area',
  'citizens_served',
  'contact',
  'change_reason',
];
const GOOD: Row = {
  employees: 120,
  rd_staff: 30,
  revenue: 20_000_000,
  service_revenue: 15_000_000,
  rd_spending: 2_000_000,
  runs_incubator: '否',
  contact: '王五',
};

describe.each(engines())('survey bulk filing on %s', (engine) => {
  let t: TestApp;
  let roundId: number;
  let formId: number;
  let spbOffice: string;
  let secondMember: string;
  const usccOf = new Map<string, string>();
  const system = { id: 0, username: 'system', displayName: 'system', role: 'admin' as const, orgId: null, districtCode: null };

  const login = async (username: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    const c = res.cookies.find((x) => x.name === 'kft_session')!;
    return `${c.name}=${c.value}`;
  };
  const template = async (round: number, role: Role | string = 'district') => {
    const res =
      role === 'admin' || role === 'district' || role === 'member'
        ? await t.request({ url: `/api/v1/survey-rounds/${round}/bulk-template`, role })
        : await t.app.inject({ url: `/api/v1/survey-rounds/${round}/bulk-template`, headers: { cookie: role } });
    return res;
  };
  const upload = (round: number, file: Buffer, role: Role = 'district', lang?: string, filename = 'filled.xlsx') => {
    const m = multipartFile(file, filename);
    return t.request({ method: 'POST', url: `/api/v1/survey-rounds/${round}/bulk-filings`, role, headers: m.headers, payload: m.payload, lang });
  };
  /** Fills the downloaded template as an office would in Excel: one row per organization, by USCC; the rest left as it came. */
  const fill = async (tpl: Buffer, rows: (Row & { uscc: string })[]): Promise<Buffer> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('填报')!;
    let next = ws.rowCount + 1;
    const used = new Set<number>();
    for (const r of rows) {
      // the organization's own row the first time, a new row at the end for a repeated or unknown one
      let n = 0;
      for (let i = 3; i <= ws.rowCount && !n; i++) if (ws.getRow(i).getCell(1).value === r.uscc && !used.has(i)) n = i;
      if (n) used.add(n);
      const row = ws.getRow(n || next++);
      for (const [k, v] of Object.entries(r)) row.getCell(COLUMNS.indexOf(k) + 1).value = v;
      row.commit();
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  /** The template's data rows: USCC → row number, as Excel numbers them. */
  const rowsOf = async (tpl: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('填报')!;
    const out = new Map<string, number>();
    for (let i = 3; i <= ws.rowCount; i++) out.set(String(ws.getRow(i).getCell(1).value), i);
    return out;
  };
  const filingOf = async (orgUscc: string, round = roundId) => {
    const items = (await t.request({ url: `/api/v1/survey-filings?round=${round}&pageSize=200`, role: 'admin' })).json().items as {
      id: number;
      orgId: number;
      status: string;
    }[];
    const orgId = [...usccOf.entries()].find(([, u]) => u === orgUscc)![0];
    const s = items.find((f) => String(f.orgId) === orgId)!;
    return (await t.request({ url: `/api/v1/survey-filings/${s.id}`, role: 'admin' })).json();
  };

  beforeAll(async () => {
    t = await startApp(engine);
    await t.services.surveys.start();
    // 渝中区 (500103): the member's organization and a second one; 沙坪坝区 (500106): a third, with its own office
    const second = await t.services.directory.create(orgInput({ name: '重庆第二批量科技有限公司', districtCode: '500103' }) as never, system);
    const other = await t.services.directory.create(orgInput({ name: '重庆沙坪坝批量科技有限公司', districtCode: '500106' }) as never, system);
    for (const o of [await t.services.directory.get(t.memberOrgId), second, other]) usccOf.set(String(o.id), o.uscc);
    await t.services.auth.createUser({ username: 'spb_office', password: PASSWORD, role: 'district_admin', displayName: '沙坪坝区', districtCode: '500106' });
    await t.services.auth.createUser({ username: 'member2', password: PASSWORD, role: 'org_member', displayName: '第二机构', orgId: second.id });
    spbOffice = await login('spb_office');
    secondMember = await login('member2');
    formId = ((await t.request({ url: '/api/v1/survey-forms', role: 'admin' })).json().items as { id: number; code: string }[]).find(
      (f) => f.code === 'kf_annual',
    )!.id;
    const round = await t.request({
      method: 'POST',
      url: '/api/v1/survey-rounds',
      role: 'admin',
      body: { formId, titleZh: '2025年度批量填报测试', frequency: 'annual', period: '2025', deadline: '2099-12-31' },
    });
    expect(round.statusCode, round.body).toBe(201);
    roundId = round.json().id;
  });
  afterAll(() => t.close());

  const uscc = (orgId: number) => usccOf.get(String(orgId))!;
  const secondUscc = () => [...usccOf.values()][1];
  const otherUscc = () => [...usccOf.values()][2];

  it('gives an office the template of its organizations: labels and units in the header, field names below, choices as a drop-down', async () => {
    const res = await template(roundId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = XLSX.read(res.rawPayload, { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['填报', '说明']);
    const rows = XLSX.utils.sheet_to_json<(string | number)[]>(wb.Sheets.填报, { header: 1, defval: null });
    expect(rows[0].slice(0, 5)).toEqual([
      '统一社会信用代码\nUSCC',
      '机构名称\nOrganization',
      '*年末从业人员（人）\nEmployees at year end (人)',
      '*其中：研发人员（人）\nof whom R&D staff (人)',
      '*年营业收入（元）\nAnnual revenue (元)',
    ]);
    expect(rows[1]).toEqual(COLUMNS);
    // a district office: its district's two organizations, not 沙坪坝区's
    const data = rows.slice(2).filter((r) => r[0]);
    expect(data.map((r) => r[0]).sort()).toEqual([uscc(t.memberOrgId), secondUscc()].sort());
    expect(data.find((r) => r[0] === uscc(t.memberOrgId))![1]).toBe('重庆会员测试科技有限公司');
    const help = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.说明, { header: 1 });
    expect(help.find((r) => r[0] === '其中：研发人员')![5]).toBe('〔其中：研发人员〕 <= 〔年末从业人员〕（研发人员不能多于年末从业人员）');
    // the drop-down (exceljs reads data validations; SheetJS does not)
    const x = new ExcelJS.Workbook();
    await x.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = x.getWorksheet('填报')!;
    expect(ws.getRow(2).hidden).toBe(true);
    expect(ws.getCell('I3').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    // the city: every organization; 沙坪坝区's office: its own; a member: none
    const city = XLSX.read((await template(roundId, 'admin')).rawPayload, { type: 'buffer' });
    expect(XLSX.utils.sheet_to_json<string[]>(city.Sheets.填报, { header: 1 }).slice(2).length).toBe(3);
    const spb = XLSX.read((await template(roundId, spbOffice)).rawPayload, { type: 'buffer' });
    expect(
      XLSX.utils
        .sheet_to_json<string[]>(spb.Sheets.填报, { header: 1 })
        .slice(2)
        .map((r) => r[0]),
    ).toEqual([otherUscc()]);
    expect((await template(roundId, 'member')).statusCode).toBe(403);
  });

  it('refuses the whole file when any row breaks a rule, naming sheet, row, column and field for each kind', async () => {
    const tpl = (await template(roundId)).rawPayload;
    const file = await fill(tpl, [
      // row 3 / 4: the two organizations as the template lists them (by name)
      { uscc: uscc(t.memberOrgId), ...GOOD, employees: '一百二十', runs_incubator: '也许' },
      { uscc: secondUscc(), ...GOOD, rd_staff: 500, revenue: -5, contact: null, runs_incubator: '是' },
      { uscc: uscc(t.memberOrgId), ...GOOD },
      { uscc: '91500000MA5U000000', ...GOOD },
      { uscc: '', employees: 5 },
    ]);
    const res = await upload(roundId, file);
    expect(res.statusCode, res.body).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('survey_bulk_invalid');
    const rows = await rowsOf(tpl);
    const a = rows.get(uscc(t.memberOrgId))!;
    const b = rows.get(secondUscc())!;
    const messages = Object.fromEntries(err.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    // type, choice
    expect(messages[`填报!C${a}`]).toBe(`工作表“填报”第 ${a} 行 C 列（*年末从业人员（人））：“年末从业人员”应为整数。`);
    expect(messages[`填报!I${a}`]).toBe(
      `工作表“填报”第 ${a} 行 I 列（*是否运营孵化载体（孵化器、众创空间等））：“是否运营孵化载体（孵化器、众创空间等）”只能选择：是、否。`,
    );
    // cross-field constraint, range, required, and required because relevant (runs an incubator: its area is asked)
    expect(messages[`填报!D${b}`]).toBe(
      `工作表“填报”第 ${b} 行 D 列（*其中：研发人员（人））：“其中：研发人员”不符合规则：研发人员不能多于年末从业人员（规则：〔其中：研发人员〕 <= 〔年末从业人员〕）。`,
    );
    expect(messages[`填报!E${b}`]).toBe(`工作表“填报”第 ${b} 行 E 列（*年营业收入（元））：“年营业收入”不能小于 0元。`);
    expect(messages[`填报!M${b}`]).toBe(`工作表“填报”第 ${b} 行 M 列（*填报人）：“填报人”必须填写。`);
    expect(messages[`填报!J${b}`]).toBe(`工作表“填报”第 ${b} 行 J 列（*孵化载体面积（平方米））：“孵化载体面积”必须填写。`);
    // the rows of the file itself: a USCC twice, one not in the survey, one missing
    expect(messages['填报!A5']).toBe(`工作表“填报”第 5 行 A 列（统一社会信用代码）：统一社会信用代码 ${uscc(t.memberOrgId)} 在第 ${a} 行已经出现过。`);
    expect(messages['填报!A6']).toBe('工作表“填报”第 6 行 A 列（统一社会信用代码）：统一社会信用代码 91500000MA5U000000 不在本次调查的对象中。');
    expect(messages['填报!A7']).toBe('工作表“填报”第 7 行 A 列（统一社会信用代码）：缺少统一社会信用代码。');
    expect(err.message).toBe(`有 ${err.fields.length} 处数据不符合填报规则（涉及 5 行），本次导入未做任何更改。请修改后重新上传。`);
    // in English, by the English header
    const en = (await upload(roundId, file, 'district', 'en')).json().error;
    expect(en.fields.find((f: { path: string }) => f.path === `填报!C${a}`).message).toBe(
      `Sheet “填报”, row ${a}, column C (Employees at year end (人)): “Employees at year end” must be a whole number.`,
    );
    // nothing changed
    expect((await filingOf(uscc(t.memberOrgId))).status).toBe('pending');
    expect((await filingOf(secondUscc())).status).toBe('pending');
  });

  it('refuses a district office a row of another district’s organization, and a member altogether; nothing changes', async () => {
    const tpl = (await template(roundId, 'admin')).rawPayload;
    const file = await fill(tpl, [
      { uscc: secondUscc(), ...GOOD },
      { uscc: otherUscc(), ...GOOD },
    ]);
    const res = await upload(roundId, file, 'district');
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'survey_bulk_not_your_district' });
    expect(res.json().error.fields[0].message).toMatch(
      /^工作表“填报”第 \d 行 A 列（统一社会信用代码）：「重庆沙坪坝批量科技有限公司」（.+）不属于本区县，不能代报。$/,
    );
    expect((await upload(roundId, file, 'member')).statusCode).toBe(403);
    expect((await filingOf(secondUscc())).status).toBe('pending');
    expect((await filingOf(otherUscc())).status).toBe('pending');
  });

  it('refuses hostile files with a clear 4xx and carries on', async () => {
    const pdf = await upload(roundId, Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'));
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error).toMatchObject({ code: 'survey_bulk_not_xlsx', message: '批量填报应上传从本页下载的 .xlsx 模板。' });
    expect((await upload(roundId, Buffer.from('uscc,employees\n1,2\n'))).json().error.code).toBe('survey_bulk_not_xlsx');
    const bomb = await upload(roundId, xlsxLike([{ name: 'xl/worksheets/sheet1.xml', deflated: zeros(1024), size: 4096 }]), 'district', undefined, 'bomb.xlsx');
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json().error.code).toBe('zip_bomb');
    const fake = await upload(roundId, xlsxLike([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]));
    expect(fake.statusCode).toBe(400);
    const empty = await upload(roundId, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields[0].message).toBe('请选择填好的模板文件（.xlsx）上传。');
    // an xlsx, but not the template
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['统一社会信用代码', '年末从业人员']);
    const foreign = await upload(roundId, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.code).toBe('survey_bulk_not_template');
    expect((await t.request({ url: `/api/v1/survey-rounds/${roundId}`, role: 'district' })).statusCode).toBe(200);
  });

  it('files the valid rows as submitted on the organizations’ behalf, 代报 in their history, audited; once only', async () => {
    const tpl = (await template(roundId)).rawPayload;
    const file = await fill(tpl, [
      { uscc: uscc(t.memberOrgId), ...GOOD },
      // digits typed in a text cell stay a number in Excel: the text field takes them as text
      { uscc: secondUscc(), ...GOOD, employees: 40, rd_staff: 10, runs_incubator: '是', incubator_area: 1200.5, core_space_area: 800, contact: 8675309 },
    ]);
    const res = await upload(roundId, file, 'district', undefined, '渝中区2025年报.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().filed).toBe(2);
    const mine = await filingOf(uscc(t.memberOrgId));
    expect(mine).toMatchObject({ status: 'submitted', values: { employees: 120, runs_incubator: 'no', contact: '王五' } });
    const second = await filingOf(secondUscc());
    expect(second.values).toMatchObject({ employees: 40, runs_incubator: 'yes', incubator_area: 1200.5, core_space_area: 800, contact: '8675309' });
    // the organization sees who filed for it
    const history = (await t.app.inject({ url: `/api/v1/survey-filings/${second.id}/history`, headers: { cookie: secondMember } })).json().items;
    expect(history[0]).toMatchObject({ action: 'filed_by_office', actorName: '渝中区管理员', after: { status: 'submitted', file: '渝中区2025年报.xlsx' } });
    const audit = (await t.request({ url: '/api/v1/audit?type=surveys.bulk_filed', role: 'admin' })).json();
    expect(audit.items[0]).toMatchObject({ subjectId: String(roundId), detail: { filings: 2, file: '渝中区2025年报.xlsx' } });
    // the same file again: those filings are no longer open
    const again = await upload(roundId, file);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields.map((f: { message: string }) => f.message)).toContain(
      `工作表“填报”第 ${res.json().items.find((i: { filingId: number }) => i.filingId === mine.id).row} 行 A 列（统一社会信用代码）：「重庆会员测试科技有限公司」的填报已提交待审核，不能再导入。`,
    );
    // and the next template leaves them out
    const next = XLSX.read((await template(roundId)).rawPayload, { type: 'buffer' });
    expect(XLSX.utils.sheet_to_json<string[]>(next.Sheets.填报, { header: 1 }).slice(2)).toEqual([]);
  });

  it('asks the reason column for a value three times last period’s, as online filing asks a confirmation', async () => {
    const mine = await filingOf(uscc(t.memberOrgId));
    expect(
      (
        await t.request({
          method: 'POST',
          url: `/api/v1/survey-filings/${mine.id}/review`,
          role: 'district',
          body: { decision: 'accept', version: mine.version },
        })
      ).statusCode,
    ).toBe(200);
    const next = await t.request({
      method: 'POST',
      url: '/api/v1/survey-rounds',
      role: 'district',
      body: { formId, titleZh: '2026年度批量填报测试', frequency: 'annual', period: '2026', deadline: '2099-12-31' },
    });
    const round2 = next.json().id;
    const tpl = (await template(round2)).rawPayload;
    const far = { uscc: uscc(t.memberOrgId), ...GOOD, revenue: 70_000_000, service_revenue: 15_000_000 };
    const refused = await upload(round2, await fill(tpl, [far]));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].message).toMatch(
      /^工作表“填报”第 \d 行 E 列（\*年营业收入（元））：“年营业收入”填报 70000000元，与上期（2025）的 20000000元 相差三倍以上，请在“变动说明”列写明原因。$/,
    );
    const ok = await upload(round2, await fill(tpl, [{ ...far, change_reason: '新签大额技术服务合同' }]));
    expect(ok.statusCode, ok.body).toBe(200);
    const filed = await filingOf(uscc(t.memberOrgId), round2);
    expect(filed).toMatchObject({ status: 'submitted', confirmations: { revenue: '新签大额技术服务合同' } });
  });
});
