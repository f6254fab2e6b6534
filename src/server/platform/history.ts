/**
 * Change history shared by every module: who changed what, when, and the record before and after.
 * Written in the same transaction as the change itself, so history and data never disagree.
 */
import { sql } from './db/sql.ts';
import type { Queryable } from './db/database.ts';

export interface Actor {
  id: number | null;
  name: string;
}

export async function recordHistory(
  tx: Queryable,
  entry: { entityType: string; entityId: string | number; action: string; actor: Actor; before: unknown; after: unknown },
): Promise<void> {
  await tx.query(sql`
    INSERT INTO entity_history (entity_type, entity_id, action, actor_id, actor_name, before, after)
    VALUES (${entry.entityType}, ${String(entry.entityId)}, ${entry.action}, ${entry.actor.id}, ${entry.actor.name},
            ${entry.before === null ? null : JSON.stringify(entry.before)}::jsonb, ${entry.after === null ? null : JSON.stringify(entry.after)}::jsonb)`);
}

type HistoryInput = Parameters<typeof recordHistory>[1];

/** Many entries in one statement (bulk writes such as the demo catalogue), each as recordHistory writes it. */
export async function recordHistories(tx: Queryable, entries: HistoryInput[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    const rows = entries.slice(i, i + 1000).map(
      (e) => sql`(${e.entityType}, ${String(e.entityId)}, ${e.action}, ${e.actor.id}, ${e.actor.name},
        ${e.before === null ? null : JSON.stringify(e.before)}::jsonb, ${e.after === null ? null : JSON.stringify(e.after)}::jsonb)`,
    );
    await tx.query(sql`INSERT INTO entity_history (entity_type, entity_id, action, actor_id, actor_name, before, after) VALUES ${sql.join(rows)}`);
  }
}

export interface HistoryEntry {
  id: number;
  action: string;
  actorId: number | null;
  actorName: string | null;
  at: Date;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** fields whose value differs between before and after */
  changedFields: string[];
}

export async function listHistory(db: Queryable, entityType: string, entityId: string | number): Promise<HistoryEntry[]> {
  const { rows } = await db.query<{
    id: number;
    action: string;
    actor_id: number | null;
    actor_name: string | null;
    at: Date;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  }>(sql`
    SELECT id, action, actor_id, actor_name, at, before, after FROM entity_history
    WHERE entity_type = ${entityType} AND entity_id = ${String(entityId)} ORDER BY id DESC`);
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    actorId: r.actor_id,
    actorName: r.actor_name,
    at: r.at,
    before: r.before,
    after: r.after,
    changedFields: diffKeys(r.before, r.after),
  }));
}

function diffKeys(a: Record<string, unknown> | null, b: Record<string, unknown> | null): string[] {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  return [...keys].filter((k) => JSON.stringify(a?.[k] ?? null) !== JSON.stringify(b?.[k] ?? null) && !['version', 'updatedAt'].includes(k));
}

/** Many history entries in one statement (imports). */
export async function recordHistoryMany(
  tx: Queryable,
  entries: { entityType: string; entityId: string | number; action: string; actor: Actor; before: unknown; after: unknown }[],
): Promise<void> {
  if (!entries.length) return;
  await tx.query(
    sql`INSERT INTO entity_history (entity_type, entity_id, action, actor_id, actor_name, before, after) VALUES ${sql.join(
      entries.map(
        (e) =>
          sql`(${e.entityType}, ${String(e.entityId)}, ${e.action}, ${e.actor.id}, ${e.actor.name}, ${e.before === null ? null : JSON.stringify(e.before)}::jsonb, ${e.after === null ? null : JSON.stringify(e.after)}::jsonb)`,
      ),
    )}`,
  );
}

/**
 * The fields of a patch that would change the record: an absent (undefined) field changes nothing, and
 * values compare by content (object keys in any order, a Date by its instant). An edit with none is not
 * written: no version bump, no history entry, no event (every PATCH answers it with the record as it is).
 */
export function changedFields(current: object, patch: object): string[] {
  const now = current as Record<string, unknown>;
  return Object.entries(patch)
    .filter(([k, v]) => v !== undefined && canonical(v) !== canonical(now[k] ?? null))
    .map(([k]) => k);
}

function canonical(v: unknown): string {
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}
