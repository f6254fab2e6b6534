/** A fingerprint of every table's rows: equal before and after a batch of requests means no row changed. */
import type { Database } from '../../../src/server/platform/db/database.ts';
import { sql } from '../../../src/server/platform/db/sql.ts';

export async function tableNames(db: Database): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

/** md5 of each table's rows (as text, in a fixed order), in one statement. */
export async function fingerprint(db: Database, tables: string[]): Promise<Record<string, string>> {
  const parts = tables.map((t) => `SELECT '${t}' AS t, md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) || ':' || count(*) AS h FROM "${t}" x`);
  const { rows } = await db.query<{ t: string; h: string }>(sql.raw(parts.join(' UNION ALL ')));
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}
