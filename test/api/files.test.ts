/**
 * Uploads are judged by their bytes and served so that nothing uploaded can run in our origin; zips
 * (an .xlsx is one) are refused past the decompression limits before anything unpacks them, with real
 * bombs built in the test, and the server carries on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { createInstrument, ownerOrg } from '../helpers/instruments.ts';
import { achievementInput, orgWithMember } from '../helpers/market.ts';
import { buildZip, multipartFile, xlsxLike, zeros } from '../helpers/zip.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><script>alert(1)</script></svg>');
const HTML = Buffer.from('<!doctype html><html><body><script>fetch("/api/v1/auth/me")</script></body></html>');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const BOMB_MESSAGE = '文件解压后超过 200 MB 上限，疑似压缩炸弹，已拒绝。';

describe.each(engines())('uploaded files on %s', (engine) => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof ownerOrg>>;
  beforeAll(async () => {
    t = await startApp(engine);
    owner = await ownerOrg(t, 'files-lab');
  }, 120_000);
  afterAll(() => t?.close());

  const post = (url: string, cookie: string, file: Buffer, filename: string, type: string, lang?: string) =>
    t.request({ method: 'POST', url, lang, ...withCookie(multipartFile(file, filename, type), cookie) });
  const withCookie = (m: ReturnType<typeof multipartFile>, cookie: string) => ({ headers: { ...m.headers, cookie }, payload: m.payload });
  const importFile = (file: Buffer, filename: string, wait = 30) =>
    post(`/api/v1/orgs/import?dryRun=true&wait=${wait}`, t.cookies.admin, file, filename, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

  it('refuses an SVG sent as image/png, stores the detected type, and serves photos inline, unsniffed and sandboxed', async () => {
    const id = await createInstrument(t, owner.orgId, { name: '原子力显微镜' });
    const url = `/api/v1/instruments/${id}/photos`;
    const svg = await post(url, owner.cookie, SVG, 'photo.png', 'image/png');
    expect(svg.statusCode).toBe(400);
    const message = '「照片」只接受 JPEG、PNG、WebP 图片（按文件内容判断，不看扩展名）。';
    expect(svg.json().error).toEqual({ code: 'bad_photo', message, fields: [{ path: 'file', message }] });
    expect((await post(url, owner.cookie, SVG, 'photo.png', 'image/png', 'en')).json().error.message).toBe(
      '"Photo" accepts only JPEG, PNG or WebP images (judged by the content, not the extension).',
    );
    // PNG bytes declared as JPEG: kept, as what they are
    const ok = await post(url, owner.cookie, PNG, '照片.jpg', 'image/jpeg');
    expect(ok.statusCode).toBe(201);
    const served = await t.request({ url: `/api/v1/instrument-photos/${ok.json().id}` });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(served.headers['content-disposition']).toMatch(/^inline; /);
    expect(served.rawPayload.equals(PNG)).toBe(true);
  });

  it('refuses HTML sent as application/pdf and serves documents as downloads with their Chinese names', async () => {
    const member = await orgWithMember(t, 'files-author');
    const created = await t.request({ method: 'POST', url: '/api/v1/achievements', headers: { cookie: member.cookie }, body: achievementInput() });
    expect(created.statusCode).toBe(201);
    const url = `/api/v1/achievements/${created.json().id}/attachments`;
    const html = await post(url, member.cookie, HTML, '说明书.pdf', 'application/pdf');
    expect(html.statusCode).toBe(400);
    expect(html.json().error).toMatchObject({ code: 'bad_attachment', fields: [{ path: 'file' }] });
    expect(html.json().error.message).toBe('「附件」只接受 PDF、Word、Excel、PowerPoint 文件或 JPEG、PNG、WebP 图片（按文件内容判断，不看扩展名）。');
    // a zip inside an attachment passes the same decompression limits (an Office file is a zip)
    const docxBomb = await post(url, member.cookie, xlsxLike([{ name: 'word/document.xml', deflated: zeros(20) }]), 'a.docx', 'application/msword');
    expect(docxBomb.json().error).toMatchObject({ code: 'zip_bomb', message: '文件压缩比超过 250 倍上限，疑似压缩炸弹，已拒绝。' });

    const pdf = await post(url, member.cookie, PDF, '成果说明书（2026）.pdf', 'application/octet-stream');
    expect(pdf.statusCode).toBe(201);
    expect(pdf.json().contentType).toBe('application/pdf');
    const got = await t.request({ url: `${url}/${pdf.json().id}`, headers: { cookie: member.cookie } });
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe(`attachment; filename="______2026_.pdf"; filename*=UTF-8''${encodeURIComponent('成果说明书（2026）')}.pdf`);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    const png = await post(url, member.cookie, PNG, 'figure.png', 'application/pdf');
    expect(png.json().contentType).toBe('image/png');
    const image = await t.request({ url: `${url}/${png.json().id}`, headers: { cookie: member.cookie } });
    expect(image.headers['content-disposition']).toMatch(/^inline; /);
  });

  it('takes CSV for the import only as text, and a real xlsx by its bytes', async () => {
    const nul = await importFile(Buffer.from('统一社会信用代码,机构名称\n\u0000\u0001,x\n'), 'orgs.csv');
    expect(nul.json().error.code).toBe('import_not_table');
    const csv = await importFile(Buffer.from('统一社会信用代码,机构名称\nX,Y\n'), 'orgs.txt');
    expect(csv.json().error?.code).not.toBe('import_not_table');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('机构').addRow(['统一社会信用代码', '机构名称']);
    const xlsx = await importFile(Buffer.from(await wb.xlsx.writeBuffer()), 'orgs.bin');
    expect(xlsx.json().error?.code).toBe('import_empty');
  });

  it('refuses a 1 MB zip that inflates to 1 GB, naming the limit, and the job ends failed; the server carries on', async () => {
    const bomb = xlsxLike([{ name: 'xl/worksheets/sheet1.xml', deflated: zeros(1024), size: 4096 }]);
    expect(bomb.length).toBeLessThan(1.2 * 1024 * 1024);
    const heapBefore = process.memoryUsage().heapUsed;
    const res = await importFile(bomb, '机构名录.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'zip_bomb', message: BOMB_MESSAGE, fields: [{ path: 'file', message: BOMB_MESSAGE }] });
    expect(res.json().job).toMatchObject({ status: 'failed', failure: { code: 'zip_bomb', message: BOMB_MESSAGE } });
    // answered at once (wait=0): the job is polled until it settles, and it settles failed, never stuck running
    const started = await importFile(bomb, 'again.xlsx', 0);
    expect([202, 400]).toContain(started.statusCode);
    const id = (started.json().job ?? started.json()).id as string;
    let job = started.json().job ?? started.json();
    while (job.status === 'running') {
      // inject resolves in microtasks: without a turn of the event loop the job's inflation never gets one
      await new Promise((r) => setTimeout(r, 50));
      job = (await t.request({ url: `/api/v1/orgs/imports/${id}`, role: 'admin' })).json();
    }
    expect(job).toMatchObject({ status: 'failed', failure: { code: 'zip_bomb' } });
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
    expect((await t.request({ url: '/readyz' })).statusCode).toBe(200);
  }, 120_000);

  it('refuses a zip of 100,000 entries, one past its declared count, and one hiding an entry from its directory', async () => {
    const many = xlsxLike(Array.from({ length: 100_000 }, (_, i) => ({ name: `xl/e${i}.xml`, data: Buffer.alloc(0) })));
    const res = await importFile(many, 'many.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'zip_bomb', message: '文件内含条目超过 2,000 个上限，疑似压缩炸弹，已拒绝。' });
    const hidden = xlsxLike([
      { name: 'xl/worksheets/sheet1.xml', hidden: true, deflated: zeros(64) },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    ]);
    expect((await importFile(hidden, 'hidden.xlsx')).json().error).toMatchObject({ code: 'zip_broken' });
    const plainZip = buildZip([{ name: 'notes.txt', data: Buffer.from('hello') }]);
    expect((await importFile(plainZip, 'notes.xlsx')).json().error.code).toBe('import_not_table');
  }, 120_000);

  it('takes its inflation limit from IMPORT_MAX_INFLATED_BYTES', async () => {
    const small = await startApp(engine, { IMPORT_MAX_INFLATED_BYTES: String(2 * 1024 * 1024) });
    try {
      const m = multipartFile(xlsxLike([{ name: 'xl/worksheets/sheet1.xml', deflated: zeros(8) }]), 'x.xlsx');
      const res = await small.request({ method: 'POST', url: '/api/v1/orgs/import?dryRun=true&wait=30', role: 'admin', lang: 'en', ...m });
      expect(res.json().error.message).toBe('The file inflates past the 2 MB limit; refused as a likely zip bomb.');
    } finally {
      await small.close();
    }
  }, 120_000);
});
