/** SQL of survey reminders: what was sent (survey_reminders) and the offices' 催报 (survey_chases). */
import { sql } from '../../../platform/db/sql.ts';
import type { Queryable } from '../../../platform/db/database.ts';

export interface DueReminder {
  round_id: number;
  org_id: number;
  point: 'before' | 'due';
  filing_id: number;
  org_name: string;
  district_code: string | null;
  title_zh: string;
  title_en: string;
  form_title_zh: string;
  form_title_en: string;
  deadline: string;
}

export interface ChaseRow {
  sent_at: Date;
  orgs: number;
  recipients: number;
}

export class RemindersRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): RemindersRepository {
    return new RemindersRepository(tx);
  }

  /**
   * Records, and returns, up to `limit` reminders due today: every filing not yet submitted (pending, draft,
   * returned) of a round whose deadline is within `days` days ('before') or today ('due'), not reminded at that
   * point yet. The primary key makes it exactly once: a second process's insert of the same row waits for the
   * first's commit and then does nothing.
   */
  async takeDue(today: string, days: number, limit: number): Promise<DueReminder[]> {
    const point = sql`CASE WHEN r.deadline = ${today}::date THEN 'due' ELSE 'before' END`;
    const { rows } = await this.db.query<DueReminder>(sql`
      WITH taken AS (
        INSERT INTO survey_reminders (round_id, org_id, point)
        SELECT f.round_id, f.org_id, ${point} FROM survey_filings f JOIN survey_rounds r ON r.id = f.round_id
        WHERE r.deadline >= ${today}::date AND r.deadline <= ${today}::date + ${days}::int
          AND f.status IN ('pending', 'draft', 'returned')
          AND NOT EXISTS (SELECT 1 FROM survey_reminders s WHERE s.round_id = f.round_id AND s.org_id = f.org_id AND s.point = ${point})
        ORDER BY f.round_id, f.id LIMIT ${limit}
        ON CONFLICT DO NOTHING
        RETURNING round_id, org_id, point)
      SELECT t.round_id, t.org_id, t.point, f.id AS filing_id, f.org_name, f.district_code, r.title_zh, r.title_en,
             fm.title_zh AS form_title_zh, fm.title_en AS form_title_en, r.deadline::text AS deadline
      FROM taken t JOIN survey_filings f ON f.round_id = t.round_id AND f.org_id = t.org_id
        JOIN survey_rounds r ON r.id = t.round_id JOIN survey_forms fm ON fm.id = r.form_id
      ORDER BY t.round_id, f.id`);
    return rows.map((r) => ({ ...r, round_id: Number(r.round_id), org_id: Number(r.org_id), filing_id: Number(r.filing_id) }));
  }

  /** Takes today's 催报 for the round and scope; null when it was already taken today (once a day). */
  async takeChase(roundId: number, scope: string, today: string, by: number): Promise<boolean> {
    const { rows } = await this.db.query(sql`
      INSERT INTO survey_chases (round_id, scope, day, by_user, orgs, recipients) VALUES (${roundId}, ${scope}, ${today}::date, ${by}, 0, 0)
      ON CONFLICT DO NOTHING RETURNING round_id`);
    return rows.length > 0;
  }

  async recordChase(roundId: number, scope: string, today: string, orgs: number, recipients: number): Promise<ChaseRow> {
    const { rows } = await this.db.query<ChaseRow>(sql`
      UPDATE survey_chases SET orgs = ${orgs}, recipients = ${recipients}
      WHERE round_id = ${roundId} AND scope = ${scope} AND day = ${today}::date RETURNING sent_at, orgs, recipients`);
    return rows[0];
  }

  async chaseOf(roundId: number, scope: string, today: string): Promise<ChaseRow | null> {
    const { rows } = await this.db.query<ChaseRow>(sql`
      SELECT sent_at, orgs, recipients FROM survey_chases WHERE round_id = ${roundId} AND scope = ${scope} AND day = ${today}::date`);
    return rows[0] ?? null;
  }
}
