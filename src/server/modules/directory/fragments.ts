/**
 * SQL fragments of the directory's tables for other modules' hot paths (joins for an owner's name,
 * the table as a search or matching source). The table names stay here with their owner; a query
 * elsewhere reads only the columns documented below.
 *   orgs: id, name, district_code, categories, kinds, description, updated_at, search_document,
 *         name_folded, name_pinyin
 */
import { sql, type Sql } from '../../platform/db/sql.ts';

/** `JOIN orgs <alias> ON <alias>.id = <on>`. */
export const orgJoin = (alias: string, on: Sql, kind: 'JOIN' | 'LEFT JOIN' = 'JOIN'): Sql =>
  sql`${sql.raw(`${kind} orgs ${alias}`)} ON ${sql.raw(alias)}.id = ${on}`;

/** `orgs <alias>`, as the FROM of a search or matching query over organizations. */
export const orgsTable = (alias = 'x'): Sql => sql.raw(`orgs ${alias}`);
