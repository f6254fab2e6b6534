/**
 * What the market reads of the directory's organizations besides their names (which its queries join
 * through orgJoin): whether one exists. Through the directory's fragment, so the table's name stays
 * with its owner.
 */
import type { Queryable } from '../../platform/db/database.ts';
import { sql } from '../../platform/db/sql.ts';
import { orgsTable } from '../directory/index.ts';

export async function orgExists(db: Queryable, orgId: number): Promise<boolean> {
  const { rows } = await db.query(sql`SELECT 1 FROM ${orgsTable('o')} WHERE o.id = ${orgId}`);
  return rows.length > 0;
}
