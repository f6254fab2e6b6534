/**
 * The contract's lifecycle beyond the station's review (issue 12, points 1, 3, 5, 7): the signed contract as an
 * attached PDF, the buyer's confirmation, the expert's own review, amendments and cancellations, a station the
 * seller chooses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, PASSWORD, startApp, uscc, type TestApp } from '../helpers/app.ts';
import { orgWithMember } from '../helpers/market.ts';
import { multipartBody, SIGNED_PDF, uploadDocument } from '../helpers/contracts.ts';

type Who = { cookie: string };

describe.each(engines())('contract lifecycle on %s', (engine) => {
  let t: TestApp;
  let seller: Awaited<ReturnType<typeof orgWithMember>>;
  let buyer: Awaited<ReturnType<typeof orgWithMember>>;
  let stranger: Awaited<ReturnType<typeof orgWithMember>>;
  let station: Who & { userId: number };
  let otherStation: Who & { userId: number };
  let buyerUscc: string;
  const as = (who: Who) => ({ headers: { cookie: who.cookie } });
  const post = (url: string, who: Who, body?: unknown) => t.request({ method: 'POST', url, ...as(who), ...(body !== undefined ? { body } : {}) });
  const get = (url: string, who?: Who) => t.request({ url, ...(who ? as(who) : {}) });

  async function login(username: string) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    const c = res.cookies.find((x) => x.name === 'kft_session')!;
    return `${c.name}=${c.value}`;
  }
  async function staff(username: string, code: string) {
    const u = await t.services.auth.createUser({ username, password: PASSWORD, role: 'station_staff', displayName: `${username}登记员` });
    await t.services.contracts.addStaff(code, u.id);
    return { cookie: await login(username), userId: u.id };
  }

  const complete = (over: Record<string, unknown> = {}) => ({
    projectName: '山地城市桥梁健康监测技术开发',
    contractType: 'development',
    subType: 'commissioned',
    signedOn: '2026-09-20',
    validFrom: '2026-09-20',
    validUntil: '2028-09-19',
    seller: { nature: 'university' },
    buyer: { name: '重庆桥隧养护有限公司', uscc: buyerUscc, nature: 'private_enterprise', divisionCode: '500112' },
    amountFen: 120_0000_00,
    techAmountFen: 100_0000_00,
    equipmentFen: 20_0000_00,
    techField: 'urban_social',
    ipType: 'none',
    planSource: 'none',
    ...over,
  });
  async function draft(over: Record<string, unknown> = {}) {
    const res = await post('/api/v1/contracts', seller, complete(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }
  const count = async (table: 'contract_documents') => (await t.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`)).rows[0].n;

  beforeAll(async () => {
    t = await startApp(engine);
    seller = await orgWithMember(t, `lseller_${engine}`, {
      name: '重庆交通大学桥梁结构研究所',
      kinds: ['university'],
      categories: ['rd'],
      districtCode: '500108',
      uscc: uscc('500108'),
    });
    buyerUscc = uscc('500112');
    buyer = await orgWithMember(t, `lbuyer_${engine}`, {
      name: '重庆桥隧养护有限公司',
      kinds: ['enterprise'],
      categories: [],
      districtCode: '500112',
      uscc: buyerUscc,
    });
    stranger = await orgWithMember(t, `lstranger_${engine}`, { name: '重庆无关咨询有限公司', kinds: ['enterprise'], categories: [] });
    station = await staff(`lstation_${engine}`, 'S08'); // 南岸区, the seller's district
    otherStation = await staff(`lstation2_${engine}`, 'S04');
  });
  afterAll(() => t.close());

  describe('the signed contract (合同文本)', () => {
    it('is required for submission, checked by its bytes, and refused with 合同文本 named when forged, empty, oversized, cut short or not multipart', async () => {
      const c = await draft();
      expect(c.missing).toContain('document');
      expect(c.document).toBeNull();
      expect(c.can.attachDocument).toBe(true);
      const early = await post(`/api/v1/contracts/${c.id}/submit`, seller);
      expect(early.statusCode).toBe(400);
      expect(early.json().error.fields).toEqual([{ path: 'document', message: '请先上传双方签署的合同文本（PDF）。' }]);

      const before = await count('contract_documents');
      const refused = async (res: Awaited<ReturnType<typeof post>>, status: number, message: string) => {
        expect(res.statusCode, res.body).toBe(status);
        expect(res.json().error.message).toBe(message);
        expect(res.json().error.fields[0]).toMatchObject({ path: 'document' });
      };
      await refused(
        await uploadDocument(t, c.id, seller, Buffer.from('<html><script>alert(1)</script></html>'), '合同.pdf'),
        400,
        '「合同文本」只接受 PDF 文件（按文件内容判断，不看扩展名）。',
      );
      await refused(await uploadDocument(t, c.id, seller, Buffer.alloc(0)), 400, '「合同文本」是空文件，请上传签署后的合同 PDF。');
      await refused(
        await uploadDocument(t, c.id, seller, SIGNED_PDF.subarray(0, SIGNED_PDF.length - 8)),
        400,
        '「合同文本」不是完整的 PDF 文件（缺少文件结尾），请重新导出后上传。',
      );
      const big = Buffer.concat([SIGNED_PDF.subarray(0, 9), Buffer.alloc(20 * 1024 * 1024), Buffer.from('\n%%EOF\n')]);
      await refused(await uploadDocument(t, c.id, seller, big), 400, '「合同文本」不能超过 20 MB。');
      const json = await post(`/api/v1/contracts/${c.id}/document`, seller, { file: 'x' });
      expect(json.statusCode).toBe(415);
      expect(json.json().error.message).toBe('上传「合同文本」请使用 multipart/form-data 格式。');
      const m = multipartBody('合同.pdf', SIGNED_PDF);
      const cut = await t.request({
        method: 'POST',
        url: `/api/v1/contracts/${c.id}/document`,
        payload: m.payload.subarray(0, m.payload.length - 30),
        headers: { ...m.headers, cookie: seller.cookie },
      });
      expect(cut.statusCode).toBeGreaterThanOrEqual(400);
      expect(cut.statusCode).toBeLessThan(500);
      expect(cut.json().error.message).toContain('合同文本');
      const noFile = await t.request({
        method: 'POST',
        url: `/api/v1/contracts/${c.id}/document`,
        payload: `------kftcontract\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n------kftcontract--\r\n`,
        headers: { ...m.headers, cookie: seller.cookie },
      });
      expect(noFile.statusCode).toBe(400);
      expect(noFile.json().error.message).toBe('请选择「合同文本」的 PDF 文件。');
      expect(await count('contract_documents')).toBe(before);

      // only the seller uploads; a stranger learns nothing
      expect((await uploadDocument(t, c.id, buyer)).statusCode).toBe(403);
      expect((await uploadDocument(t, c.id, stranger)).statusCode).toBe(404);
      const ok = await uploadDocument(t, c.id, seller, SIGNED_PDF, '桥梁监测技术开发合同（签署版）.pdf');
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({
        document: { filename: '桥梁监测技术开发合同（签署版）.pdf', size: SIGNED_PDF.length, url: `/api/v1/contracts/${c.id}/document.pdf` },
      });
      expect(ok.json().missing).not.toContain('document');
      expect((await post(`/api/v1/contracts/${c.id}/submit`, seller)).json().status).toBe('submitted');
      // submitted: no more replacing it (until a correction is asked for)
      expect((await uploadDocument(t, c.id, seller)).statusCode).toBe(409);
    });

    it('is downloaded by the parties, the contract’s station and the city — nobody else — and every upload is in history and audit', async () => {
      const c = await draft();
      await uploadDocument(t, c.id, seller, SIGNED_PDF, '第一版.pdf');
      const second = Buffer.concat([SIGNED_PDF, Buffer.from('% signed again\n%%EOF\n')]);
      await uploadDocument(t, c.id, seller, second, '第二版.pdf');
      // a draft: the parties only
      expect((await get(`/api/v1/contracts/${c.id}/document.pdf`, station)).statusCode).toBe(404);
      await post(`/api/v1/contracts/${c.id}/submit`, seller);
      for (const who of [seller, buyer, station]) {
        const res = await get(`/api/v1/contracts/${c.id}/document.pdf`, who);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(res.headers['content-disposition']).toMatch(/^attachment;/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.rawPayload.equals(second)).toBe(true);
      }
      expect((await t.request({ url: `/api/v1/contracts/${c.id}/document.pdf`, role: 'admin' })).statusCode).toBe(200);
      for (const who of [stranger, otherStation]) expect((await get(`/api/v1/contracts/${c.id}/document.pdf`, who)).statusCode).toBe(404);
      expect((await get(`/api/v1/contracts/${c.id}/document.pdf`)).statusCode).toBe(401);
      expect((await t.request({ url: `/api/v1/contracts/${c.id}/document.pdf`, role: 'member' })).statusCode).toBe(404);

      const history = (await get(`/api/v1/contracts/${c.id}/history`, seller)).json().items.reverse();
      const uploads = history.filter((h: { action: string }) => h.action === 'attachDocument');
      expect(uploads).toHaveLength(2);
      expect(uploads[1].after).toMatchObject({ document: { filename: '第二版.pdf', size: second.length }, replaced: { filename: '第一版.pdf' } });
      const audit = await t.db.query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM audit_log WHERE type = 'contract.attachDocument' AND subject_id = ${String(c.id)}`,
      );
      expect(audit.rows[0].n).toBe(2);
    });
  });
});
