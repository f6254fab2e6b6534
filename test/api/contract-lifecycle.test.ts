/**
 * The contract's lifecycle beyond the station's review (issue 12, points 1, 3, 5, 7): the signed contract as an
 * attached PDF, the buyer's confirmation, the expert's own review, amendments and cancellations, a station the
 * seller chooses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/server/platform/db/sql.ts';
import { addWorkingDays } from '../../src/server/modules/contracts/index.ts';
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
  async function submitted(over: Record<string, unknown> = {}) {
    const c = await draft(over);
    expect((await uploadDocument(t, c.id, seller)).statusCode).toBe(200);
    const res = await post(`/api/v1/contracts/${c.id}/submit`, seller);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  const beijingDay = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
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

  describe('the buyer’s confirmation (买方确认)', () => {
    it('is awaited before the station accepts; only the buyer gives it, once; history and audit record it', async () => {
      const c = await submitted();
      expect(c.buyerConfirmation).toEqual({ required: true, answer: null, answeredAt: null, reason: null });
      const seen = (await get(`/api/v1/contracts/${c.id}`, station)).json();
      expect(seen.can).toMatchObject({ accept: false, requestCorrection: true, confirm: false });
      const early = await post(`/api/v1/contracts/${c.id}/accept`, station);
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toBe('买方尚未确认合同内容，暂不能受理。');
      const bySeller = await post(`/api/v1/contracts/${c.id}/confirm`, seller);
      expect(bySeller.statusCode).toBe(403);
      expect(bySeller.json().error.message).toBe('只有买方可以确认合同内容。');
      expect((await post(`/api/v1/contracts/${c.id}/confirm`, station)).statusCode).toBe(403);
      for (const who of [stranger, otherStation]) expect((await post(`/api/v1/contracts/${c.id}/confirm`, who)).statusCode).toBe(404);
      expect((await get(`/api/v1/contracts/${c.id}`, buyer)).json()).toMatchObject({ mySide: 'buyer', can: { confirm: true, dispute: true, edit: false } });

      const ok = await post(`/api/v1/contracts/${c.id}/confirm`, buyer);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({
        status: 'submitted',
        buyerConfirmation: { required: true, answer: 'confirmed', reason: null },
        can: { confirm: false },
      });
      expect(ok.json().buyerConfirmation.answeredAt).not.toBeNull();
      const twice = await post(`/api/v1/contracts/${c.id}/dispute`, buyer, { reason: '金额有误' });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.message).toBe('买方已对该合同作出答复，不能重复答复。');
      expect((await post(`/api/v1/contracts/${c.id}/accept`, station)).json().status).toBe('accepted');
      // once accepted, the buyer's step is over
      expect((await post(`/api/v1/contracts/${c.id}/confirm`, buyer)).statusCode).toBe(409);

      const history = (await get(`/api/v1/contracts/${c.id}/history`, buyer)).json().items.map((h: { action: string }) => h.action);
      expect(history).toContain('confirm');
      const audit = await t.db.query<{ type: string; actor_id: number }>(
        sql`SELECT type FROM audit_log WHERE type = 'contract.confirm' AND subject_id = ${String(c.id)}`,
      );
      expect(audit.rows).toHaveLength(1);
    });

    it('a dispute needs a reason, makes the contract disputed and sends it to expert review (30 working days)', async () => {
      const c = await submitted();
      expect(c.expertRequired).toBe(false);
      const empty = await post(`/api/v1/contracts/${c.id}/dispute`, buyer, { reason: ' ' });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.fields[0]).toMatchObject({ path: 'reason' });
      expect((await get(`/api/v1/contracts/${c.id}`, buyer)).json().buyerConfirmation.answer).toBeNull();
      const d = await post(`/api/v1/contracts/${c.id}/dispute`, buyer, { reason: '合同约定的技术交易额与双方实际约定不符。' });
      expect(d.statusCode, d.body).toBe(200);
      expect(d.json()).toMatchObject({
        disputed: true,
        expertRequired: true,
        deadline: addWorkingDays(beijingDay(), 30),
        buyerConfirmation: { answer: 'disputed', reason: '合同约定的技术交易额与双方实际约定不符。' },
      });
      await post(`/api/v1/contracts/${c.id}/accept`, station);
      await post(`/api/v1/contracts/${c.id}/start-review`, station);
      expect((await post(`/api/v1/contracts/${c.id}/register`, station)).statusCode).toBe(409);
      const h = (await get(`/api/v1/contracts/${c.id}/history`, seller)).json().items.find((x: { action: string }) => x.action === 'dispute');
      expect(h.after).toMatchObject({ answer: 'disputed', reason: '合同约定的技术交易额与双方实际约定不符。', disputed: true });
    });

    it('is not awaited from a buyer not on the platform, and is asked again after the seller changes the content', async () => {
      const elsewhere = await submitted({
        buyer: { name: '四川某机械制造有限公司', uscc: uscc('510100'), nature: 'private_enterprise', divisionCode: '510100' },
      });
      expect(elsewhere.buyerConfirmation).toMatchObject({ required: false, answer: null });
      expect((await post(`/api/v1/contracts/${elsewhere.id}/accept`, station)).json().status).toBe('accepted');

      const c = await submitted();
      await post(`/api/v1/contracts/${c.id}/confirm`, buyer);
      await post(`/api/v1/contracts/${c.id}/request-correction`, station, { reason: '请补充技术交易额的计算依据。' });
      const v = (await get(`/api/v1/contracts/${c.id}`, seller)).json().version;
      const edited = await t.request({ method: 'PATCH', url: `/api/v1/contracts/${c.id}`, ...as(seller), body: { version: v, equipmentFen: 10_0000_00 } });
      expect(edited.json().buyerConfirmation.answer).toBeNull();
      await post(`/api/v1/contracts/${c.id}/submit`, seller);
      expect((await post(`/api/v1/contracts/${c.id}/accept`, station)).statusCode).toBe(409);
      await post(`/api/v1/contracts/${c.id}/confirm`, buyer);
      expect((await post(`/api/v1/contracts/${c.id}/accept`, station)).json().status).toBe('accepted');
    });
  });

  describe('the expert’s review page (专家评审)', () => {
    it('shows an expert the contracts assigned to it and records its own opinion while in expert review; others get nothing', async () => {
      const account = async (username: string) => {
        const u = await t.services.auth.createUser({ username, password: PASSWORD, role: 'org_member', displayName: `${username}专家`, orgId: stranger.orgId });
        return { id: u.id, cookie: await login(username) };
      };
      const mine = await account(`lexpert_${engine}`);
      const other = await account(`lexpert2_${engine}`);
      const mk = async (body: Record<string, unknown>) => {
        const res = await t.request({ method: 'POST', url: '/api/v1/experts', role: 'admin', body });
        expect(res.statusCode, res.body).toBe(201);
        return res.json().id as number;
      };
      const expertId = await mk({ name: '周评审', affiliation: '西南大学', fields: ['energy'], userId: mine.id });
      await mk({ name: '吴旁观', affiliation: '重庆邮电大学', fields: ['energy'], userId: other.id });
      // not (yet) assigned, and not an expert at all
      expect((await get('/api/v1/contract-reviews', mine)).json()).toEqual({ expert: { id: expertId, name: '周评审' }, items: [] });
      expect((await get('/api/v1/contract-reviews', buyer)).json()).toEqual({ expert: null, items: [] });
      expect((await get('/api/v1/contract-reviews')).statusCode).toBe(401);

      const c = await submitted({ amountFen: 600_0000_00, techAmountFen: 550_0000_00, equipmentFen: 0 });
      await post(`/api/v1/contracts/${c.id}/confirm`, buyer);
      await post(`/api/v1/contracts/${c.id}/accept`, station);
      await post(`/api/v1/contracts/${c.id}/start-review`, station);
      expect((await post(`/api/v1/contracts/${c.id}/experts`, station, { expertIds: [expertId] })).json().status).toBe('expert_review');

      const list = (await get('/api/v1/contract-reviews', mine)).json();
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({
        id: c.id,
        status: 'expert_review',
        projectName: '山地城市桥梁健康监测技术开发',
        sellerName: '重庆交通大学桥梁结构研究所',
        buyerName: '重庆桥隧养护有限公司',
        techAmountFen: 550_0000_00,
        conclusion: null,
        canOpine: true,
      });
      expect((await get('/api/v1/contract-reviews', other)).json().items).toEqual([]);
      // the expert reads the summary here, not the contract itself (its parties', station's and offices' page)
      expect((await get(`/api/v1/contracts/${c.id}`, mine)).statusCode).toBe(404);

      const url = `/api/v1/contract-reviews/${c.id}/opinion`;
      expect((await post(url, other, { conclusion: 'register', opinion: '同意登记。' })).statusCode).toBe(404);
      expect((await post(url, buyer, { conclusion: 'register', opinion: '同意登记。' })).statusCode).toBe(403);
      const empty = await post(url, mine, { conclusion: 'register', opinion: '' });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.fields[0]).toMatchObject({ path: 'opinion', message: '请填写评审意见（至少 2 个字）。' });
      const bad = await post(url, mine, { conclusion: 'maybe', opinion: '再看看' });
      expect(bad.statusCode).toBe(400);
      const ok = await post(url, mine, { conclusion: 'register', opinion: '技术内容真实，技术交易额计算依据充分，同意登记。' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ conclusion: 'register', opinion: '技术内容真实，技术交易额计算依据充分，同意登记。', canOpine: true });
      expect(ok.json().opinedAt).not.toBeNull();
      // the station sees it and may register now
      expect((await get(`/api/v1/contracts/${c.id}`, station)).json().experts[0]).toMatchObject({ expertName: '周评审', conclusion: 'register' });
      expect((await post(`/api/v1/contracts/${c.id}/register`, station)).json().status).toBe('registered');
      const late = await post(url, mine, { conclusion: 'reject', opinion: '改变主意。' });
      expect(late.statusCode).toBe(409);
      expect((await get('/api/v1/contract-reviews', mine)).json().items[0]).toMatchObject({ status: 'registered', canOpine: false, conclusion: 'register' });

      const h = (await get(`/api/v1/contracts/${c.id}/history`, seller)).json().items.find((x: { action: string }) => x.action === 'recordOpinion');
      expect(h.after).toMatchObject({ expertId, conclusion: 'register', byExpert: true });
      const audit = await t.db.query<{ actor_id: string }>(
        sql`SELECT actor_id FROM audit_log WHERE type = 'contract.recordOpinion' AND subject_id = ${String(c.id)}`,
      );
      expect(audit.rows.map((r) => Number(r.actor_id))).toEqual([mine.id]);
    });
  });

  describe('amending or cancelling a registered contract (变更、注销)', () => {
    async function registered(over: Record<string, unknown> = {}) {
      const c = await submitted(over);
      await post(`/api/v1/contracts/${c.id}/confirm`, buyer);
      for (const step of ['accept', 'start-review', 'register']) expect((await post(`/api/v1/contracts/${c.id}/${step}`, station)).statusCode).toBe(200);
      return (await get(`/api/v1/contracts/${c.id}`, seller)).json();
    }
    const figures = async () => (await t.request({ url: '/api/v1/contract-figures?by=type', role: 'admin' })).json().total;

    it('an amendment is asked by the seller, checked, reviewed by the station and changes the record with before and after kept', async () => {
      const c = await registered();
      const url = `/api/v1/contracts/${c.id}/changes`;
      expect((await get(url, seller)).json()).toEqual({ items: [], canRequest: true });
      // before registration there is nothing to amend
      const d = await draft();
      expect((await post(`/api/v1/contracts/${d.id}/changes`, seller, { kind: 'cancel', reason: '不再登记' })).statusCode).toBe(409);
      // the rules of the record hold for the amendment; refusals change nothing
      const above = await post(url, seller, { kind: 'amend', reason: '补充协议调整金额', changes: { techAmountFen: 200_0000_00 } });
      expect(above.statusCode).toBe(400);
      expect(above.json().error.fields[0]).toMatchObject({ path: 'changes.techAmountFen', message: '技术交易额不能高于合同成交额。' });
      const same = await post(url, seller, { kind: 'amend', reason: '无变化', changes: { amountFen: c.amountFen } });
      expect(same.json().error.fields[0]).toMatchObject({ path: 'changes', message: '变更申请没有修改任何内容。' });
      expect((await post(url, seller, { kind: 'amend', reason: '', changes: { amountFen: 1 } })).statusCode).toBe(400);
      expect((await post(url, buyer, { kind: 'cancel', reason: '买方要求' })).statusCode).toBe(403);
      expect((await post(url, station, { kind: 'cancel', reason: '登记站' })).statusCode).toBe(403);
      expect((await post(url, stranger, { kind: 'cancel', reason: '无关' })).statusCode).toBe(404);

      const before = await figures();
      const asked = await post(url, seller, {
        kind: 'amend',
        reason: '双方签订补充协议，合同金额增加 30 万元。',
        changes: { amountFen: 150_0000_00, techAmountFen: 130_0000_00, validUntil: '2029-09-19' },
      });
      expect(asked.statusCode, asked.body).toBe(201);
      const ch = asked.json();
      expect(ch).toMatchObject({ kind: 'amend', status: 'pending', changes: { amountFen: 150_0000_00, techAmountFen: 130_0000_00, validUntil: '2029-09-19' } });
      const twice = await post(url, seller, { kind: 'cancel', reason: '另一项申请' });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.message).toBe('该合同已有一项待审核的变更或注销申请，请等待登记站处理。');
      // pending: the record is unchanged; only the contract's own station decides
      expect((await get(`/api/v1/contracts/${c.id}`, seller)).json().amountFen).toBe(c.amountFen);
      expect((await post(`${url}/${ch.id}/approve`, seller)).statusCode).toBe(403);
      expect((await post(`${url}/${ch.id}/approve`, otherStation)).statusCode).toBe(404);
      expect((await get(url, station)).json().items[0].can).toEqual({ approve: true, reject: true });
      const ok = await post(`${url}/${ch.id}/approve`, station);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'registered', amountFen: 150_0000_00, techAmountFen: 130_0000_00, validUntil: '2029-09-19' });
      expect(ok.json().registrationNumber).toBe(c.registrationNumber);
      expect((await post(`${url}/${ch.id}/approve`, station)).statusCode).toBe(409);
      const after = await figures();
      expect(after.amountFen - before.amountFen).toBe(30_0000_00);
      expect(after.count).toBe(before.count);

      const list = (await get(url, seller)).json();
      expect(list.items[0]).toMatchObject({ status: 'approved', before: { amountFen: 120_0000_00, techAmountFen: 100_0000_00, validUntil: '2028-09-19' } });
      const h = (await get(`/api/v1/contracts/${c.id}/history`, seller)).json().items.find((x: { action: string }) => x.action === 'amend');
      expect(h.before).toEqual({ amountFen: 120_0000_00, techAmountFen: 100_0000_00, validUntil: '2028-09-19' });
      expect(h.after).toMatchObject({ amountFen: 150_0000_00, techAmountFen: 130_0000_00, validUntil: '2029-09-19' });
      const audit = await t.db.query<{ type: string }>(
        sql`SELECT type FROM audit_log WHERE subject_type = 'contract' AND subject_id = ${String(c.id)} AND type IN ('contract.amendRequest', 'contract.amend') ORDER BY id`,
      );
      expect(audit.rows.map((r) => r.type)).toEqual(['contract.amendRequest', 'contract.amend']);
    });

    it('a cancellation, once approved, sets cancelled: verification says so (200), the figures leave it out; a refusal keeps the record', async () => {
      const c = await registered();
      const url = `/api/v1/contracts/${c.id}/changes`;
      const first = (await post(url, seller, { kind: 'cancel', reason: '误登记' })).json();
      expect((await post(`${url}/${first.id}/reject`, station, { reason: '' })).statusCode).toBe(400);
      const refused = await post(`${url}/${first.id}/reject`, station, { reason: '合同已履行，不予注销。' });
      expect(refused.json().status).toBe('registered');
      expect((await get(url, seller)).json()).toMatchObject({ canRequest: true, items: [{ status: 'rejected', decisionNote: '合同已履行，不予注销。' }] });

      const before = await figures();
      const ch = (await post(url, seller, { kind: 'cancel', reason: '双方协商一致解除合同。' })).json();
      const ok = await post(`${url}/${ch.id}/approve`, station);
      expect(ok.json()).toMatchObject({ status: 'cancelled', registrationNumber: c.registrationNumber });
      expect(ok.json().cancelledAt).not.toBeNull();
      const after = await figures();
      expect(before.count - after.count).toBe(1);
      expect(before.amountFen - after.amountFen).toBe(c.amountFen);
      const v = await get(`/api/v1/contracts/verify/${c.registrationNumber}`);
      expect(v.statusCode).toBe(200);
      expect(v.json()).toMatchObject({ registrationNumber: c.registrationNumber, cancelled: true });
      expect(v.json().cancelledAt).not.toBeNull();
      expect((await get(`/api/v1/contracts/verify/${c.registrationNumber}X`)).statusCode).toBe(404);
      expect(
        (await t.request({ url: '/api/v1/contracts?status=cancelled&pageSize=100', role: 'admin' })).json().items.map((x: { id: number }) => x.id),
      ).toContain(c.id);
      // nothing more to ask
      expect((await post(url, seller, { kind: 'cancel', reason: '再次' })).statusCode).toBe(409);
      const actions = (await get(`/api/v1/contracts/${c.id}/history`, seller)).json().items.map((x: { action: string }) => x.action);
      expect(actions.slice(0, 4)).toEqual(['cancel', 'cancelRequest', 'cancelRefuse', 'cancelRequest']);
      const events = await t.db.query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'contract.cancelled' AND aggregate_id = ${String(c.id)}`,
      );
      expect(events.rows[0].n).toBe(1);
    });

    it('two parallel requests open one', async () => {
      const c = await registered();
      const res = await Promise.all(
        [1, 2, 3].map((n) =>
          post(`/api/v1/contracts/${c.id}/changes`, seller, { kind: 'amend', reason: `补充协议 ${n}`, changes: { projectName: `新名称 ${n}` } }),
        ),
      );
      expect(res.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    });
  });
});
