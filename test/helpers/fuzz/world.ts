/**
 * The rows the fuzz cases point at: one of each resource, so that a path id names a real row and a handler
 * that validation lets through really runs. Returns the values for each path parameter, by operation path,
 * and valid bodies for the operations whose schema alone cannot make one.
 */
import type { TestApp } from '../app.ts';
import { orgInput } from '../app.ts';
import { at, createInstrument, instrumentInput, item, ownerOrg } from '../instruments.ts';
import { achievementInput, demandInput, published } from '../market.ts';

export interface World {
  pathValues(path: string): Record<string, string>;
  baselineBody(operationId: string): unknown;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const ok = async (what: string, res: { statusCode: number; body: string; json: () => { id: number } }) => {
    if (res.statusCode >= 300) throw new Error(`fuzz world: ${what}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const lab = await ownerOrg(t, 'fuzz-lab', '重庆模糊测试研究院');
  const instrumentId = await createInstrument(t, lab.orgId);
  const booking = await ok(
    'booking',
    await t.request({ method: 'POST', url: '/api/v1/bookings', role: 'member', body: { items: [item(instrumentId, at(3, '09:00'), at(3, '10:00'))] } }),
  );
  const bookingId = (booking as unknown as { items: { id: number }[] }).items[0].id;
  const achievementId = await published(t, 'achievements', lab.cookie, achievementInput());
  const demandId = await published(t, 'demands', t.cookies.member, demandInput());
  const expert = await ok('expert', await t.request({ method: 'POST', url: '/api/v1/experts', role: 'admin', body: { name: '模糊测试专家' } }));
  const deal = await ok(
    'deal',
    await t.request({ method: 'POST', url: '/api/v1/deals', role: 'member', body: { achievementId, message: '希望了解许可条件' } }),
  );
  const synonym = await ok('synonym', await t.request({ method: 'POST', url: '/api/v1/synonyms', role: 'admin', body: { terms: ['植保', '飛防'] } }));
  const techField = (await t.request({ url: '/api/v1/tech-fields' })).json().items[0].code as string;
  const memberUser = (await t.request({ url: '/api/v1/auth/me', role: 'member' })).json().user.id as number;

  const byPrefix: [RegExp, Record<string, string>][] = [
    [/^\/api\/v1\/orgs\/imports\//, { id: '00000000-0000-4000-8000-000000000000' }],
    [/^\/api\/v1\/orgs\//, { id: String(t.memberOrgId) }],
    [/^\/api\/v1\/instruments\//, { id: String(instrumentId), userId: String(memberUser) }],
    [/^\/api\/v1\/bookings\//, { id: String(bookingId) }],
    [/^\/api\/v1\/achievements\//, { id: String(achievementId) }],
    [/^\/api\/v1\/demands\//, { id: String(demandId) }],
    [/^\/api\/v1\/experts\//, { id: String(expert.id) }],
    [/^\/api\/v1\/deals\//, { id: String(deal.id) }],
    [/^\/api\/v1\/synonyms\//, { id: String(synonym.id) }],
    [/^\/api\/v1\/tech-fields\//, { code: techField }],
    [/^\/api\/v1\/reference\/categories\//, { code: 'testing' }],
    [/^\/api\/v1\/reference\/divisions\//, { code: '500103' }],
    [/^\/api\/v1\/reference\/\{kind\}/, { kind: 'categories', code: 'testing' }],
    [/^\/api\/v1\/instrument-classes\//, { code: 'analytical' }],
  ];
  const bodies: Record<string, unknown> = {
    signIn: { username: 'nobody', password: 'not-the-password' },
    createOrg: orgInput(),
    createInstrument: instrumentInput({ ownerOrgId: lab.orgId }),
    quoteBookings: { items: [item(instrumentId, at(4, '09:00'), at(4, '10:00'))] },
    createBookings: { items: [item(instrumentId, at(4, '09:00'), at(4, '10:00'))] },
    createAchievement: achievementInput(),
    createDemand: demandInput(),
    createExpert: { name: '模糊测试专家二' },
    openDeal: { achievementId, message: '希望进一步洽谈' },
    createSynonymGroup: { terms: ['无人机', '飞行器'] },
    createInstrumentException: { kind: 'closed', start: at(5, '09:00'), end: at(5, '12:00'), reason: '检修' },
    grantInstrumentQualification: { username: 'member' },
    publishList: { title: '模糊测试名单', filters: {} },
  };
  return {
    pathValues: (path) => byPrefix.find(([re]) => re.test(path))?.[1] ?? {},
    baselineBody: (operationId) => bodies[operationId],
  };
}
