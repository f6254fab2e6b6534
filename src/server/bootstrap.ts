/**
 * First-start setup: reference data, the admin account, and in demo mode the demo accounts and
 * generated organizations. Everything here is idempotent; a restart changes nothing.
 * main.ts runs the two halves apart: what every request needs (`prepare`) before it listens, the demo data
 * (`seedDemo`, ~10 s of CPU on a fresh directory) after, while the pages say it is loading.
 */
import crypto from 'node:crypto';
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import { sql } from './platform/db/sql.ts';
import { seedReferenceData } from './modules/reference/index.ts';
import type { Services } from './app.ts';
import { generateOrgs, type OrgInput } from './modules/directory/index.ts';
import { seedDemoInstruments } from './modules/instruments/index.ts';
import { seedDemoMarket } from './modules/market/index.ts';
import { seedDemoServices } from './modules/services/index.ts';
import { seedDemoContracts } from './modules/contracts/index.ts';
import { seedDemoVouchers } from './demo-vouchers.ts';
import { type StartPhases, untimed } from './platform/start-phases.ts';

export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_USERS } from './demo-accounts.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-accounts.ts';

export async function bootstrap(
  db: Database,
  config: Config,
  services: Services,
  say: (line: string) => void,
  phases: Pick<StartPhases, 'part'> = untimed,
): Promise<void> {
  await prepare(db, config, services, say, phases);
  await seedDemo(db, config, services, say, phases);
}

/** Reference data and the admin account: what the server needs before it takes a request. */
export async function prepare(
  db: Database,
  config: Config,
  services: Services,
  say: (line: string) => void,
  phases: Pick<StartPhases, 'part'> = untimed,
): Promise<void> {
  await phases.part('reference', () => seedReferenceData(db));
  // imports a dead process left 'running' can never finish: say so on the job, with what to do
  const abandoned = await services.imports.failAbandoned();
  if (abandoned) say(`Marked ${abandoned} interrupted import job(s) failed (their process is gone).`);

  if (!(await services.auth.userExists('admin'))) {
    const password = config.adminPassword ?? crypto.randomBytes(12).toString('base64url');
    await phases.part('admin', () => services.auth.createUser({ username: 'admin', password, role: 'admin', displayName: '系统管理员' }));
    if (config.adminPassword) say('Created user "admin" with the password in ADMIN_PASSWORD.');
    else say(`Created user "admin" with password: ${password}   (shown once; set ADMIN_PASSWORD to choose it)`);
  }
}

/** In demo mode: the demo organizations, accounts, instruments, market, services, vouchers and contracts (once). */
export async function seedDemo(
  db: Database,
  config: Config,
  services: Services,
  say: (line: string) => void,
  phases: Pick<StartPhases, 'part'> = untimed,
): Promise<void> {
  if (!config.demo) return;
  const { rows } = await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orgs`);
  if (rows[0].n === 0 && config.demoOrgCount > 0) {
    await phases.part('orgs', async () => {
      // made and written 200 at a time, with a turn of the event loop between: the server already answers
      // requests while this runs, and on the embedded database each statement holds the event loop
      const orgs = generateOrgs(config.demoOrgCount);
      let loaded = 0;
      for (;;) {
        const chunk: OrgInput[] = [];
        while (chunk.length < 200) {
          const next = orgs.next();
          if (next.done) break;
          chunk.push(next.value);
        }
        if (!chunk.length) break;
        await db.transaction((tx) =>
          services.directory.repo
            .with(tx)
            .insertMany(chunk)
            .then(() => undefined),
        );
        loaded += chunk.length;
        await new Promise((resolve) => setImmediate(resolve));
      }
      say(`Loaded ${loaded} demo organizations.`);
    });
  }
  // the demo member is an enterprise (a buyer of services), not one of the instrument owners
  const firstOrg = (
    await db.query<{ id: number; name: string }>(sql`
    SELECT id, name FROM orgs ORDER BY (kinds @> '{enterprise}' AND NOT kinds && '{university,research_institute}' AND NOT categories && '{testing,rd}') DESC, id LIMIT 1`)
  ).rows[0];
  await phases.part('accounts', async () => {
    for (const u of DEMO_USERS) {
      if (await services.auth.userExists(u.username)) continue;
      if (u.role === 'org_member' && !firstOrg) continue;
      await services.auth.createUser({
        ...u,
        password: DEMO_PASSWORD,
        orgId: u.role === 'org_member' ? firstOrg.id : null,
        districtCode: u.districtCode ?? null,
      });
    }
  });
  await phases.part('instruments', () => seedDemoInstruments(db, services.auth, services.instruments, config.demoInstrumentCount, DEMO_PASSWORD, say));
  await phases.part('market', () => seedDemoMarket(db, services.auth, services.market, DEMO_PASSWORD, say));
  await phases.part('services', () => seedDemoServices(db, services.reference, say));
  await phases.part('vouchers', () => seedDemoVouchers(db, services, say));
  await phases.part('contracts', () => seedDemoContracts(services.auth, services.market, services.contracts, say));
  // a 渝中区 round past its deadline: the late list, 催报 and bulk filing have something to show
  await phases.part('surveys', () => services.surveys.seedDemo(say));
  say(
    `Demo accounts (password "${DEMO_PASSWORD}"): demo-lab, demo-lab2 (instrument owners; demo-lab's institute also offers achievements), demo-expert (an expert of demo-lab's institute), demo-admin (市级管理员 city admin), demo-district (渝中区管理员 district admin), demo-member (机构用户 org member${firstOrg ? `: ${firstOrg.name}` : ''}), demo-station (技术合同登记站 registration station staff)`,
  );
}
