/**
 * Keeping the audit trail honest: verifying the chain (npm run audit:verify, and the admin page) and
 * removing entries past the retention period (等保 asks at least 180 days), which is itself recorded.
 */
import { sql } from '../db/sql.ts';
import type { Database } from '../db/database.ts';
import { entryHash, GENESIS_HASH } from './chain.ts';
import { type AuditRow, recordAudit, toEntry } from './log.ts';

export interface ChainReport {
  ok: boolean;
  /** entries checked */
  checked: number;
  firstId: number | null;
  lastId: number | null;
  /** the first entry that does not fit the chain, and why */
  broken: { id: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'gap' | 'bad_anchor' } | null;
}

/**
 * Recomputes every hash in id order. The oldest entry points back to the genesis hash, or, after a
 * purge, to the hash of the last purged entry, which the newest `audit.purged` entry names.
 */
export async function verifyAuditChain(db: Database): Promise<ChainReport> {
  const purges = await db.query<{ detail: { lastHash?: string; upToId?: number } }>(
    sql`SELECT detail FROM audit_log WHERE type = 'audit.purged' ORDER BY id DESC LIMIT 1`,
  );
  const anchor = purges.rows[0]?.detail ?? null;
  let prev: { id: number; hash: string } | null = null;
  let checked = 0;
  let firstId: number | null = null;
  let after = 0;
  for (;;) {
    const { rows } = await db.query<AuditRow>(sql`SELECT * FROM audit_log WHERE id > ${after} ORDER BY id LIMIT 5000`);
    if (!rows.length) break;
    for (const row of rows) {
      const e = toEntry(row);
      if (prev === null) {
        firstId = e.id;
        const expected = e.id === 1 ? GENESIS_HASH : anchor?.upToId === e.id - 1 ? anchor.lastHash : undefined;
        if (e.prevHash !== expected) return { ok: false, checked, firstId, lastId: e.id, broken: { id: e.id, reason: 'bad_anchor' } };
      } else {
        if (e.id !== prev.id + 1) return { ok: false, checked, firstId, lastId: e.id, broken: { id: e.id, reason: 'gap' } };
        if (e.prevHash !== prev.hash) return { ok: false, checked, firstId, lastId: e.id, broken: { id: e.id, reason: 'prev_hash_mismatch' } };
      }
      if (entryHash(e.prevHash, e) !== e.hash) return { ok: false, checked, firstId, lastId: e.id, broken: { id: e.id, reason: 'hash_mismatch' } };
      prev = { id: e.id, hash: e.hash };
      checked++;
    }
    after = Number(rows[rows.length - 1].id);
  }
  return { ok: true, checked, firstId, lastId: prev?.id ?? null, broken: null };
}

/** Removes entries older than the retention period, oldest first, and records the purge in the log. */
export async function purgeAudit(db: Database, retentionDays: number): Promise<number> {
  return db.transaction(async (tx) => {
    const cutoff = new Date(Date.now() - retentionDays * 86_400_000);
    const last = (await tx.query<{ id: number; hash: string }>(sql`SELECT id, hash FROM audit_log WHERE at < ${cutoff} ORDER BY id DESC LIMIT 1`)).rows[0];
    if (!last) return 0;
    await tx.query(sql`SELECT set_config('kft.audit_purge', 'on', true)`);
    const { rowCount } = await tx.query(sql`DELETE FROM audit_log WHERE id <= ${Number(last.id)}`);
    await tx.query(sql`SELECT set_config('kft.audit_purge', 'off', true)`);
    await recordAudit(tx, {
      type: 'audit.purged',
      detail: { count: rowCount, upToId: Number(last.id), lastHash: last.hash, retentionDays },
    });
    return rowCount;
  });
}
