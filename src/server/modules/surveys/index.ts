/**
 * The surveys module's face (统计调查制度, issue 14 item 3): report forms as data (shipped, or uploaded as XLSForm),
 * rounds over a population from the directory, filing, review, and the sums of accepted filings that the statistics
 * module reads as its surveyed indicators (`figures`, with the event after which they move); reminders before the
 * deadline and the offices' 催报 after it (`reminders.tick()` is the clock's step); bulk filing from an xlsx.
 */
import './messages.ts';
import './bulk/messages.ts';
import './reminders/messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Database, Queryable } from '../../platform/db/database.ts';
import type { ModuleFace } from '../../platform/module.ts';
import { BulkFilingService } from './bulk/service.ts';
import { seedDemoSurveys } from './demo.ts';
import { type AcceptanceListener, FILING_ACCEPTED, FilingService } from './filings.ts';
import { ReminderService } from './reminders/service.ts';
import { surveyRoutes } from './routes.ts';
import { type SurveyDeps, SurveyService } from './service.ts';
import { SURVEYS_TABLES } from './tables.ts';

export { FILING_ACCEPTED, type AcceptedFiling } from './filings.ts';
export { DEMO_ROUND_TITLE } from './demo.ts';
export type { SurveyDeps, PopulationMember } from './service.ts';
export { FILING_STATUSES, ROUND_FREQUENCIES } from './schemas.ts';

export class SurveysModule implements ModuleFace {
  readonly name = 'surveys';
  readonly tables = SURVEYS_TABLES;
  readonly surveys: SurveyService;
  readonly filings: FilingService;
  readonly reminders: ReminderService;
  readonly bulk: BulkFilingService;

  constructor(db: Database, deps: SurveyDeps, opts: { reminderDays: number } = { reminderDays: 3 }) {
    this.surveys = new SurveyService(db, deps);
    this.filings = new FilingService(this.surveys);
    this.reminders = new ReminderService(this.surveys, { days: opts.reminderDays });
    this.bulk = new BulkFilingService(this.surveys);
  }

  /**
   * What the statistics' surveyed plug reads: the event after which a sum may move (its payload says what it moves),
   * the sums, and a call inside each accepting transaction.
   */
  get surveyed() {
    return {
      events: [FILING_ACCEPTED],
      figures: (indicator: string, within: { district?: string; cluster?: string; category?: string }, via?: Queryable) =>
        this.filings.figures(indicator, within, via),
      onAccepted: (listener: AcceptanceListener) => this.filings.onAccepted(listener),
    };
  }

  /** Seeds the shipped forms (every start; a code with versions keeps them). */
  async start(): Promise<void> {
    await this.surveys.seed();
  }

  /** The demo's overdue round (DEMO=true only): the late list, 催报 and bulk filing to show. */
  seedDemo(say: (line: string) => void): Promise<void> {
    return seedDemoSurveys(this.surveys, say);
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(surveyRoutes, { surveys: this.surveys, filings: this.filings, reminders: this.reminders, bulk: this.bulk });
  }
}
