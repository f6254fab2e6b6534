/**
 * The audit trail (安全审计): one append-only log of security events and decisions, written by every
 * module through `recordAudit`, in the same transaction as the decision it records (so a decision
 * rolled back leaves no entry, and one committed always has its entry).
 *
 * Entries are chained by hash (chain.ts). To chain in commit order, a writer takes a transaction-scoped
 * advisory lock, reads the last entry and appends after it: writers of the log take turns. Call it as
 * the last statement of a transaction, so the lock is held only for the commit.
 */
import { sql } from '../db/sql.ts';
import type { Database, Queryable } from '../db/database.ts';
import { type ChainedFields, entryHash, GENESIS_HASH } from './chain.ts';
import { currentOrigin, type RequestOrigin } from './context.ts';

const AUDIT_LOCK_KEY = 4_211_726; // arbitrary, constant: "kefutong audit chain"

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** Who acted: a signed-in user (id, username, role) or the system (null). */
export interface AuditActor {
  id: number | null;
  username?: string | null;
  name?: string | null;
  role?: string | null;
}

export interface AuditEntryInput {
  /** dotted, by module: 'auth.login_failed', 'directory.org_published', 'market.achievement_reviewed' */
  type: string;
  outcome?: AuditOutcome;
  actor?: AuditActor | null;
  /** the district the entry concerns (its subject's), so that district's office sees it */
  districtCode?: string | null;
  subject?: { type: string; id: string | number } | null;
  /** what was decided and on what: never a password, token or secret */
  detail?: Record<string, unknown>;
  /** defaults to the current request's (context.ts) */
  origin?: RequestOrigin;
}

export interface AuditEntry extends ChainedFields {
  prevHash: string;
  hash: string;
}

interface AuditRow {
  id: number;
  at: Date;
  type: string;
  outcome: string;
  actor_id: number | null;
  actor_name: string | null;
  actor_role: string | null;
  district_code: string | null;
  subject_type: string | null;
  subject_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  id: Number(r.id),
  at: r.at,
  type: r.type,
  outcome: r.outcome,
  actorId: r.actor_id == null ? null : Number(r.actor_id),
  actorName: r.actor_name,
  actorRole: r.actor_role,
  districtCode: r.district_code,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  ip: r.ip,
  userAgent: r.user_agent,
  requestId: r.request_id,
  detail: r.detail ?? {},
  prevHash: r.prev_hash,
  hash: r.hash,
});

const isDatabase = (q: Queryable): q is Database => typeof (q as Database).transaction === 'function';

/** Appends one entry. Given the database rather than a transaction, it runs in a transaction of its own. */
export async function recordAudit(q: Queryable | Database, input: AuditEntryInput): Promise<void> {
  if (isDatabase(q)) return q.transaction((tx) => append(tx, input));
  return append(q, input);
}

async function append(tx: Queryable, input: AuditEntryInput): Promise<void> {
  await tx.query(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const last = (await tx.query<{ id: number; hash: string }>(sql`SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`)).rows[0];
  const origin = input.origin ?? currentOrigin();
  // milliseconds, as JavaScript keeps them: the hash must come out the same when the entry is read back
  const fields: ChainedFields = {
    id: last ? Number(last.id) + 1 : 1,
    at: new Date(),
    type: input.type,
    outcome: input.outcome ?? 'success',
    actorId: input.actor?.id ?? null,
    actorName: input.actor ? (input.actor.username ?? input.actor.name ?? null) : null,
    actorRole: input.actor?.role ?? null,
    districtCode: input.districtCode ?? null,
    subjectType: input.subject?.type ?? null,
    subjectId: input.subject ? String(input.subject.id) : null,
    ip: origin.ip,
    userAgent: origin.userAgent,
    requestId: origin.requestId,
    detail: input.detail ?? {},
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = entryHash(prevHash, fields);
  await tx.query(sql`
    INSERT INTO audit_log (id, at, type, outcome, actor_id, actor_name, actor_role, district_code, subject_type, subject_id,
                           ip, user_agent, request_id, detail, prev_hash, hash)
    VALUES (${fields.id}, ${fields.at}, ${fields.type}, ${fields.outcome}, ${fields.actorId}, ${fields.actorName}, ${fields.actorRole},
            ${fields.districtCode}, ${fields.subjectType}, ${fields.subjectId}, ${fields.ip}, ${fields.userAgent}, ${fields.requestId},
            ${JSON.stringify(fields.detail)}::jsonb, ${prevHash}, ${hash})`);
}

export interface AuditFilter {
  types?: string[];
  /** a type prefix: 'auth.' for every account event */
  typePrefix?: string;
  outcome?: AuditOutcome;
  actorId?: number;
  actorName?: string;
  districtCode?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
}

function where(f: AuditFilter) {
  const c = [sql`TRUE`];
  if (f.types?.length) c.push(sql`type = ANY(${f.types}::text[])`);
  if (f.typePrefix) c.push(sql`starts_with(type, ${f.typePrefix})`);
  if (f.outcome) c.push(sql`outcome = ${f.outcome}`);
  if (f.actorId != null) c.push(sql`actor_id = ${f.actorId}`);
  if (f.actorName) c.push(sql`actor_name = ${f.actorName}`);
  if (f.districtCode) c.push(sql`district_code = ${f.districtCode}`);
  if (f.subjectType) c.push(sql`subject_type = ${f.subjectType}`);
  if (f.subjectId) c.push(sql`subject_id = ${f.subjectId}`);
  if (f.from) c.push(sql`at >= ${f.from}`);
  if (f.to) c.push(sql`at < ${f.to}`);
  return sql.join(c, ' AND ');
}

/** Entries newest first. */
export async function listAudit(db: Queryable, f: AuditFilter, page: { offset: number; limit: number }): Promise<{ total: number; items: AuditEntry[] }> {
  const w = where(f);
  const [count, rows] = await Promise.all([
    db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE ${w}`),
    db.query<AuditRow>(sql`SELECT * FROM audit_log WHERE ${w} ORDER BY id DESC LIMIT ${page.limit} OFFSET ${page.offset}`),
  ]);
  return { total: count.rows[0].n, items: rows.rows.map(toEntry) };
}

/** Every entry matching, newest first, in batches (for an export). */
export async function* eachAudit(db: Queryable, f: AuditFilter, max: number): AsyncGenerator<AuditEntry> {
  let before = Number.MAX_SAFE_INTEGER;
  let seen = 0;
  while (seen < max) {
    const { rows } = await db.query<AuditRow>(
      sql`SELECT * FROM audit_log WHERE ${where(f)} AND id < ${before} ORDER BY id DESC LIMIT ${Math.min(2000, max - seen)}`,
    );
    if (!rows.length) return;
    for (const r of rows) yield toEntry(r);
    seen += rows.length;
    before = Number(rows[rows.length - 1].id);
  }
}

export { toEntry, type AuditRow };
