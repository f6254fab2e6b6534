import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import iconv from 'iconv-lite';
import { engines, orgInput, startApp, uscc, type TestApp } from '../helpers/app.ts';
import { generateOrgs } from '../../src/server/modules/directory/demo/generator.ts';

const HEADER = ['统一社会信用代码', '机构名称', '机构类型', '服务类别', '所在区县', '联系电话', '成立日期', '从业人员数', '资质认定'];

function multipart(file: Buffer, filename: string) {
  const boundary = '----kftimport';
  return {
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Inline strings, no shared-strings table: how our own export (and many other writers) save text. */
async function inlineStringXlsx(rows: (string | number)[][]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write: (chunk, _enc, done) => {
      chunks.push(chunk);
      done();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('机构');
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('机构');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvText = (rows: (string | number)[][]) =>
  `${rows.map((r) => r.map((c) => (/[,"\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;

describe.each(engines())('import and export on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(engine);
  });
  afterAll(async () => t?.close());

  const upload = (file: Buffer, filename: string, dryRun: boolean, lang?: string) =>
    t.request({ method: 'POST', url: `/api/v1/orgs/import?dryRun=${dryRun}&wait=20`, role: 'admin', lang, ...multipart(file, filename) });

  it('dry-runs an xlsx with one bad row, reporting row, column and reason, writing nothing; then imports the good rows', async () => {
    const good = [uscc('500106'), uscc('500107'), uscc('500112')];
    const rows = [
      HEADER,
      [
        good[0],
        '重庆导入甲检测有限公司',
        '科技服务机构',
        '检验检测认证服务',
        '沙坪坝区',
        '023-65001234',
        '2019/3/5',
        20,
        '高新技术企业(2024-01-01~2099-12-31)',
      ],
      [good[1], '重庆导入乙研究院', '科研院所；企业', 'rd;testing', '500107', '', '2020年1月2日', '', ''],
      ['91350100M000100Y44', '重庆导入坏行有限公司', '企业', '检验检测认证服务', '渝中区', '', '', '', ''],
      [good[2], '重庆导入丙知识产权代理有限公司', '', '知识产权', 'Yubei District', '', '', '', ''], // an English name
    ];
    const file = await xlsx(rows);
    const dry = await upload(file, '机构.xlsx', true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ status: 'done', dryRun: true, totalRows: 4, okRows: 3, errorRows: 1, createdRows: 0 });
    expect(dry.json().errors).toEqual([
      { row: 4, field: 'uscc', column: '统一社会信用代码', value: '91350100M000100Y44', message: '统一社会信用代码校验位错误：第 18 位应为“3”，实际为“4”。' },
    ]);
    const search = async () => (await t.request({ url: `/api/v1/orgs?q=${encodeURIComponent('重庆导入')}` })).json().total;
    expect(await search()).toBe(0);

    const commit = await upload(file, '机构.xlsx', false);
    expect(commit.json()).toMatchObject({ status: 'done', okRows: 3, createdRows: 3, errorRows: 1 });
    expect(await search()).toBe(3);
    const b = (await t.request({ url: `/api/v1/orgs?q=${encodeURIComponent('导入乙研究院')}`, role: 'admin' })).json().items[0];
    expect(b).toMatchObject({ kinds: ['research_institute', 'enterprise'], categories: ['rd', 'testing'], districtCode: '500107', foundedOn: '2020-01-02' });
    const a = (await t.request({ url: `/api/v1/orgs?q=${encodeURIComponent('导入甲检测')}`, role: 'admin' })).json().items[0];
    expect(a).toMatchObject({
      foundedOn: '2019-03-05',
      employees: 20,
      recognitions: [{ kind: 'high_tech', validFrom: '2024-01-01', validTo: '2099-12-31', certificateNo: null }],
    });
    const c = (await t.request({ url: `/api/v1/orgs?q=${encodeURIComponent('导入丙知识产权')}`, role: 'admin' })).json().items[0];
    expect(c.districtCode).toBe('500112');
    const history = (await t.request({ url: `/api/v1/orgs/${a.id}/history`, role: 'admin' })).json();
    expect(history.items[0].action).toBe('import');

    // importing the same file again creates nothing and says why, row by row
    const again = await upload(file, '机构.xlsx', false);
    expect(again.json()).toMatchObject({ createdRows: 0, errorRows: 4 });
    expect(again.json().errors[0].message).toContain('已在名录库中');
  });

  it('reads CSV in UTF-8 with BOM and in GBK, and reports duplicates within the file', async () => {
    const [c1, c2] = [uscc(), uscc()];
    const rows = [
      HEADER.slice(0, 5),
      [c1, '重庆编码测试甲有限公司', '企业', '研究开发服务', '渝中区'],
      [c2, '重庆编碼測試乙有限公司', '企业', '研究开发', '渝中区'],
      [c1, '重复行有限公司', '', '', ''],
    ];
    const gbk = iconv.encode(csvText(rows), 'gbk');
    const res = await upload(gbk, 'gbk.csv', true);
    expect(res.json()).toMatchObject({ okRows: 2, errorRows: 1 });
    expect(res.json().errors[0]).toMatchObject({ row: 4, column: '统一社会信用代码', message: '与文件第 2 行的统一社会信用代码重复。' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(rows.slice(0, 3)))]);
    const committed = await upload(bom, 'utf8.csv', false);
    expect(committed.json()).toMatchObject({ createdRows: 2, errorRows: 0 });
    // traditional characters in the file are stored as typed and found from simplified
    const found = (await t.request({ url: `/api/v1/orgs?q=${encodeURIComponent('编码测试乙')}` })).json().items;
    expect(found[0].name).toBe('重庆编碼測試乙有限公司');
  });

  it('reports every bad field of a row at once, by column, value and what is allowed, in sentences with no placeholder or library text', async () => {
    const header = ['统一社会信用代码', '机构名称', '机构类型', '所在区县', '联系电话', '从业人员数'];
    const rows = [header, [uscc(), '重庆多错行有限公司', '企业单位', '火星区', '12345', '很多']];
    for (const lang of ['zh-CN', 'en'] as const) {
      const res = await upload(Buffer.from(csvText(rows)), 'bad-row.csv', true, lang);
      expect(res.statusCode).toBe(200);
      const errors = res.json().errors as { row: number; column: string; value: string; message: string }[];
      // one row, four bad fields, all reported together
      expect(errors.map((e) => [e.row, e.column, e.value])).toEqual(
        expect.arrayContaining([
          [2, '机构类型', '企业单位'],
          [2, '所在区县', '火星区'],
          [2, '联系电话', '12345'],
          [2, '从业人员数', '很多'],
        ]),
      );
      expect(new Set(errors.map((e) => e.row))).toEqual(new Set([2]));
      for (const e of errors) {
        expect(e.message).not.toMatch(/[{}]|期望|Invalid|expected/);
      }
      const kind = errors.find((e) => e.column === '机构类型')!.message;
      const district = errors.find((e) => e.column === '所在区县')!.message;
      const employees = errors.find((e) => e.column === '从业人员数')!.message;
      if (lang === 'zh-CN') {
        // the allowed values by the template's Chinese labels, not the API's codes
        expect(kind).toMatch(/^「机构类型」不能是“企业单位”，可选：.*企业.*高等院校|^「机构类型」不能是“企业单位”，可选：.*企业/);
        expect(kind).not.toMatch(/service_provider|enterprise/);
        expect(district).toBe('「所在区县」：未知的区县代码：火星区。');
        expect(employees).toBe('「从业人员数」应为数字。');
      } else {
        expect(kind).toMatch(/^Organization kind cannot be "企业单位"; allowed: /);
        expect(district).toBe('Unknown district code: 火星区.');
        expect(employees).toBe('Employees must be a number.');
      }
    }
  });

  it('answers a multipart body cut short with a 400 naming the upload, never a server error', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/orgs/import?dryRun=true',
      role: 'admin',
      headers: { 'content-type': 'multipart/form-data; boundary=xx' },
      payload: '--xx\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nbroken',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'bad_multipart', message: '上传的数据不完整或格式有误，请重新选择文件上传。' });
    // an id in the URL is named too
    const bad = await t.request({ url: '/api/v1/orgs/abc' });
    expect(bad.json().error.fields).toEqual([{ path: 'params.id', message: '「编号」：应为正整数（十进制数字，不以 0 开头），例如 42。' }]);
  });

  it('answers a file that is not a table, an empty file, a missing column and too many rows clearly, in the caller language', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0]);
    const notTable = await upload(png, 'photo.png', true);
    expect(notTable.statusCode).toBe(400);
    expect(notTable.json().error).toMatchObject({ code: 'import_not_table', fields: [{ path: 'file' }] });
    expect(notTable.json().error.message).toContain('.xlsx');
    const fakeXlsx = await upload(Buffer.from('hello'), 'fake.xlsx', true);
    expect(fakeXlsx.json().error.code).toBe('import_not_table');
    expect((await upload(Buffer.alloc(0), 'empty.csv', true)).json().error.code).toBe('import_empty');
    expect((await upload(Buffer.from('统一社会信用代码,机构名称\n'), 'header-only.csv', true)).json().error.code).toBe('import_empty');
    const missing = await upload(Buffer.from('名称,地址\nA,B\n'), 'x.csv', true, 'en');
    expect(missing.json().error).toMatchObject({
      code: 'import_missing_columns',
      message: 'Missing required columns: 统一社会信用代码. Download the template to compare column names.',
    });
    const big = Buffer.from(`统一社会信用代码,机构名称\n${'X,Y\n'.repeat(100_001)}`);
    const tooMany = await upload(big, 'big.csv', true);
    expect(tooMany.json().error).toMatchObject({ code: 'import_too_many_rows' });
    expect(tooMany.json().error.message).toContain('100000');
    const noFile = await t.request({ method: 'POST', url: '/api/v1/orgs/import', role: 'admin', body: {} });
    expect(noFile.statusCode).toBe(400);
  });

  it('keeps the job so the page can come back to it', async () => {
    const res = await upload(Buffer.from(csvText([HEADER.slice(0, 2), [uscc(), '重庆任务测试有限公司']])), 'job.csv', true);
    const job = res.json();
    const again = await t.request({ url: `/api/v1/orgs/imports/${job.id}`, role: 'admin' });
    expect(again.json()).toMatchObject({ id: job.id, status: 'done', okRows: 1 });
    const list = await t.request({ url: '/api/v1/orgs/imports', role: 'admin' });
    expect(list.json().items.map((j: { id: string }) => j.id)).toContain(job.id);
    expect((await t.request({ url: `/api/v1/orgs/imports/${job.id}`, role: 'district' })).statusCode).toBe(404);
  });

  it('exports the filtered list as xlsx and csv that read back with the same rows, and re-imports it', async () => {
    const filter = `category=testing&district=500106`;
    const list = (await t.request({ url: `/api/v1/orgs?${filter}&pageSize=200&sort=name`, role: 'admin' })).json();
    expect(list.total).toBeGreaterThan(0);
    const res = await t.request({ url: `/api/v1/orgs/export?format=xlsx&${filter}`, role: 'admin' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    const names: string[] = [];
    ws.eachRow((row, n) => n > 1 && names.push(String(row.getCell(2).value)));
    expect(names.sort()).toEqual(list.items.map((o: { name: string }) => o.name).sort());

    const csv = await t.request({ url: `/api/v1/orgs/export?format=csv&${filter}` });
    const text = csv.rawPayload.toString('utf8');
    expect(text.startsWith('\uFEFF统一社会信用代码')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(list.total + 1);
    expect(text).not.toContain('023-65001234'); // anonymous export is masked

    // an export is a valid import file: every row is reported as already present
    const back = await upload(res.rawPayload, 'export.xlsx', true);
    expect(back.json()).toMatchObject({ totalRows: list.total, okRows: 0, errorRows: list.total });
  });

  it('keeps Chinese text whole in a large xlsx, whose characters straddle the reader chunks', async () => {
    // exceljs's streaming reader decodes each chunk alone: unpatched, characters split between two
    // chunks come out as "���" (3 of 5,000 rows in the benchmark). Inline strings put the text in
    // the sheet XML that is read in chunks.
    const orgs = [...generateOrgs(3000, 4242)];
    const rows = [
      ['统一社会信用代码', '机构名称', '机构类型', '服务类别', '机构简介'],
      ...orgs.map((o) => [o.uscc, o.name, '科技服务机构；孵化载体', '科技信息与咨询服务；知识产权服务', o.description ?? '']),
    ];
    const res = await upload(await inlineStringXlsx(rows), 'large.xlsx', true);
    expect(JSON.stringify(res.json().errors?.slice(0, 2))).not.toContain('\uFFFD');
    expect(res.json()).toMatchObject({ status: 'done', totalRows: 3000, okRows: 3000, errorRows: 0 });
  });

  it('serves an xlsx template whose sample row imports unchanged and whose coded columns offer lists of labels the import accepts', async () => {
    const res = await t.request({ url: '/api/v1/orgs/import/template?format=xlsx' });
    expect(res.statusCode).toBe(200);
    // read back with SheetJS, not with the exceljs that wrote it
    const wb = XLSX.read(res.rawPayload, { type: 'buffer', bookFiles: true });
    const sheet = wb.Sheets[wb.SheetNames[0]];
    const [header, sample, ...more] = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, defval: '' });
    expect(header[0]).toBe('统一社会信用代码*');
    expect(more).toEqual([]);

    // the drop-downs: <dataValidation type="list" sqref="E2:E10001"><formula1>'选项'!$B$2:$B$9</formula1>
    const xml = String(Buffer.from((wb as unknown as { files: Record<string, { content: Uint8Array }> }).files['xl/worksheets/sheet1.xml'].content));
    const lists: Record<string, string[]> = {};
    for (const m of xml.matchAll(/<dataValidation\b([^>]*)>\s*<formula1>([^<]*)<\/formula1>/g)) {
      expect(m[1]).toMatch(/type="list"/);
      const col = XLSX.utils.decode_range(m[1].match(/sqref="([^"]+)"/)![1]);
      expect(col.s.r).toBe(1); // from the first data row
      const ref = m[2].replace(/&apos;/g, "'").match(/^'?([^'!]+)'?!(.+)$/)!;
      const listSheet = wb.Sheets[ref[1]];
      expect(wb.Workbook!.Sheets![wb.SheetNames.indexOf(ref[1])].Hidden, 'the lists sheet is hidden').toBeTruthy();
      const range = XLSX.utils.decode_range(ref[2].replace(/\$/g, ''));
      const values: string[] = [];
      for (let r = range.s.r; r <= range.e.r; r++) values.push(String(listSheet[XLSX.utils.encode_cell({ r, c: range.s.c })]?.v ?? ''));
      lists[String(header[col.s.c]).replace(/\*$/, '')] = values;
    }
    expect(lists.机构类型).toContain('科技服务机构');
    expect(lists.服务类别).toEqual(expect.arrayContaining(['研究开发服务', '检验检测认证服务', '知识产权服务']));
    expect(lists.所在区县).toEqual(expect.arrayContaining(['渝中区', '万州区', '石柱土家族自治县']));
    for (const values of Object.values(lists)) expect(values.every((v) => v.trim())).toBe(true);

    // every label offered imports: one row per label, the sample row's other cells kept
    const col = (h: string) => header.findIndex((x) => String(x).replace(/\*$/, '') === h);
    const longest = Math.max(...Object.values(lists).map((v) => v.length));
    const rows = Array.from({ length: longest }, (_, i) => {
      const row = sample.map(String);
      row[col('统一社会信用代码')] = uscc();
      row[col('机构名称')] = `重庆模板选项测试${i}有限公司`;
      for (const [h, values] of Object.entries(lists)) row[col(h)] = values[i % values.length];
      return row;
    });
    const labels = await upload(Buffer.from(csvText([header.map(String), ...rows])), 'labels.csv', true);
    expect(labels.json().errors).toEqual([]);
    expect(labels.json()).toMatchObject({ totalRows: longest, okRows: longest });

    // the template itself, unchanged: its sample row is valid and imports
    const dry = await upload(res.rawPayload, 'template.xlsx', true);
    expect(dry.json().errors).toEqual([]);
    expect(dry.json()).toMatchObject({ status: 'done', totalRows: 1, okRows: 1, errorRows: 0 });
    const csvTemplate = await t.request({ url: '/api/v1/orgs/import/template?format=csv' });
    expect((await upload(csvTemplate.rawPayload, 'template.csv', true)).json()).toMatchObject({ status: 'done', totalRows: 1, okRows: 1, errorRows: 0 });
    const real = await upload(res.rawPayload, 'template.xlsx', false);
    expect(real.json()).toMatchObject({ createdRows: 1, errorRows: 0 });
  });

  it('keeps formula-like text through a CSV export and import: the defusing apostrophe is taken off again', async () => {
    const original = {
      name: '重庆往返测试科技有限公司',
      formerNames: ['@往返旧名'],
      address: '-1F，重庆市渝中区往返路1号',
      contactPerson: "'@张三", // began with an apostrophe already: kept as it was
      contactPhone: '+86-13900002222',
      description: '=1+1 是文字，不是公式',
      website: 'https://www.example.com/a',
    };
    const created = await t.request({ method: 'POST', url: '/api/v1/orgs', role: 'admin', body: orgInput(original) });
    expect(created.statusCode).toBe(201);
    const csv = (await t.request({ url: `/api/v1/orgs/export?format=csv&q=${encodeURIComponent('往返测试')}`, role: 'admin' })).rawPayload.toString('utf8');
    expect(csv).toContain("'+86-13900002222"); // defused for Excel
    expect(csv).toContain("'=1+1");
    // the same row under a new code and name, imported back
    const code = uscc();
    const copy = csv.replace(created.json().uscc, code).replace(original.name, '重庆往返副本科技有限公司');
    const back = await upload(Buffer.from(copy, 'utf8'), 'roundtrip.csv', false);
    expect(back.json().errors).toEqual([]);
    expect(back.json()).toMatchObject({ createdRows: 1 });
    const again = (await t.request({ url: `/api/v1/orgs?q=${encodeURIComponent('往返副本')}`, role: 'admin' })).json().items[0];
    const { name: _n, ...fields } = original;
    expect(again).toMatchObject(fields);
  });
});
