/**
 * The audit trail's chain: each entry's hash covers its own fields and the previous entry's hash, so
 * changing, inserting or removing an entry anywhere changes every hash after it. The fields are hashed
 * as one JSON array in a fixed order (not an object: key order would be an accident of the code).
 */
import crypto from 'node:crypto';

/** The hash the first entry of a fresh log points back to. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  id: number;
  at: Date;
  type: string;
  outcome: string;
  actorId: number | null;
  actorName: string | null;
  actorRole: string | null;
  districtCode: string | null;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  detail: unknown;
}

/** JSON with object keys sorted at every depth, so jsonb's own key order (by length, then bytes) cannot change a hash. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export function entryHash(prevHash: string, e: ChainedFields): string {
  const fields = [
    e.id,
    e.at.toISOString(),
    e.type,
    e.outcome,
    e.actorId,
    e.actorName,
    e.actorRole,
    e.districtCode,
    e.subjectType,
    e.subjectId,
    e.ip,
    e.userAgent,
    e.requestId,
    canonicalJson(e.detail),
  ];
  return crypto.createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(fields)).digest('hex');
}
