/**
 * Demo mode: the hand-written achievements, demands and experts of demo-data.ts, published through
 * the services (so search columns, word statistics, history and events are exactly as in use), an
 * expert account (demo-expert, who has not yet agreed to show their contact data) and one open
 * deal. Demands are published first, so the achievements' publication alerts demo-member.
 */
import type { Database } from '../../platform/db/database.ts';
import { sql } from '../../platform/db/sql.ts';
import type { AuthService, CurrentUser } from '../auth/index.ts';
import { orgsTable } from '../directory/index.ts';
import type { AchievementService } from './achievements/service.ts';
import type { DemandService } from './demands/service.ts';
import type { ExpertService } from './experts/service.ts';
import type { DealService } from './deals/service.ts';
import { DEMO_ACHIEVEMENTS, DEMO_DEMANDS, DEMO_EXPERTS } from './demo-data.ts';
import type { AchievementInput } from './achievements/schemas.ts';
import type { DemandInput } from './demands/schemas.ts';
import type { ExpertInput } from './experts/schemas.ts';

/** The market's services the demo data goes through (the Market face has them). */
export interface DemoMarket {
  achievements: AchievementService;
  demands: DemandService;
  experts: ExpertService;
  deals: DealService;
}

const SYSTEM: CurrentUser = { id: 0, username: 'system', displayName: '演示数据', role: 'admin', orgId: null, districtCode: null };
const DAY = 86400_000;

export async function seedDemoMarket(db: Database, auth: AuthService, market: DemoMarket, password: string, say: (s: string) => void): Promise<void> {
  const { rows: existing } = await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM achievements`);
  if (existing[0].n > 0) return;
  const lab = await auth.userByUsername('demo-lab');
  const lab2 = await auth.userByUsername('demo-lab2');
  const member = await auth.userByUsername('demo-member');
  if (!lab?.orgId || !lab2?.orgId || !member?.orgId) return;
  // owners: demo-lab's and demo-lab2's organizations, then other universities and institutes
  const { rows: others } = await db.query<{ id: number }>(sql`
    SELECT o.id FROM ${orgsTable('o')} WHERE o.kinds && '{university,research_institute}'::text[] AND NOT o.id = ANY(${[lab.orgId, lab2.orgId]}::bigint[]) ORDER BY o.id LIMIT 8`);
  const owners = [lab.orgId, lab2.orgId, ...others.map((o) => Number(o.id))];
  const owner = (n: number) => owners[n % owners.length];
  const { rows: firms } = await db.query<{ id: number }>(sql`
    SELECT o.id FROM ${orgsTable('o')} WHERE 'enterprise' = ANY(o.kinds) AND o.id <> ${member.orgId} AND NOT o.kinds && '{university,research_institute}'::text[] ORDER BY o.id LIMIT 8`);
  const demandOrgs = [member.orgId, ...firms.map((f) => Number(f.id))];

  // the expert pool; the first expert is demo-expert's own profile
  if (!(await auth.userExists('demo-expert')))
    await auth.createUser({ username: 'demo-expert', displayName: '陈志远（演示专家）', role: 'org_member', password, orgId: lab.orgId });
  const expertUser = (await auth.userByUsername('demo-expert'))!;
  const expertIds: number[] = [];
  for (const [n, e] of DEMO_EXPERTS.entries()) {
    const input: ExpertInput = {
      name: e.name,
      title: e.title,
      affiliationOrgId: owner(e.affiliation),
      fields: e.fields,
      keywords: e.keywords,
      biography: e.biography,
      consulting: e.consulting,
      consultingNote: e.consulting ? '工作日可预约线上或现场咨询' : null,
      techManagerGrade: e.grade,
      commissioner: e.commissioner,
      phone: `1390236${String(1000 + n).padStart(4, '0')}`,
      email: `expert${n + 1}@example.cn`,
      status: 'active',
      userId: n === 0 ? expertUser.id : null,
    };
    const created = await market.experts.create(input, SYSTEM);
    // most experts have agreed to show their contact data; demo-expert decides for themself
    if (n > 0 && n % 3 !== 2) await db.query(sql`UPDATE experts SET contact_consent = true, contact_consent_at = now() WHERE id = ${created.id}`);
    expertIds.push(created.id);
  }

  const publish = async (kind: 'achievements' | 'demands', id: number) => {
    const svc = kind === 'achievements' ? market.achievements : market.demands;
    const after = await svc.transition(id, 'publish', SYSTEM);
    if (after.status === 'in_review') await svc.transition(id, 'approve', SYSTEM);
  };

  for (const [n, d] of DEMO_DEMANDS.entries()) {
    const input: DemandInput = {
      orgId: demandOrgs[d.org % demandOrgs.length],
      title: d.title,
      description: d.description,
      industryCode: d.industry,
      disciplineCode: null,
      maturityNeeded: d.maturity,
      budgetNegotiable: d.budget == null,
      budgetFen: d.budget == null ? null : d.budget * 10000 * 100,
      deadline: new Date(Date.now() + d.deadlineDays * DAY).toISOString().slice(0, 10),
      cooperationModes: d.modes as DemandInput['cooperationModes'],
      contactName: d.contact,
      contactPhone: `1380236${String(2000 + n).padStart(4, '0')}`,
    };
    const created = await market.demands.create(input, SYSTEM);
    await publish('demands', created.id);
  }

  const achievementIds: number[] = [];
  for (const a of DEMO_ACHIEVEMENTS) {
    const input: AchievementInput = {
      ownerOrgId: owner(a.owner),
      title: a.title,
      abstract: a.abstract,
      keywords: a.keywords,
      disciplineCode: a.discipline,
      industryCode: a.industry,
      maturity: a.maturity,
      trl: a.trl,
      ip: a.ip.map(([type, number]) => ({ type: type as AchievementInput['ip'][number]['type'], number })),
      transferModes: a.modes as AchievementInput['transferModes'],
      priceNegotiable: a.price == null,
      priceMinFen: a.price ? a.price[0] * 10000 * 100 : null,
      priceMaxFen: a.price ? a.price[1] * 10000 * 100 : null,
      inventorIds: a.inventors.map((i) => expertIds[i]).filter(Boolean),
    };
    const created = await market.achievements.create(input, SYSTEM);
    await publish('achievements', created.id);
    achievementIds.push(created.id);
  }

  // one conversation under way: demo-member asks demo-lab about the solid electrolyte
  const { id: dealId } = await market.deals.open(
    { achievementId: achievementIds[0], message: '您好，我们是动力电池包企业，想了解固态电解质技术的许可方式和中试线要求，能否安排一次交流？' },
    member,
  );
  await market.deals.reply(dealId, '欢迎交流。技术可独占或普通许可，中试线需要干燥间和手套箱，下周二可以来院里面谈。', lab);
  say(
    `Loaded ${DEMO_ACHIEVEMENTS.length} demo achievements, ${DEMO_DEMANDS.length} demands and ${DEMO_EXPERTS.length} experts; demo-expert is 陈志远's own account.`,
  );
}
