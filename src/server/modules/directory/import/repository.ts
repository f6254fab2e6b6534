/** SQL on import jobs (org_imports): progress while running, the report when done. */
import { sql } from '../../../platform/db/sql.ts';
import type { Queryable } from '../../../platform/db/database.ts';
import { leaseAlive } from '../../../platform/db/process-lease.ts';
import type { ImportJob } from './schemas.ts';
import type { RowError } from './rows.ts';

const SUMMARY = sql`id, filename, dry_run AS "dryRun", status, total_rows AS "totalRows", processed_rows AS "processedRows", ok_rows AS "okRows",
  error_rows AS "errorRows", created_rows AS "createdRows", failure, created_at AS "createdAt", finished_at AS "finishedAt"`;

export class ImportRepository {
  constructor(private readonly db: Queryable) {}

  async insert(id: string, filename: string, dryRun: boolean, createdBy: number, ownerLease: number): Promise<void> {
    await this.db.query(
      sql`INSERT INTO org_imports (id, filename, dry_run, status, created_by, owner_lease)
          VALUES (${id}, ${filename}, ${dryRun}, 'running', ${createdBy}, ${ownerLease})`,
    );
  }

  /** Jobs still 'running' whose process no longer holds its lease are failed with `failure`; returns their ids. */
  async failAbandoned(failure: { code: string; message: string; key: string }): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(sql`
      UPDATE org_imports SET status = 'failed', failure = ${JSON.stringify(failure)}::jsonb, finished_at = now()
      WHERE status = 'running' AND (owner_lease IS NULL OR NOT ${leaseAlive(sql`owner_lease`)})
      RETURNING id`);
    return rows.map((r) => r.id);
  }

  async fail(id: string, failure: { code: string; message: string }): Promise<void> {
    // only a running job: one already failed as abandoned keeps that reason
    await this.db.query(
      sql`UPDATE org_imports SET status = 'failed', failure = ${JSON.stringify(failure)}::jsonb, finished_at = now() WHERE id = ${id} AND status = 'running'`,
    );
  }

  async findById(id: string): Promise<(ImportJob & { createdBy: number }) | undefined> {
    const { rows } = await this.db.query<ImportJob & { createdBy: number }>(
      sql`SELECT ${SUMMARY}, errors, created_by AS "createdBy" FROM org_imports WHERE id = ${id}`,
    );
    return rows[0];
  }

  /** The latest jobs, all of them or those one user started. */
  async latest(createdBy: number | null, limit = 50): Promise<Omit<ImportJob, 'errors'>[]> {
    const { rows } = await this.db.query<Omit<ImportJob, 'errors'>>(sql`
      SELECT ${SUMMARY} FROM org_imports WHERE ${createdBy === null ? sql`true` : sql`created_by = ${createdBy}`} ORDER BY created_at DESC LIMIT ${limit}`);
    return rows;
  }

  async setTotal(id: string, totalRows: number): Promise<void> {
    await this.db.query(sql`UPDATE org_imports SET total_rows = ${totalRows} WHERE id = ${id}`);
  }

  async progress(id: string, p: { processed: number; ok: number; created: number; errorRows: number }): Promise<void> {
    await this.db.query(
      sql`UPDATE org_imports SET processed_rows = ${p.processed}, ok_rows = ${p.ok}, created_rows = ${p.created}, error_rows = ${p.errorRows} WHERE id = ${id}`,
    );
  }

  async finish(id: string, errors: RowError[]): Promise<void> {
    await this.db.query(
      sql`UPDATE org_imports SET status = 'done', errors = ${JSON.stringify(errors)}::jsonb, finished_at = now() WHERE id = ${id} AND status = 'running'`,
    );
  }
}
