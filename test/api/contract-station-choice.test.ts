/**
 * Issue 12 point 3 through the HTTP API: a contract goes to the station of the seller's district, or to one the
 * seller chooses where that is configured (CONTRACT_STATION_CHOICE, off by default). Off: a choice is refused at its
 * field, nothing is written; on: the chosen station receives the submission, an unknown one is refused, and once a
 * station has it the choice is fixed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, startApp, uscc, type TestApp } from '../helpers/app.ts';
import { orgWithMember } from '../helpers/market.ts';
import { uploadDocument } from '../helpers/contracts.ts';

type Who = { cookie: string };

const FORM = {
  projectName: '页岩气压裂返排液处理技术服务',
  contractType: 'service',
  subType: 'service',
  signedOn: '2026-03-02',
  validFrom: '2026-03-02',
  validUntil: '2027-03-01',
  seller: { nature: 'private_enterprise' },
  buyer: { name: '重庆涪陵页岩气开发有限公司', nature: 'state_enterprise', divisionCode: '500102', countryCode: 'CHN' },
  amountFen: 60_0000_00,
  techAmountFen: 60_0000_00,
  techField: 'energy',
  ipType: 'none',
  planSource: 'none',
};

describe.each(engines())('the seller’s choice of station on %s', (engine) => {
  for (const setting of ['off', 'on'] as const)
    describe(`with CONTRACT_STATION_CHOICE ${setting}`, () => {
      let t: TestApp;
      let seller: Awaited<ReturnType<typeof orgWithMember>>;
      let stations: { id: number; code: string; districtCode: string | null }[];
      const as = (who: Who) => ({ headers: { cookie: who.cookie } });
      const post = (url: string, who: Who, body?: unknown) =>
        t.request({
          method: 'POST',
          url,
          ...as(who),
          ...(body !== undefined ? { body: { ...FORM, buyer: { ...FORM.buyer, uscc: uscc('500102') }, ...body } } : {}),
        });
      const count = async () => Number((await t.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM contracts`)).rows[0].n);

      beforeAll(async () => {
        t = await startApp(engine, setting === 'on' ? { CONTRACT_STATION_CHOICE: 'true' } : {});
        seller = await orgWithMember(t, `sc_${setting}_${engine}`, {
          name: `重庆渝北能源技术有限公司${setting}`,
          kinds: ['enterprise'],
          categories: ['transfer'],
          districtCode: '500112',
          uscc: uscc('500112'),
        });
        stations = (await t.request({ url: '/api/v1/contract-stations', ...as(seller) })).json().items;
      });
      afterAll(() => t.close());

      it(setting === 'off' ? 'is refused at its field, naming it, and nothing is written' : 'sends the submission to the chosen station', async () => {
        const listed = (await t.request({ url: '/api/v1/contract-stations', ...as(seller) })).json();
        expect(listed.sellerMayChoose).toBe(setting === 'on');
        const own = stations.find((s) => s.districtCode === '500112')!;
        const other = stations.find((s) => s.districtCode === '500102')!; // 涪陵区
        expect(other.id).not.toBe(own.id);
        const before = await count();
        const res = await post('/api/v1/contracts', seller, { stationId: other.id });
        if (setting === 'off') {
          expect(res.statusCode).toBe(400);
          expect(res.json().error.fields).toEqual([{ path: 'stationId', message: '登记站：本平台未开放自选登记站，合同提交后送往卖方所在区县的登记站。' }]);
          const en = await t.request({ method: 'POST', url: '/api/v1/contracts', ...as(seller), lang: 'en', body: { ...FORM, stationId: other.id } });
          expect(en.json().error.fields[0].message).toContain('choosing a station is not enabled');
          expect(await count()).toBe(before);
          // without a choice the contract goes to the seller's district's station
          const plain = await post('/api/v1/contracts', seller, {});
          expect(plain.statusCode, plain.body).toBe(201);
          expect((await uploadDocument(t, plain.json().id, seller)).statusCode).toBe(200);
          const sub = await t.request({ method: 'POST', url: `/api/v1/contracts/${plain.json().id}/submit`, ...as(seller) });
          expect(sub.json().station).toMatchObject({ id: own.id });
          return;
        }
        expect(res.statusCode, res.body).toBe(201);
        const id = res.json().id;
        expect(res.json().station).toMatchObject({ id: other.id, code: other.code });
        // the seller may change its mind in the draft (and withdraw the choice: null)
        const patched = await t.request({
          method: 'PATCH',
          url: `/api/v1/contracts/${id}`,
          ...as(seller),
          body: { version: res.json().version, stationId: null },
        });
        expect(patched.statusCode, patched.body).toBe(200);
        expect(patched.json().station).toBeNull();
        const again = await t.request({
          method: 'PATCH',
          url: `/api/v1/contracts/${id}`,
          ...as(seller),
          body: { version: patched.json().version, stationId: other.id },
        });
        expect(again.json().station).toMatchObject({ id: other.id });
        expect((await uploadDocument(t, id, seller)).statusCode).toBe(200);
        const sub = await t.request({ method: 'POST', url: `/api/v1/contracts/${id}/submit`, ...as(seller) });
        expect(sub.statusCode, sub.body).toBe(200);
        expect(sub.json()).toMatchObject({ status: 'submitted', station: { id: other.id, code: other.code } });
        const h = await t.db.query<{ detail: { chosenStationId?: number } }>(
          sql`SELECT detail FROM audit_log WHERE type = 'contract.create' AND subject_id = ${String(id)}`,
        );
        expect(h.rows[0].detail.chosenStationId).toBe(other.id);
      });

      if (setting === 'on')
        it('refuses an unknown station, and a change once a station has the contract', async () => {
          const before = await count();
          const res = await post('/api/v1/contracts', seller, { stationId: 999_999 });
          expect(res.statusCode).toBe(400);
          expect(res.json().error.fields).toEqual([{ path: 'stationId', message: '登记站：所选登记站不存在或已停用，请从列表中选择。' }]);
          expect((await post('/api/v1/contracts', seller, { stationId: 'S07' })).statusCode).toBe(400);
          expect(await count()).toBe(before);
          // returned for correction: the station that asked keeps it
          const own = stations.find((s) => s.districtCode === '500112')!;
          const other = stations.find((s) => s.districtCode === '500102')!;
          const d = (await post('/api/v1/contracts', seller, { stationId: own.id })).json();
          await uploadDocument(t, d.id, seller);
          await t.request({ method: 'POST', url: `/api/v1/contracts/${d.id}/submit`, ...as(seller) });
          await t.db.query(sql`UPDATE contracts SET status = 'needs_correction' WHERE id = ${d.id}`);
          const current = (await t.request({ url: `/api/v1/contracts/${d.id}`, ...as(seller) })).json();
          const moved = await t.request({
            method: 'PATCH',
            url: `/api/v1/contracts/${d.id}`,
            ...as(seller),
            body: { version: current.version, stationId: other.id },
          });
          expect(moved.statusCode).toBe(400);
          expect(moved.json().error.fields[0]).toMatchObject({ path: 'stationId', message: expect.stringContaining('只能在草稿中选择登记站') });
          expect((await t.request({ url: `/api/v1/contracts/${d.id}`, ...as(seller) })).json()).toMatchObject({
            version: current.version,
            station: { id: own.id },
          });
        });
    });
});
