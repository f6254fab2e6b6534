/** SQL on organization relations and the legal representative column (both the directory's). */
import type { Queryable } from '../../../platform/db/database.ts';
import { sql } from '../../../platform/db/sql.ts';
import type { OrgRelation, OrgRelationKind, RelatedReason } from './schemas.ts';

export class RelationRepository {
  constructor(private readonly db: Queryable) {}
  with(tx: Queryable) {
    return new RelationRepository(tx);
  }

  async legalRepresentative(orgId: number): Promise<string | null> {
    const { rows } = await this.db.query<{ r: string | null }>(sql`SELECT legal_representative AS r FROM orgs WHERE id = ${orgId}`);
    return rows[0]?.r ?? null;
  }

  async setLegalRepresentative(orgId: number, name: string | null): Promise<void> {
    await this.db.query(sql`UPDATE orgs SET legal_representative = ${name}, updated_at = now() WHERE id = ${orgId}`);
  }

  async list(orgId: number): Promise<OrgRelation[]> {
    const { rows } = await this.db.query<{ id: number; kind: OrgRelationKind; direction: 'outgoing' | 'incoming'; other_id: number; other_name: string }>(sql`
      SELECT r.id, r.kind, CASE WHEN r.from_org_id = ${orgId} THEN 'outgoing' ELSE 'incoming' END AS direction, o.id AS other_id, o.name AS other_name
      FROM org_relations r JOIN orgs o ON o.id = CASE WHEN r.from_org_id = ${orgId} THEN r.to_org_id ELSE r.from_org_id END
      WHERE r.from_org_id = ${orgId} OR r.to_org_id = ${orgId} ORDER BY r.kind, o.name`);
    return rows.map((r) => ({ id: Number(r.id), kind: r.kind, direction: r.direction, org: { id: Number(r.other_id), name: r.other_name } }));
  }

  /** The new relation's id; null when it was there already. */
  async add(kind: OrgRelationKind, fromOrgId: number, toOrgId: number, userId: number): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO org_relations (kind, from_org_id, to_org_id, created_by) VALUES (${kind}, ${fromOrgId}, ${toOrgId}, ${userId})
      ON CONFLICT (kind, from_org_id, to_org_id) DO NOTHING RETURNING id`);
    return rows[0] ? Number(rows[0].id) : null;
  }

  async remove(orgId: number, relationId: number): Promise<{ kind: OrgRelationKind; fromOrgId: number; toOrgId: number } | null> {
    const { rows } = await this.db.query<{ kind: OrgRelationKind; from_org_id: number; to_org_id: number }>(sql`
      DELETE FROM org_relations WHERE id = ${relationId} AND (from_org_id = ${orgId} OR to_org_id = ${orgId}) RETURNING kind, from_org_id, to_org_id`);
    return rows[0] ? { kind: rows[0].kind, fromOrgId: Number(rows[0].from_org_id), toOrgId: Number(rows[0].to_org_id) } : null;
  }

  /**
   * Whether a and b are related, and how (as seen from a): one query, for the checkout's hot path. A parent
   * relation counts through one level (parent, subsidiary); siblings under one parent share a legal person's
   * control and are caught by the legal representative where the directory records it.
   */
  async related(a: number, b: number): Promise<RelatedReason | null> {
    if (a === b) return 'same_org';
    const { rows } = await this.db.query<{ reason: RelatedReason }>(sql`
      SELECT 'subsidiary' AS reason FROM org_relations WHERE kind = 'parent_of' AND from_org_id = ${b} AND to_org_id = ${a}
      UNION ALL SELECT 'parent' FROM org_relations WHERE kind = 'parent_of' AND from_org_id = ${a} AND to_org_id = ${b}
      UNION ALL SELECT 'shared_legal_representative' FROM orgs x JOIN orgs y ON y.id = ${b}
        WHERE x.id = ${a} AND x.legal_representative IS NOT NULL AND x.legal_representative = y.legal_representative
      LIMIT 1`);
    return rows[0]?.reason ?? null;
  }

  /** The incubators (organizations of kind incubator) that host this organization. */
  async incubators(orgId: number): Promise<number[]> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      SELECT o.id FROM org_relations r JOIN orgs o ON o.id = r.from_org_id
      WHERE r.kind = 'incubates' AND r.to_org_id = ${orgId} AND 'incubator' = ANY (o.kinds)`);
    return rows.map((r) => Number(r.id));
  }
}
