/**
 * Applies the SQL files of src/server/db/migrations in name order, each once, each in its own
 * transaction. A session advisory lock makes two app processes starting at once against one
 * PostgreSQL take turns: the second finds everything applied and does nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from './sql.ts';
import type { Database } from './database.ts';
import { MIGRATIONS_DIR } from './migrations-dir.ts';

const MIGRATION_LOCK_KEY = 4_211_725; // arbitrary, constant: "kefutong migrations"

export async function migrate(db: Database, log: (msg: string) => void = () => {}): Promise<string[]> {
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return db.withAdvisoryLock(MIGRATION_LOCK_KEY, async (conn) => {
    await conn.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await conn.query<{ name: string }>(sql`SELECT name FROM schema_migrations`)).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      const script = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
      const escaped = file.replace(/'/g, "''");
      await conn.exec(`BEGIN;\n${script}\n;INSERT INTO schema_migrations (name) VALUES ('${escaped}');\nCOMMIT;`).catch(async (err) => {
        await conn.exec('ROLLBACK').catch(() => {});
        throw new Error(`migration ${file} failed: ${(err as Error).message}`);
      });
      log(`applied migration ${file}`);
      applied.push(file);
    }
    // a database made from nothing and now migrated is what the next fresh one can start from
    await conn.keepAsTemplate?.();
    return applied;
  });
}
