/**
 * Survey reminders. Before a round's deadline — `days` calendar days before (SURVEY_REMINDER_DAYS, 3) and on the
 * deadline day — every member of an organization whose filing is not yet submitted gets a notification, which the
 * mailer also sends by email (notification → outbox → mailer). What was sent is recorded with the notification in
 * one transaction, so each organization is reminded once per point whatever restarts or how many processes run
 * the clock. After the deadline an office may chase (催报) its late list: an explicit, audited action, once a day per
 * round and office.
 */
import type { Queryable } from '../../../platform/db/database.ts';
import { AppError, conflict, forbidden } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { isOffice, type CurrentUser } from '../../auth/index.ts';
import { notify } from '../../notifications/index.ts';
import { districtOfOffice } from '../policy.ts';
import { beijingToday, type SurveyService } from '../service.ts';
import { RemindersRepository, type ChaseRow } from './repository.ts';

const BATCH = 200;
const DAY = 86_400_000;

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

export interface ChaseResult {
  sentAt: Date;
  orgs: number;
  recipients: number;
}

export class ReminderService {
  readonly repo: RemindersRepository;

  constructor(
    private readonly surveys: SurveyService,
    private readonly opts: { days: number },
  ) {
    this.repo = new RemindersRepository(surveys.db);
  }

  private link(filingId: number) {
    return `/surveys/filings/${filingId}`;
  }

  private async recipients(orgId: number, tx: Queryable): Promise<number[]> {
    return this.surveys.deps.memberIds(orgId, tx);
  }

  /** The clock's step (every process, every few minutes): the reminders due today, in batches, each batch one transaction. */
  async tick(): Promise<{ reminders: number; recipients: number }> {
    const today = beijingToday();
    let reminders = 0;
    let recipients = 0;
    for (;;) {
      const batch = await this.surveys.db.transaction(async (tx) => {
        const due = await this.repo.with(tx).takeDue(today, this.opts.days, BATCH);
        let people = 0;
        for (const d of due) {
          const users = await this.recipients(d.org_id, tx);
          people += users.length;
          await notify(
            tx,
            users,
            'survey.reminder',
            null,
            {
              org: d.org_name,
              round: d.title_zh,
              roundEn: d.title_en,
              form: d.form_title_zh,
              formEn: d.form_title_en,
              deadline: d.deadline,
              daysLeft: daysBetween(today, d.deadline),
              whenKey: `survey.reminder.${d.point}`,
              url: `${this.surveys.deps.publicUrl()}${this.link(d.filing_id)}`,
            },
            this.link(d.filing_id),
          );
        }
        // one audit entry per round and point: the system decided to remind these organizations
        const byRound = new Map<string, { roundId: number; point: string; orgs: number[]; districts: Set<string | null> }>();
        for (const d of due) {
          const k = `${d.round_id}:${d.point}`;
          const g = byRound.get(k) ?? { roundId: d.round_id, point: d.point, orgs: [], districts: new Set() };
          g.orgs.push(d.org_id);
          g.districts.add(d.district_code);
          byRound.set(k, g);
        }
        for (const g of byRound.values())
          await recordAudit(tx, {
            type: 'surveys.reminders_sent',
            actor: null,
            districtCode: g.districts.size === 1 ? [...g.districts][0] : null,
            subject: { type: 'survey_round', id: g.roundId },
            detail: { point: g.point, organizations: g.orgs.length, orgIds: g.orgs.slice(0, 50) },
          });
        return { n: due.length, people };
      });
      reminders += batch.n;
      recipients += batch.people;
      if (batch.n < BATCH) return { reminders, recipients };
    }
  }

  /** Today's 催报 of this office for the round, if it chased already (the late list shows it, the button waits). */
  async chasedToday(roundId: number, user: CurrentUser): Promise<ChaseResult | null> {
    const row = await this.repo.chaseOf(roundId, districtOfOffice(user) ?? '*', beijingToday());
    return row ? present(row) : null;
  }

  /** 催报: after the deadline, the office reminds its late list (its district's; the city every district) — once a day. */
  async chase(roundId: number, user: CurrentUser): Promise<ChaseResult> {
    const round = await this.surveys.roundRow(roundId, user);
    if (!isOffice(user)) throw forbidden('survey.officesOnly');
    const today = beijingToday();
    if (round.deadline >= today) throw conflict('survey.chase.notOverdue', { deadline: round.deadline });
    const district = districtOfOffice(user);
    const scope = district ?? '*';
    return this.surveys.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const late = await this.surveys.repo.with(tx).late(roundId, district);
      if (!late.length) throw conflict('survey.chase.nobodyLate');
      if (!(await repo.takeChase(roundId, scope, today, user.id))) {
        const previous = await repo.chaseOf(roundId, scope, today);
        // the next Beijing day begins at 16:00 UTC
        const next = Date.parse(`${today}T00:00:00+08:00`) + DAY;
        throw new AppError(429, 'survey_chase_once_a_day', 'survey.chase.onceADay', { at: previous ? beijingTime(previous.sent_at) : '' }, [], {
          retryAfter: Math.max(1, Math.ceil((next - Date.now()) / 1000)),
        });
      }
      let recipients = 0;
      const office = user.displayName;
      for (const f of late) {
        const users = await this.recipients(f.org_id, tx);
        recipients += users.length;
        await notify(
          tx,
          users,
          'survey.chase',
          null,
          {
            org: f.org_name,
            round: round.title_zh,
            roundEn: round.title_en,
            form: round.form_title_zh,
            formEn: round.form_title_en,
            deadline: round.deadline,
            office,
            url: `${this.surveys.deps.publicUrl()}${this.link(f.id)}`,
          },
          this.link(f.id),
        );
      }
      const row = await repo.recordChase(roundId, scope, today, late.length, recipients);
      await recordAudit(tx, {
        type: 'surveys.late_chased',
        actor: user,
        districtCode: district,
        subject: { type: 'survey_round', id: roundId },
        detail: { organizations: late.length, recipients, orgIds: late.slice(0, 50).map((f) => f.org_id) },
      });
      return present(row);
    });
  }
}

const present = (r: ChaseRow): ChaseResult => ({ sentAt: r.sent_at, orgs: r.orgs, recipients: r.recipients });
const beijingTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
