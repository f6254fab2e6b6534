/** Organizations, members and listings for the technology-market API tests. */
import { PASSWORD, orgInput, type TestApp } from './app.ts';

const SYSTEM = { id: 0, username: 'system', displayName: 'system', role: 'admin' as const, orgId: null, districtCode: null };

/** An organization with one member; returns its id, the member's cookie and user id. */
export async function orgWithMember(
  t: TestApp,
  username: string,
  over: Record<string, unknown> = {},
): Promise<{ orgId: number; cookie: string; userId: number }> {
  const org = await t.services.directory.create(orgInput(over) as never, SYSTEM);
  const user = await t.services.auth.createUser({ username, password: PASSWORD, role: 'org_member', displayName: `${username}用户`, orgId: org.id });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
  const c = res.cookies.find((x) => x.name === 'kft_session')!;
  return { orgId: org.id, cookie: `${c.name}=${c.value}`, userId: user.id };
}

export function achievementInput(over: Record<string, unknown> = {}) {
  return {
    title: '高安全性固态锂电池电解质制备技术',
    abstract: '本成果提出一种硫化物固态电解质的低成本制备方法，离子电导率达到每厘米10毫西门子，可用于新能源汽车动力电池，显著提高电池热稳定性和安全性。',
    keywords: ['固态电解质', '锂电池', '动力电池'],
    disciplineCode: 'engineering',
    industryCode: 'energy',
    maturity: 'pilot',
    trl: 6,
    ip: [{ type: 'invention', number: 'ZL202310123456.7' }],
    transferModes: ['license', 'joint_development'],
    priceNegotiable: false,
    priceMinFen: 300_0000_00,
    priceMaxFen: 500_0000_00,
    ...over,
  };
}

export function demandInput(over: Record<string, unknown> = {}) {
  return {
    title: '动力电池热失控防护技术需求',
    description:
      '我公司生产新能源汽车动力电池包，需要提高锂电池在高温和针刺条件下的安全性，寻求固态电解质或阻燃电解液技术，要求完成中试验证，可合作开发或技术许可。',
    industryCode: 'energy',
    maturityNeeded: 'pilot',
    budgetNegotiable: false,
    budgetFen: 800_0000_00,
    deadline: '2027-06-30',
    cooperationModes: ['license', 'joint_development'],
    contactName: '李工',
    contactPhone: '13812345678',
    ...over,
  };
}

/** Creates and publishes; returns the id. */
export async function published(t: TestApp, kind: 'achievements' | 'demands', cookie: string, body: Record<string, unknown>): Promise<number> {
  const res = await t.request({ method: 'POST', url: `/api/v1/${kind}`, headers: { cookie }, body });
  if (res.statusCode !== 201) throw new Error(`create ${kind}: ${res.statusCode} ${res.body}`);
  const id = res.json().id;
  const pub = await t.request({ method: 'POST', url: `/api/v1/${kind}/${id}/publish`, headers: { cookie } });
  if (pub.statusCode !== 200) throw new Error(`publish ${kind}: ${pub.statusCode} ${pub.body}`);
  return id;
}
