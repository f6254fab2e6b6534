/**
 * SQL fragments of the instruments' tables for other modules (the market's cross-kind search and
 * matching). The table names stay here with their owner; a query elsewhere reads only these columns:
 *   instruments: id, name, model, capabilities, specifications, class_code, district_code, owner_org_id,
 *                status, sharing_mode, updated_at, search_document, name_folded, name_pinyin
 */
import { sql, type Sql } from '../../platform/db/sql.ts';

/** `instruments <alias>`, as the FROM of a search or matching query over instruments. */
export const instrumentsTable = (alias = 'x'): Sql => sql.raw(`instruments ${alias}`);

/** Instruments an outsider could book: in service and not for the owner's members only. */
export const openToOutsiders = (alias = 'x'): Sql => sql.raw(`${alias}.status = 'in_service' AND ${alias}.sharing_mode <> 'members'`);
