/**
 * Which app processes are alive, as the database sees it. Each process holds a session advisory
 * lock on a number of its own (its lease) for as long as it runs; work it owns (an import job)
 * records that number. When the process dies, by crash or kill -9, PostgreSQL ends its session
 * and the lock goes with it, so "is the owner alive" is one look at pg_locks from any process, with
 * no heartbeat to tune and no clock to trust. PGlite's one session dies with its one process, and
 * DATA_DIR admits one process at a time (data-dir-lock.ts), so the same test holds there.
 */
import crypto from 'node:crypto';
import type { Database } from './database.ts';
import { sql, type Sql } from './sql.ts';

/** the high 32 bits of every lease's lock key: "kefutong leases", apart from the migration lock */
const LEASE_CLASS = 0x4b46;

export class ProcessLease {
  private constructor(
    /** the number work records as its owner */
    readonly owner: number,
    private readonly end: () => Promise<void>,
  ) {}

  static async take(db: Database): Promise<ProcessLease> {
    const owner = crypto.randomInt(1, 2 ** 31 - 1);
    const key = LEASE_CLASS * 2 ** 32 + owner;
    if (db.engine === 'pglite') {
      await db.query(sql`SELECT pg_advisory_lock(${key}::bigint)`);
      return new ProcessLease(owner, async () => {
        await db.query(sql`SELECT pg_advisory_unlock(${key}::bigint)`).catch(() => {});
      });
    }
    // on a server the lock lives on one pooled connection, kept checked out for the process's life
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    let acquired!: () => void;
    const held = new Promise<void>((r) => {
      acquired = r;
    });
    const session = db.withAdvisoryLock(key, async () => {
      acquired();
      await released;
    });
    await Promise.race([held, session]);
    return new ProcessLease(owner, async () => {
      release();
      await session.catch(() => {});
    });
  }

  /** Gives the lease up (clean shutdown); work still recorded under it then counts as abandoned. */
  release(): Promise<void> {
    return this.end();
  }
}

/** SQL: true when the process whose lease number is `owner` still holds its lease. */
export function leaseAlive(owner: Sql): Sql {
  return sql`EXISTS (SELECT 1 FROM pg_locks l
    WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND l.classid = ${LEASE_CLASS}::int::oid AND l.objid = (${owner})::int::oid)`;
}
