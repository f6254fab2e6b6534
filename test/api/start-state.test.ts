/**
 * The server listens before its start has finished (main.ts): while the demo data loads, /readyz answers 503
 * "loading" and /api/v1/status names the stage for the pages' banner; /healthz (alive) answers 200 throughout.
 * And the embedded database of a test comes from the migrated template (pglite-template.ts) with every migration in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase, type Database } from '../../src/server/platform/db/database.ts';
import { migrate } from '../../src/server/platform/db/migrate.ts';
import { MIGRATIONS_DIR } from '../../src/server/platform/db/migrations-dir.ts';
import { readTemplate, templatePath, writeTemplate } from '../../src/server/platform/db/pglite-template.ts';
import { sql } from '../../src/server/platform/db/sql.ts';
import { StartState } from '../../src/server/platform/http/start-state.ts';

describe('a server still starting', () => {
  let db: Database;
  const state = new StartState();
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  beforeAll(async () => {
    db = await openDatabase({});
    await migrate(db);
    state.set('loading_demo');
    ({ app } = await buildApp({ config: loadConfig({ DEMO: 'false', OVERLOAD_EVENT_LOOP_DELAY_MS: '0' }), db, startState: state }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('is alive, not ready, and tells the pages which stage it is in', async () => {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const readyz = await app.inject({ url: '/readyz' });
    expect(readyz.statusCode).toBe(503);
    expect(readyz.json()).toEqual({ status: 'loading', stage: 'loading_demo', database: 'pglite' });
    const status = await app.inject({ url: '/api/v1/status' });
    expect(status.json()).toEqual({ stage: 'loading_demo' });
    expect(status.headers['cache-control']).toBe('no-store');

    state.set('counting');
    expect((await app.inject({ url: '/api/v1/status' })).json()).toEqual({ stage: 'counting' });
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(503);

    state.set('ready');
    expect((await app.inject({ url: '/api/v1/status' })).json()).toEqual({ stage: 'ready' });
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });
});

describe('the embedded database template', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kft-template-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const migrations = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort();

  it('gives a fresh data directory every migration without running one, and leaves a used one alone', async () => {
    // the template for these migrations exists once any database was made and migrated in this checkout
    const warm = await openDatabase({});
    await migrate(warm);
    await warm.close();
    expect(fs.existsSync(templatePath())).toBe(true);

    const dataDir = path.join(scratch, 'data');
    const fresh = await openDatabase({ dataDir });
    expect(fresh.keepAsTemplate).toBeUndefined(); // it came from the template: nothing to keep
    expect(await migrate(fresh)).toEqual([]);
    const names = (await fresh.query<{ name: string }>(sql`SELECT name FROM schema_migrations ORDER BY name`)).rows.map((r) => r.name);
    expect(names).toEqual(migrations);
    await fresh.query(sql`INSERT INTO cache_generations (scope, generation) VALUES ('template-test', 1)`);
    await fresh.close();
    expect(fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);

    // reopened: its own files, with what was written, not the template again
    const reopened = await openDatabase({ dataDir });
    const kept = await reopened.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM cache_generations WHERE scope = 'template-test'`);
    expect(kept.rows[0].n).toBe(1);
    await reopened.close();
  });

  it('is named by the migrations, and written whole or not at all', async () => {
    expect(path.basename(templatePath())).toMatch(/^pglite-[\w.]+-[0-9a-f]{16}\.tar$/);
    const file = path.join(scratch, 'nested', 't.tar');
    expect(readTemplate(file)).toBeUndefined();
    await writeTemplate(new Blob([Buffer.from('tar bytes')]), file);
    expect(Buffer.from(await readTemplate(file)!.arrayBuffer()).toString()).toBe('tar bytes');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['t.tar']); // no partial file left beside it
  });
});
