/**
 * SQL the two listing kinds (achievements, demands) share: the status row of the life cycle, and the
 * condition of a list for what the viewer may see.
 */
import type { Queryable } from '../../../platform/db/database.ts';
import { sql, type Sql } from '../../../platform/db/sql.ts';
import type { ListingKind, ListingStatus } from '../schemas.ts';

const TABLE = { achievement: { table: 'achievements', org: 'owner_org_id' }, demand: { table: 'demands', org: 'org_id' } } as const;

export class ListingRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): ListingRepository {
    return new ListingRepository(tx);
  }

  /** The listing's status and organization, locked for the transition. */
  async lockStatus(kind: ListingKind, id: number): Promise<{ status: ListingStatus; orgId: number } | null> {
    const t = TABLE[kind];
    const { rows } = await this.db.query<{ status: ListingStatus; org_id: number }>(
      sql`SELECT status, ${sql.raw(t.org)} AS org_id FROM ${sql.raw(t.table)} WHERE id = ${id} FOR UPDATE`,
    );
    return rows[0] ? { status: rows[0].status, orgId: Number(rows[0].org_id) } : null;
  }

  /** The new status, with its dates and the review note (a return's reason; cleared on publication). */
  async setStatus(kind: ListingKind, id: number, to: ListingStatus, returned: boolean, reason: string | null): Promise<void> {
    await this.db.query(sql`
      UPDATE ${sql.raw(TABLE[kind].table)} SET status = ${to}, updated_at = now(), version = version + 1,
        published_at = CASE WHEN ${to} = 'published' THEN now() ELSE published_at END,
        closed_at = CASE WHEN ${to} = 'closed' THEN now() ELSE closed_at END,
        review_note = CASE WHEN ${returned} THEN ${reason} WHEN ${to} = 'published' THEN NULL ELSE review_note END
      WHERE id = ${id}`);
  }
}

/**
 * The conditions of a list query for the statuses asked for: published ones for everybody; drafts and
 * those in review only within the viewer's scope (policy.unpublishedScope: all, or one organization's).
 */
/** Whether a list of these statuses may hold records never published (drafts, in review): they have no publication date. */
export const holdsUnpublished = (statuses: readonly string[] | undefined) => !!statuses?.some((s) => s === 'draft' || s === 'in_review');

export function visibleListingsSql(
  alias: string,
  orgColumn: string,
  statuses: readonly ListingStatus[] | undefined,
  scope: { all: true } | { orgId: number | null },
): Sql[] {
  const wanted = statuses?.length ? statuses : ['published'];
  const col = (c: string) => sql.raw(`${alias}.${c}`);
  const where = [sql`${col('status')} = ANY(${wanted}::text[])`];
  if (holdsUnpublished(wanted) && !('all' in scope)) {
    where.push(
      scope.orgId != null
        ? sql`(${col('status')} IN ('published','closed') OR ${col(orgColumn)} = ${scope.orgId})`
        : sql`${col('status')} IN ('published','closed')`,
    );
  }
  return where;
}
