/**
 * An accepted filing on the dashboards within the second (issue 14 point 7): the figures an acceptance moves are
 * recounted before the office gets its answer, so a dashboard read right after shows them — no event dispatcher
 * runs here (tests deliver events only when they drain). Exact under concurrent acceptances, and across two app
 * processes on one PostgreSQL database (each recount counts under the figure's lock).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { seedReferenceData } from '../../src/server/modules/reference/service.ts';
import { openDatabase, type Database } from '../../src/server/platform/db/database.ts';
import { migrate } from '../../src/server/platform/db/migrate.ts';
import { engines, freshPostgresDatabase, orgInput, PASSWORD, startApp, type TestApp } from '../helpers/app.ts';

type App = Awaited<ReturnType<typeof buildApp>>;
const SYSTEM = { id: 0, username: 'system', displayName: 'system', role: 'admin' as const, orgId: null, districtCode: null };
const good = (employees: number) => ({
  employees,
  rd_staff: 1,
  revenue: employees * 100_000,
  service_revenue: employees * 50_000,
  rd_spending: 10_000,
  runs_incubator: 'no',
  contact: '张三',
});

interface DashboardIndicator {
  indicator: string;
  scope: string;
  category: string | null;
  trend: { period: string; value: number }[];
}

/** A figure of a dashboard for a period (0 when it has none), read over HTTP as a page would. */
async function figure(app: App['app'], scope: string, indicator: string, period: string, category: string | null = null): Promise<number> {
  const res = await app.inject({ url: `/api/v1/dashboards/${scope}` });
  expect(res.statusCode).toBe(200);
  const i = (res.json().indicators as DashboardIndicator[]).find((x) => x.indicator === indicator && x.scope === scope && x.category === category);
  return i?.trend.find((x) => x.period === period)?.value ?? 0;
}

const login = async (app: App['app'], username: string) => {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
  expect(res.statusCode, res.body).toBe(200);
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
};
const call = (app: App['app'], cookie: string, method: 'GET' | 'POST', url: string, body?: object) =>
  app.inject({ method, url, headers: { cookie }, ...(body ? { payload: body } : {}) });

/**
 * Organizations of 渝中区 (检测), each with a member who submits its filing of a new 2025 round for the district:
 * returns the submitted filings' ids, versions and employees.
 */
async function submittedFilings(app: Pick<App, 'app' | 'services'>, names: string[], admin: string, employees: (i: number) => number) {
  const members: { cookie: string }[] = [];
  for (const [i, name] of names.entries()) {
    const org = await app.services.directory.create(orgInput({ name, districtCode: '500103' }) as never, SYSTEM);
    await app.services.auth.createUser({ username: `fresh${org.id}`, password: PASSWORD, role: 'org_member', displayName: `填报人${i}`, orgId: org.id });
    members.push({ cookie: await login(app.app, `fresh${org.id}`) });
  }
  const forms = (await call(app.app, admin, 'GET', '/api/v1/survey-forms')).json().items as { id: number; code: string }[];
  const round = await call(app.app, admin, 'POST', '/api/v1/survey-rounds', {
    formId: forms.find((f) => f.code === 'kf_annual')!.id,
    titleZh: '2025年度渝中区科技服务业统计调查',
    frequency: 'annual',
    period: '2025',
    deadline: '2099-12-31',
    population: { kinds: [], categories: [], districts: ['500103'] },
  });
  expect(round.statusCode, round.body).toBe(201);
  const out: { id: number; version: number; employees: number }[] = [];
  for (const [i, m] of members.entries()) {
    const id = (await call(app.app, m.cookie, 'GET', `/api/v1/survey-filings?round=${round.json().id}`)).json().items[0].id;
    const f = (await call(app.app, m.cookie, 'GET', `/api/v1/survey-filings/${id}`)).json();
    const res = await call(app.app, m.cookie, 'POST', `/api/v1/survey-filings/${id}/submit`, { values: good(employees(i)), version: f.version });
    expect(res.statusCode, res.body).toBe(200);
    out.push({ id, version: res.json().version, employees: employees(i) });
  }
  return out;
}

describe.each(engines())('an accepted filing on the dashboards on %s', (engine) => {
  let t: TestApp;
  let filings: { id: number; version: number; employees: number }[];
  const accept = (f: { id: number; version: number }) =>
    t.request({ method: 'POST', url: `/api/v1/survey-filings/${f.id}/review`, role: 'district', body: { decision: 'accept', version: f.version } });

  beforeAll(async () => {
    t = await startApp(engine);
    await t.services.surveys.start();
    await t.services.statistics.start();
    const names = ['重庆鲜数检测技术有限公司', '重庆即见计量检测有限公司', '重庆同步检验科技有限公司', '重庆并行检测服务有限公司', '重庆合计认证技术有限公司'];
    filings = await submittedFilings(t, names, t.cookies.admin, (i) => 11 + i * 10);
  });
  afterAll(() => t.close());

  it('shows the figures as soon as the acceptance answers: the city, the district and the category, without the event dispatcher', async () => {
    expect(await figure(t.app, 'chongqing', 'employees', '2025')).toBe(0);
    const res = await accept(filings[0]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('accepted');
    // read straight after the answer: nothing drained the outbox
    expect(await figure(t.app, 'chongqing', 'employees', '2025')).toBe(11);
    expect(await figure(t.app, 'district:500103', 'employees', '2025')).toBe(11);
    expect(await figure(t.app, 'chongqing', 'revenue', '2025', 'testing')).toBe(1_100_000);
    // a category the organization is not in does not move
    expect(await figure(t.app, 'chongqing', 'revenue', '2025', 'rd')).toBe(0);
    // the event, delivered afterwards, changes nothing (the acceptance added its figures in its own transaction)
    await t.services.events.drain();
    await t.services.statistics.service.settled();
    expect(await figure(t.app, 'chongqing', 'employees', '2025')).toBe(11);
  });

  it('counts exactly under concurrent acceptances', async () => {
    const rest = filings.slice(1);
    const answers = await Promise.all(rest.map(accept));
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    const total = filings.reduce((s, f) => s + f.employees, 0);
    expect(await figure(t.app, 'chongqing', 'employees', '2025')).toBe(total);
    expect(await figure(t.app, 'district:500103', 'employees', '2025')).toBe(total);
    expect(await figure(t.app, 'chongqing', 'revenue', '2025')).toBe(total * 100_000);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('an accepted filing on the dashboards with two app processes on one PostgreSQL database', () => {
  let drop: () => Promise<void>;
  const dbs: Database[] = [];
  const apps: App[] = [];
  beforeAll(async () => {
    const scratch = await freshPostgresDatabase();
    drop = scratch.drop;
    const config = loadConfig({
      DEMO: 'false',
      RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
      RATE_LIMIT_LOGINS_PER_MINUTE: '1000000',
      OVERLOAD_EVENT_LOOP_DELAY_MS: '0',
    });
    for (let i = 0; i < 2; i++) dbs.push(await openDatabase({ databaseUrl: scratch.url, poolSize: 10 }));
    await migrate(dbs[0]);
    await seedReferenceData(dbs[0]);
    for (const db of dbs) {
      const built = await buildApp({ config, db });
      await built.app.ready();
      apps.push(built);
    }
    for (const a of apps) await a.services.surveys.start();
    for (const a of apps) await a.services.statistics.start();
  });
  afterAll(async () => {
    for (const a of apps) await a.app.close();
    for (const db of dbs) await db.close();
    await drop?.();
  });

  it('shows on the other process at once, and stays exact when both accept at the same time', async () => {
    const [one, two] = apps;
    await one.services.auth.createUser({ username: 'admin', password: PASSWORD, role: 'admin', displayName: '管理员' });
    await one.services.auth.createUser({ username: 'yz', password: PASSWORD, role: 'district_admin', displayName: '渝中区', districtCode: '500103' });
    const admin = await login(one.app, 'admin');
    const names = Array.from({ length: 8 }, (_, i) => `重庆双进程第${'一二三四五六七八'[i]}检测技术有限公司`);
    const filings = await submittedFilings(one, names, admin, (i) => 3 + i * 7);
    const office = await login(one.app, 'yz');
    const accept = (app: App, f: { id: number; version: number }) =>
      call(app.app, office, 'POST', `/api/v1/survey-filings/${f.id}/review`, { decision: 'accept', version: f.version });

    // accepted through the first process, read through the second: they share only the database
    expect((await accept(one, filings[0])).statusCode).toBe(200);
    expect(await figure(two.app, 'chongqing', 'employees', '2025')).toBe(3);
    // the other seven at once, alternating between the processes
    const answers = await Promise.all(filings.slice(1).map((f, i) => accept(i % 2 ? one : two, f)));
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    const total = filings.reduce((s, f) => s + f.employees, 0);
    for (const app of apps) {
      expect(await figure(app.app, 'chongqing', 'employees', '2025')).toBe(total);
      expect(await figure(app.app, 'district:500103', 'employees', '2025')).toBe(total);
    }
  });
});
