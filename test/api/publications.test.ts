import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, orgInput, startApp, type TestApp } from '../helpers/app.ts';
import { readPdf } from '../helpers/pdf.ts';
import { generateOrgs } from '../../src/server/modules/directory/demo/generator.ts';

const USCC_PATTERN = /\b[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}\b/g;

describe.each(engines())('published lists on %s', (engine) => {
  let t: TestApp;
  let ipOrg: number;
  beforeAll(async () => {
    t = await startApp(engine);
    ipOrg = (
      await t.request({
        method: 'POST',
        url: '/api/v1/orgs',
        role: 'admin',
        body: orgInput({ name: '重庆清单知识产权代理有限公司', categories: ['ip'], contactPhone: '13900001111' }),
      })
    ).json().id;
    await t.request({ method: 'POST', url: '/api/v1/orgs', role: 'admin', body: orgInput({ name: '重庆清单检测有限公司', categories: ['testing'] }) });
  });
  afterAll(async () => t?.close());

  it('publishes numbered, dated versions of a filtered snapshot that later edits never change', async () => {
    const first = await t.request({
      method: 'POST',
      url: '/api/v1/publications',
      role: 'admin',
      body: { title: '知识产权服务机构清单', filters: { category: ['ip'] } },
    });
    expect(first.statusCode).toBe(201);
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)); // the Shanghai year, as numbers are given
    expect(first.json()).toMatchObject({ number: `${year}-001`, orgCount: 1, title: '知识产权服务机构清单' });
    const second = (await t.request({ method: 'POST', url: '/api/v1/publications', role: 'admin', body: { title: '全部机构', filters: {} } })).json();
    expect(second.number).toBe(`${year}-002`);

    await t.request({ method: 'PATCH', url: `/api/v1/orgs/${ipOrg}`, role: 'admin', body: { name: '改名后的知识产权公司' } });
    const rows = (await t.request({ url: `/api/v1/publications/${first.json().id}/rows` })).json();
    expect(rows.items).toEqual([expect.objectContaining({ name: '重庆清单知识产权代理有限公司', categories: '知识产权服务' })]);
    expect(JSON.stringify(rows)).not.toContain('13900001111'); // public fields only

    await expect(t.db.query(sql`UPDATE publication_rows SET data = '{}'::jsonb`)).rejects.toThrow(/immutable/);
    await expect(t.db.query(sql`DELETE FROM publications`)).rejects.toThrow(/immutable/);
  });

  it('refuses an empty list and bad input clearly', async () => {
    const empty = await t.request({
      method: 'POST',
      url: '/api/v1/publications',
      role: 'admin',
      body: { title: '空清单', filters: { q: '不存在的机构名称xyz' } },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('空清单');
    const bad = await t.request({ method: 'POST', url: '/api/v1/publications', role: 'admin', body: { title: '' } });
    expect(bad.json().error.fields[0].path).toBe('title');
  });

  it('downloads a version as xlsx and as a PDF with the Chinese font embedded', async () => {
    const list = (await t.request({ url: '/api/v1/publications' })).json();
    const id = list.items.find((p: { title: string }) => p.title === '全部机构').id;
    const x = await t.request({ url: `/api/v1/publications/${id}/download?format=xlsx` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toContain('全部机构');
    expect(ws.getRow(3).getCell(1).value).toBe('机构名称');
    // when it was published, in Beijing time and saying so, as the pages show it
    const publishedAt = new Date(list.items.find((p: { id: number }) => p.id === id).publishedAt);
    const beijing = new Date(publishedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(String(ws.getRow(2).getCell(1).value)).toContain(`发布时间：${beijing}（北京时间）`);
    expect(ws.rowCount).toBe(3 + list.items.find((p: { id: number }) => p.id === id).orgCount);
    const pdf = await t.request({ url: `/api/v1/publications/${id}/download?format=pdf` });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.rawPayload;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/FontFile2/); // embedded TrueType subset
    expect(bytes.toString('latin1')).toMatch(/NotoSansSC/);
    expect((await t.request({ url: '/api/v1/publications/99999/download' })).statusCode).toBe(404);
  });

  it('prints a long list as numbered pages, each with the header, rows and "第 n / N 页", none blank', async () => {
    // a category nobody else in this file uses, so the list holds exactly these organizations
    const orgs = [...generateOrgs(90, 1515)].map((o) => ({ ...o, categories: ['popularization'] }));
    await t.services.directory.repo.insertMany(orgs);
    const pub = (
      await t.request({
        method: 'POST',
        url: '/api/v1/publications',
        role: 'admin',
        body: { title: '科普服务机构清单', filters: { category: ['popularization'] } },
      })
    ).json();
    expect(pub.orgCount).toBe(orgs.length);
    const res = await t.request({ url: `/api/v1/publications/${pub.id}/download?format=pdf` });
    expect(res.statusCode).toBe(200);

    const { pageCount, pages } = readPdf(res.rawPayload);
    expect(pageCount).toBeGreaterThan(1); // long enough to need page breaks
    expect(pages).toHaveLength(pageCount);
    pages.forEach((text, i) => {
      const where = `page ${i + 1} of ${pageCount}`;
      expect(text, where).toMatch(new RegExp(`清单 ${pub.number}\\s*第\\s*${i + 1}\\s*/\\s*${pageCount}\\s*页`));
      expect(text, where).toContain('统一社会信用代码'); // the table header on every page
      expect(text.match(USCC_PATTERN)?.length ?? 0, where).toBeGreaterThan(0);
    });
    // every organization printed once: no row lost at a page break, none repeated
    const printed = pages.join('\n').match(USCC_PATTERN) ?? [];
    expect(printed.slice().sort()).toEqual(orgs.map((o) => o.uscc).sort());
  });
});
