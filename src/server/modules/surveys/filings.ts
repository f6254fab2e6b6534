/**
 * Filing and review: an organization's members fill its filing (prefilled from its profile and its last accepted
 * period), save drafts and submit; a value far from last period's (×3 or ÷3) needs a reason. The district office of
 * the organization's district accepts or returns it with a reason. Every change goes to the filing's history,
 * every decision to the audit trail; an acceptance publishes `survey.filing_accepted`, after which the statistics
 * recount the surveyed indicators (sources.ts there: the surveyed plug).
 */
import { conflict, forbidden, invalid, notFound, type FieldError } from '../../platform/http/errors.ts';
import { listHistory, recordHistory } from '../../platform/history.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { actorOf, isDistrictAdmin, isOffice, type CurrentUser } from '../auth/index.ts';
import type { FormDefinition } from './definition.ts';
import { mayFile, mayReview, maySeeFiling } from './policy.ts';
import type { FilingRow, RoundRow } from './repository.ts';
import type { FilingInput, FilingListQuery, FilingStatus, FilingView, ReviewInput } from './schemas.ts';
import { beijingToday, formView, type SurveyService } from './service.ts';
import { askedFields, check, farFromLast, keepAsked, normalize, type Values } from './validate.ts';

export const FILING_ACCEPTED = 'survey.filing_accepted';
const EDITABLE: FilingStatus[] = ['pending', 'draft', 'returned'];

/**
 * What an accepted filing may move: its period, the indicators its figures name, and where it counts (the district,
 * the cluster, the categories the round found it in). The event's payload carries it.
 */
export interface AcceptedFiling {
  id: number;
  roundId: number;
  orgId: number;
  period: string;
  indicators: string[];
  districtCode: string | null;
  clusterId: string | null;
  categories: string[];
}

/** A listener's view of an acceptance: the filing's facts and its figures (indicator → value). */
export type AcceptanceListener = (f: AcceptedFiling & { figures: Record<string, number> }, tx: Queryable) => Promise<void>;

export class FilingService {
  private readonly acceptanceListeners: AcceptanceListener[] = [];

  constructor(private readonly surveys: SurveyService) {}

  /**
   * Called inside the accepting transaction (after the filing is written, before commit): the statistics add the
   * filing's figures to the kept sums there, so a dashboard read after the office's answer shows them, in any process,
   * and a sum never misses an acceptance nor counts one twice. The event after commit stays (it recounts).
   */
  onAccepted(listener: AcceptanceListener): void {
    this.acceptanceListeners.push(listener);
  }

  private get repo() {
    return this.surveys.repo;
  }

  private async load(id: number, user: CurrentUser | null) {
    const row = await this.repo.filing(id);
    if (!row || !maySeeFiling(user, row)) throw notFound('survey.filingNotFound');
    const [round] = await this.repo.rounds({ ids: [row.round_id] });
    const form = await this.surveys.form(round.form_id);
    return { row, round, form };
  }

  /** My organization's filings (a member), or the filings an office reviews (its district; the city all). */
  async list(q: FilingListQuery, user: CurrentUser) {
    const scope =
      user.role === 'org_member'
        ? { orgId: user.orgId ?? -1 }
        : isDistrictAdmin(user)
          ? { districtCode: user.districtCode ?? '-' }
          : isOffice(user)
            ? {}
            : null;
    if (!scope) throw forbidden('survey.notYours');
    const { rows, total } = await this.repo.filings({ ...scope, roundId: q.round, status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    const rounds = new Map((await this.repo.rounds({ ids: [...new Set(rows.map((r) => r.round_id))] })).map((r) => [r.id, r]));
    return { items: rows.map((r) => summary(r, rounds.get(r.round_id)!, user)), total };
  }

  async get(id: number, user: CurrentUser): Promise<FilingView> {
    const { row, round, form } = await this.load(id, user);
    const last = await this.repo.lastAccepted(row.org_id, form.code, round.frequency, round.period);
    let values = row.values;
    let prefilled = false;
    if (row.status === 'pending' && !Object.keys(values).length && mayFile(user, row)) {
      // nothing saved yet: the profile's figures and the last period's values as a start
      const profile = await this.surveys.deps.profile(row.org_id);
      values = {};
      for (const f of form.definition.fields) {
        const fromProfile = f.prefill === 'profile.employees' ? profile.employees : null;
        const v = fromProfile ?? last?.values[f.name] ?? null;
        if (v !== null && v !== undefined) values[f.name] = v;
      }
      prefilled = Object.keys(values).length > 0;
    }
    return {
      ...summary(row, round, user),
      values,
      confirmations: row.confirmations,
      prefilled,
      last,
      form: formView(form),
    };
  }

  history(id: number, user: CurrentUser) {
    return this.load(id, user).then(() => listHistory(this.surveys.db, 'survey_filing', id));
  }

  /** A draft: the values must be readable (types), the rules are checked at submit. */
  async save(id: number, input: FilingInput, user: CurrentUser): Promise<FilingView> {
    const { row, form } = await this.editable(id, input.version, user);
    const { values, errors } = normalize(form.definition, input.values);
    if (errors.length) throw invalid(errors);
    await this.write(row, user, { status: 'draft', values: keepAsked(form.definition, values), confirmations: input.confirmations }, 'saved');
    return this.get(id, user);
  }

  async submit(id: number, input: FilingInput, user: CurrentUser): Promise<FilingView> {
    const { row, round, form } = await this.editable(id, input.version, user);
    const def = form.definition;
    const { values: read, errors } = normalize(def, input.values);
    if (errors.length) throw invalid(errors);
    const values = keepAsked(def, read);
    const problems = check(def, values);
    if (problems.length) throw invalid(problems);
    const last = await this.repo.lastAccepted(row.org_id, form.code, round.frequency, round.period);
    const far = farFromLast(def, values, last?.values ?? null);
    const confirmations: Record<string, string> = {};
    const missing: FieldError[] = [];
    for (const x of far) {
      const reason = input.confirmations[x.field.name]?.trim() ?? '';
      const params = { label: x.field.labelZh, labelEn: x.field.labelEn, value: x.value, last: x.last, period: last!.period, unit: x.field.unit ?? '' };
      if (reason.length < 2) missing.push({ path: `confirmations.${x.field.name}`, key: 'survey.value.farFromLast', params });
      else confirmations[x.field.name] = reason;
    }
    if (missing.length) throw conflict('survey.confirmRequired', { count: missing.length }, missing);
    const saved = await this.write(row, user, { status: 'submitted', values, confirmations, submittedBy: user.id }, 'submitted');
    // the view from the written row and what was read for the checks (get() would read the four of them again)
    return { ...summary(saved, round, user), values: saved.values, confirmations: saved.confirmations, prefilled: false, last, form: formView(form) };
  }

  async review(id: number, input: ReviewInput, user: CurrentUser): Promise<FilingView> {
    const { row, round, form } = await this.load(id, user);
    if (!mayReview(user, row)) throw forbidden('survey.notYourDistrict');
    if (row.status !== 'submitted') throw conflict('survey.notSubmitted', { statusKey: `survey.status.${row.status}` });
    if (input.version !== row.version) throw conflict('survey.versionConflict', { current: row.version });
    const reason = input.reason?.trim() ?? '';
    if (input.decision === 'return' && reason.length < 2) throw invalid([{ path: 'reason', key: 'survey.reasonRequired' }]);
    const accepted = input.decision === 'accept';
    const figures = accepted ? figuresOf(form.definition, row.values) : undefined;
    const facts: AcceptedFiling = {
      id,
      roundId: row.round_id,
      orgId: row.org_id,
      period: round.period,
      indicators: Object.keys(figures ?? {}),
      districtCode: row.district_code,
      clusterId: row.cluster_id,
      categories: row.categories,
    };
    await this.surveys.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const locked = await repo.filing(id, true);
      if (!locked || locked.version !== row.version || locked.status !== 'submitted')
        throw conflict('survey.versionConflict', { current: locked?.version ?? 0 });
      await repo.saveFiling(id, {
        status: accepted ? 'accepted' : 'returned',
        values: row.values,
        confirmations: row.confirmations,
        figures,
        reason: accepted ? null : reason,
        decidedBy: user.id,
      });
      // before the audit entry: its chain lock is to be held for the commit only
      if (accepted) for (const listener of this.acceptanceListeners) await listener({ ...facts, figures: figures ?? {} }, tx);
      await recordHistory(tx, {
        entityType: 'survey_filing',
        entityId: id,
        action: accepted ? 'accepted' : 'returned',
        actor: actorOf(user),
        before: { status: row.status },
        after: { status: accepted ? 'accepted' : 'returned', reason: accepted ? null : reason },
      });
      await recordAudit(tx, {
        type: accepted ? 'surveys.filing_accepted' : 'surveys.filing_returned',
        actor: user,
        districtCode: row.district_code,
        subject: { type: 'survey_filing', id },
        detail: { roundId: row.round_id, orgId: row.org_id, period: round.period, ...(accepted ? {} : { reason }) },
      });
      if (accepted)
        await publishEvent(tx, {
          type: FILING_ACCEPTED,
          aggregateType: 'survey_filing',
          aggregateId: id,
          payload: facts,
          actorId: user.id,
        });
    });
    return this.get(id, user);
  }

  /**
   * Sum of an indicator over accepted filings per period, within a district, cluster or category (the statistics'
   * plug); `via` runs it in the caller's transaction (the statistics hold a lock on
   * the figure while they count and write it: see their recountSurveyed).
   */
  figures(indicator: string, within: { district?: string; cluster?: string; category?: string }, via?: Queryable) {
    return (via ? this.repo.with(via) : this.repo).figures(indicator, within);
  }

  private async editable(
    id: number,
    version: number,
    user: CurrentUser,
  ): Promise<{ row: FilingRow; round: RoundRow; form: Awaited<ReturnType<SurveyService['form']>> }> {
    const loaded = await this.load(id, user);
    if (!mayFile(user, loaded.row)) throw forbidden('survey.notYours');
    if (!EDITABLE.includes(loaded.row.status)) throw conflict('survey.notEditable', { statusKey: `survey.status.${loaded.row.status}` });
    if (version !== loaded.row.version) throw conflict('survey.versionConflict', { current: loaded.row.version });
    return loaded;
  }

  private async write(
    row: FilingRow,
    user: CurrentUser,
    next: { status: FilingStatus; values: Values; confirmations: Record<string, string>; submittedBy?: number },
    action: string,
  ): Promise<FilingRow> {
    return this.surveys.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const locked = await repo.filing(row.id, true);
      if (!locked || locked.version !== row.version) throw conflict('survey.versionConflict', { current: locked?.version ?? 0 });
      const saved = await repo.saveFiling(row.id, next);
      await recordHistory(tx, {
        entityType: 'survey_filing',
        entityId: row.id,
        action,
        actor: actorOf(user),
        before: { status: row.status, values: row.values },
        after: { status: next.status, values: next.values, confirmations: next.confirmations },
      });
      if (action === 'submitted')
        await recordAudit(tx, {
          type: 'surveys.filing_submitted',
          actor: user,
          districtCode: row.district_code,
          subject: { type: 'survey_filing', id: row.id },
          detail: { roundId: row.round_id, orgId: row.org_id, confirmed: Object.keys(next.confirmations) },
        });
      return saved;
    });
  }
}

/** The values an accepted filing adds to the indicators: the asked numeric fields bound to an indicator. */
function figuresOf(def: FormDefinition, values: Values): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of askedFields(def, values)) {
    const v = values[f.name];
    if (f.indicator && typeof v === 'number') out[f.indicator] = (out[f.indicator] ?? 0) + v;
  }
  return out;
}

function summary(r: FilingRow, round: RoundRow, user: CurrentUser) {
  return {
    id: r.id,
    round: {
      id: round.id,
      titleZh: round.title_zh,
      titleEn: round.title_en,
      period: round.period,
      deadline: round.deadline,
      overdue: round.deadline < beijingToday(),
      formId: round.form_id,
    },
    orgId: r.org_id,
    orgName: r.org_name,
    districtCode: r.district_code,
    status: r.status,
    reason: r.reason,
    version: r.version,
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at,
    updatedAt: r.updated_at,
    can: { edit: mayFile(user, r) && EDITABLE.includes(r.status), review: mayReview(user, r) && r.status === 'submitted' },
  };
}
