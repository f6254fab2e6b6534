/**
 * Decisions in every module reach the one audit trail: a booking approved, a listing reviewed, a list
 * published, reference data changed, a directory export with contacts, and an import. Each entry names
 * who decided, on what, and from where.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { at, createInstrument, item, ownerOrg } from '../helpers/instruments.ts';
import { achievementInput, orgWithMember } from '../helpers/market.ts';

describe.each(engines())('decisions in the audit trail (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(engine, { MARKET_REVIEW: 'true' });
  });
  afterAll(() => t?.close());

  const latest = async (type: string) => (await t.request({ url: `/api/v1/audit?type=${type}`, role: 'admin' })).json().items[0];

  it('a booking approved by its owner', async () => {
    const lab = await ownerOrg(t, 'audit-lab');
    const instrument = await createInstrument(t, lab.orgId, { name: '激光共聚焦显微镜' });
    const booked = await t.request({
      method: 'POST',
      url: '/api/v1/bookings',
      role: 'member',
      body: { items: [item(instrument, at(2, '09:00'), at(2, '10:00'))] },
    });
    const id = booked.json().items[0].id;
    expect(
      (await t.request({ method: 'POST', url: `/api/v1/bookings/${id}/approve`, headers: { cookie: lab.cookie, 'user-agent': 'audit-test/1.0' }, body: {} }))
        .statusCode,
    ).toBe(200);
    expect(await latest('instruments.booking_approve')).toMatchObject({
      typeLabel: '批准预约',
      actorName: 'audit-lab',
      subjectType: 'booking',
      subjectId: String(id),
      userAgent: 'audit-test/1.0',
      detail: { from: 'pending', to: 'confirmed', instrument: '激光共聚焦显微镜' },
    });
  });

  it('a listing submitted and returned in review', async () => {
    const owner = await orgWithMember(t, 'audit-owner', { kinds: ['research_institute'] });
    const created = await t.request({ method: 'POST', url: '/api/v1/achievements', headers: { cookie: owner.cookie }, body: achievementInput() });
    const id = created.json().id;
    await t.request({ method: 'POST', url: `/api/v1/achievements/${id}/publish`, headers: { cookie: owner.cookie } });
    const review = await t.request({
      method: 'POST',
      url: `/api/v1/achievements/${id}/review`,
      role: 'admin',
      body: { approve: false, reason: '请补充知识产权证明' },
    });
    expect(review.statusCode).toBe(200);
    expect(await latest('market.achievement_return')).toMatchObject({
      actorName: 'admin',
      subjectId: String(id),
      detail: { to: 'draft', reason: '请补充知识产权证明' },
    });
    expect(await latest('market.achievement_publish')).toMatchObject({ actorName: 'audit-owner', detail: { to: 'in_review' } });
  });

  it('a list published, a division changed, and a signed-in export with contacts', async () => {
    expect((await t.request({ method: 'POST', url: '/api/v1/publications', role: 'admin', body: { title: '审计测试清单', filters: {} } })).statusCode).toBe(
      201,
    );
    expect(await latest('directory.publication_published')).toMatchObject({ actorName: 'admin', detail: { title: '审计测试清单' } });

    const division = await t.request({ method: 'PATCH', url: '/api/v1/reference/divisions/500103', role: 'admin', body: { note: '审计测试' } });
    expect(division.statusCode).toBe(200);
    expect(await latest('reference.division_updated')).toMatchObject({ districtCode: '500103', detail: { after: { note: '审计测试' } } });

    expect((await t.request({ url: '/api/v1/orgs/export?format=csv', role: 'district' })).statusCode).toBe(200);
    expect(await latest('directory.exported')).toMatchObject({ actorName: 'district', districtCode: '500103', detail: { personalData: true } });
    // anonymous exports show no contacts, and leave no entry
    const before = (await t.request({ url: '/api/v1/audit?type=directory.exported', role: 'admin' })).json().total;
    await t.request({ url: '/api/v1/orgs/export?format=csv' });
    expect((await t.request({ url: '/api/v1/audit?type=directory.exported', role: 'admin' })).json().total).toBe(before);

    const chain = (await t.request({ url: '/api/v1/audit/verify', role: 'admin' })).json();
    expect(chain).toMatchObject({ ok: true });
  });
});
