/**
 * Builds the real application on a real database for API tests: an in-memory PGlite always, and a
 * fresh database on the PostgreSQL server of TEST_DATABASE_URL when it is set. Requests go
 * through Fastify's inject (the full HTTP pipeline: routing, validation, cookies, error handler).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/server/config.ts';
import { openDatabase, type Database } from '../../src/server/platform/db/database.ts';
import { migrate } from '../../src/server/platform/db/migrate.ts';
import { buildApp, type Services } from '../../src/server/app.ts';
import { seedReferenceData } from '../../src/server/modules/reference/service.ts';
import { generateUscc, rng } from '../../src/server/modules/directory/demo/generator.ts';
import { scratchDatabase } from './scratch-db.ts';

export type Engine = 'pglite' | 'postgres';

/** Engines to run API tests on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function engines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export const PASSWORD = 'test-password-1';

export interface TestApp {
  engine: Engine;
  app: FastifyInstance;
  services: Services;
  db: Database;
  config: Config;
  /** session cookie per role: admin, district (渝中区 500103), member (of memberOrgId) */
  cookies: { admin: string; district: string; member: string };
  memberOrgId: number;
  request(opts: {
    method?: string;
    url: string;
    role?: 'admin' | 'district' | 'member';
    body?: unknown;
    lang?: string;
    headers?: Record<string, string>;
    payload?: Buffer | string;
  }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A fresh PostgreSQL database on the test server; dropped by close(). */
export function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  return scratchDatabase(process.env.TEST_DATABASE_URL!, 'kft_test');
}

export async function openTestDatabase(engine: Engine): Promise<{ db: Database; drop: () => Promise<void>; url?: string }> {
  if (engine === 'pglite') return { db: await openDatabase({}), drop: async () => {} };
  const { url, drop } = await freshPostgresDatabase();
  return { db: await openDatabase({ databaseUrl: url, poolSize: 20 }), drop, url };
}

export async function startApp(engine: Engine, env: Record<string, string> = {}): Promise<TestApp> {
  const { db, drop } = await openTestDatabase(engine);
  await migrate(db);
  await seedReferenceData(db);
  // the limits are tested on their own (accounts.test.ts); elsewhere a test may write faster than a person
  // tests move the clock (vi.setSystemTime), which the event-loop guard would read as a lag: it has its own test
  const config = loadConfig({
    DEMO: 'false',
    RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
    RATE_LIMIT_LOGINS_PER_MINUTE: '1000000',
    OVERLOAD_EVENT_LOOP_DELAY_MS: '0',
    ...env,
  });
  const { app, services } = await buildApp({ config, db });
  await app.ready();
  await services.auth.createUser({ username: 'admin', password: PASSWORD, role: 'admin', displayName: '管理员' });
  await services.auth.createUser({ username: 'district', password: PASSWORD, role: 'district_admin', displayName: '渝中区管理员', districtCode: '500103' });
  const memberOrg = await services.directory.create({ ...orgInput({ name: '重庆会员测试科技有限公司', districtCode: '500103' }) } as never, {
    id: 0,
    username: 'system',
    displayName: 'system',
    role: 'admin',
    orgId: null,
    districtCode: null,
  });
  await services.auth.createUser({ username: 'member', password: PASSWORD, role: 'org_member', displayName: '机构用户', orgId: memberOrg.id });

  const login = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'kft_session')!;
    return `${cookie.name}=${cookie.value}`;
  };
  const cookies = { admin: await login('admin'), district: await login('district'), member: await login('member') };

  return {
    engine,
    app,
    services,
    db,
    config,
    cookies,
    memberOrgId: memberOrg.id,
    request({ method = 'GET', url, role, body, lang, headers = {}, payload }) {
      return app.inject({
        method: method as 'GET',
        url,
        headers: { ...(role ? { cookie: cookies[role] } : {}), ...(lang ? { 'accept-language': lang } : {}), ...headers },
        ...(body !== undefined ? { payload: body as object } : payload !== undefined ? { payload } : {}),
      });
    },
    async close() {
      await services.imports.idle();
      await app.close();
      await db.close();
      await drop();
    },
  };
}

const seq = rng(Date.now() % 100000);
/** A valid, unique USCC registered in the given division. */
export function uscc(division = '500103'): string {
  return generateUscc(seq, division);
}

export function orgInput(over: Record<string, unknown> = {}) {
  return {
    uscc: uscc(),
    name: '重庆测试检测技术有限公司',
    kinds: ['service_provider'],
    categories: ['testing'],
    districtCode: '500103',
    address: '重庆市渝中区解放碑1号',
    contactPerson: '张三',
    contactPhone: '023-63001234',
    contactEmail: 'zhangsan@example.cn',
    description: '提供材料检测与计量校准服务',
    formerNames: [],
    recognitions: [],
    ...over,
  };
}
