/**
 * Report forms and survey rounds: the shipped forms seeded as version 1, new versions uploaded as XLSForm, rounds
 * launched by the city or a district office over a population chosen from the directory, the progress per district
 * and the late list. Filing and review are in filings.ts.
 */
import type { Database, Queryable } from '../../platform/db/database.ts';
import { forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { detectUpload } from '../../platform/files/uploads.ts';
import { recordHistory } from '../../platform/history.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { actorOf, type CurrentUser } from '../auth/index.ts';
import type { FormDefinition } from './definition.ts';
import { districtOfOffice, mayLaunchIn, mayManageForms, maySeeRound } from './policy.ts';
import { SurveysRepository, type Counts, type FilingRow, type FormRow, type RoundRow } from './repository.ts';
import type { FormView, RoundInput, RoundView } from './schemas.ts';
import { SHIPPED_FORMS } from './shipped.ts';
import { readXlsForm } from './xlsform.ts';

export const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** An organization as a round takes it into its population. */
export interface PopulationMember {
  id: number;
  name: string;
  districtCode: string | null;
  clusterId: string | null;
  categories: string[];
}

/** What surveys need of the directory (its face, adapted in app.ts) and of the reference data. */
export interface SurveyDeps {
  /** the organizations matching the filters (any of the kinds, any of the categories, in any of the districts) */
  members(filter: { kinds: string[]; categories: string[]; districts: string[] }): Promise<PopulationMember[]>;
  /** what a filing may be prefilled with from the organization's profile */
  profile(orgId: number): Promise<{ employees: number | null }>;
  /** the districts of today, and where an abolished one went */
  divisions(): Promise<{ code: string; name: string; nameEn: string | null; successorCode: string | null }[]>;
  /** the user ids of an organization's members (auth's face), read in the caller's transaction: who is reminded */
  memberIds(orgId: number, tx: Queryable): Promise<number[]>;
  /** each organization's USCC (the directory's face): the bulk-filing sheet names its rows by it */
  usccs(orgIds: number[]): Promise<Map<number, string>>;
  /** the address people use (PUBLIC_URL), for the links in reminder emails; read when sent (PORT=0 learns it late) */
  publicUrl(): string;
}

const PERIOD = {
  annual: /^\d{4}$/,
  quarterly: /^\d{4}-Q[1-4]$/,
  monthly: /^\d{4}-(0[1-9]|1[0-2])$/,
} as const;

const EMPTY: Counts = { pending: 0, draft: 0, submitted: 0, returned: 0, accepted: 0, total: 0 };

export class SurveyService {
  readonly repo: SurveysRepository;

  constructor(
    readonly db: Database,
    readonly deps: SurveyDeps,
  ) {
    this.repo = new SurveysRepository(db);
  }

  /** Every start: a shipped form whose code has no version yet is added as version 1 (an office's versions stay). */
  async seed(): Promise<void> {
    for (const def of SHIPPED_FORMS)
      await this.db.transaction(async (tx) => {
        const repo = this.repo.with(tx);
        if ((await repo.lastVersion(def.code)) === 0) await repo.insertForm({ def, version: 1, origin: 'shipped', filename: null, by: null });
      });
  }

  // ------------------------------------------------------------ forms

  async forms(user: CurrentUser): Promise<FormView[]> {
    if (!mayManageForms(user)) throw forbidden('survey.officesOnly');
    return (await this.repo.forms()).map(formView);
  }

  async form(id: number): Promise<FormRow> {
    const [row] = await this.repo.forms([id]);
    if (!row) throw notFound('survey.formNotFound');
    return row;
  }

  async formFor(id: number, user: CurrentUser): Promise<FormView> {
    if (!mayManageForms(user)) throw forbidden('survey.officesOnly');
    return formView(await this.form(id));
  }

  /** An XLSForm upload: the bytes must be an xlsx within the zip limits, the form valid; it becomes the code's next version. */
  async upload(file: { data: Buffer; filename: string }, user: CurrentUser): Promise<FormView> {
    if (!mayManageForms(user)) throw forbidden('survey.officesOnly');
    if (!file.data.length) throw invalid([{ path: 'file', key: 'survey.xlsform.empty' }]);
    await detectUpload(file.data, file.filename, {
      kinds: ['xlsx'],
      kindsKey: 'survey.kinds.xlsform',
      refuse: { code: 'xlsform_not_xlsx', key: 'survey.xlsform.notXlsx' },
    });
    const def: FormDefinition = await readXlsForm(file.data);
    const id = await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const version = (await repo.lastVersion(def.code)) + 1;
      const formId = await repo.insertForm({ def, version, origin: 'upload', filename: file.filename.slice(0, 200), by: user.id });
      await recordHistory(tx, {
        entityType: 'survey_form',
        entityId: formId,
        action: 'uploaded',
        actor: actorOf(user),
        before: null,
        after: { code: def.code, version },
      });
      await recordAudit(tx, {
        type: 'surveys.form_uploaded',
        actor: user,
        districtCode: user.districtCode,
        subject: { type: 'survey_form', id: formId },
        detail: { code: def.code, version, fields: def.fields.length },
      });
      return formId;
    });
    return formView(await this.form(id));
  }

  // ------------------------------------------------------------ rounds

  /** A district office launches for its own district: the population is that district's whatever it asked. */
  async launch(input: RoundInput, user: CurrentUser): Promise<RoundView> {
    const districtCode = districtOfOffice(user);
    if (!mayLaunchIn(user, districtCode)) throw forbidden('survey.officesOnly');
    const form = await this.form(input.formId).catch(() => {
      throw invalid([{ path: 'formId', key: 'survey.formNotFound' }]);
    });
    const period = input.period.trim();
    if (!PERIOD[input.frequency].test(period)) throw invalid([{ path: 'period', key: `survey.period.${input.frequency}`, params: { value: period } }]);
    if (input.deadline < beijingToday()) throw invalid([{ path: 'deadline', key: 'survey.deadlinePast', params: { value: input.deadline } }]);
    const population = { ...input.population, districts: districtCode ? [districtCode] : input.population.districts };
    const divisions = await this.deps.divisions();
    const today = todayOf(divisions);
    const unknown = population.districts.find((d) => !divisions.some((x) => x.code === d));
    if (unknown) throw invalid([{ path: 'population.districts', key: 'field.unknownDistrict', params: { value: unknown } }]);
    const members = await this.deps.members(population);
    if (!members.length) throw invalid([{ path: 'population', key: 'survey.emptyPopulation' }]);
    const id = await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const roundId = await repo.insertRound({
        formId: form.id,
        titleZh: input.titleZh,
        titleEn: input.titleEn || input.titleZh,
        frequency: input.frequency,
        period,
        districtCode,
        population,
        deadline: input.deadline,
        by: user.id,
      });
      // each filing is reviewed by today's district of its organization (an abolished code rolls up)
      await repo.addFilings(
        roundId,
        members.map((m) => ({ ...m, districtCode: m.districtCode ? today(m.districtCode) : null })),
      );
      await recordHistory(tx, {
        entityType: 'survey_round',
        entityId: roundId,
        action: 'launched',
        actor: actorOf(user),
        before: null,
        after: { ...input, period },
      });
      await recordAudit(tx, {
        type: 'surveys.round_launched',
        actor: user,
        districtCode,
        subject: { type: 'survey_round', id: roundId },
        detail: { formId: form.id, period, deadline: input.deadline, organizations: members.length },
      });
      return roundId;
    });
    return this.round(id, user);
  }

  async rounds(user: CurrentUser): Promise<RoundView[]> {
    if (!mayManageForms(user)) throw forbidden('survey.officesOnly');
    const district = districtOfOffice(user);
    const rows = await this.repo.rounds({ districtCode: district });
    const counts = await this.repo.countsByRound(
      rows.map((r) => r.id),
      district,
    );
    return rows.map((r) => roundView(r, counts.get(r.id) ?? EMPTY));
  }

  async roundRow(id: number, user: CurrentUser): Promise<RoundRow> {
    const [row] = await this.repo.rounds({ ids: [id] });
    if (!row) throw notFound('survey.roundNotFound');
    if (!maySeeRound(user, row)) throw forbidden('survey.notYourRound');
    return row;
  }

  async round(id: number, user: CurrentUser): Promise<RoundView> {
    const row = await this.roundRow(id, user);
    const counts = await this.repo.countsByRound([id], districtOfOffice(user));
    return roundView(row, counts.get(id) ?? EMPTY);
  }

  /** Counts by state per district: the city sees every district, a district office its own. */
  async progress(id: number, user: CurrentUser) {
    const round = await this.round(id, user);
    const divisions = await this.deps.divisions();
    const rows = await this.repo.countsByDistrict(id, districtOfOffice(user));
    return {
      round,
      districts: rows.map((r) => {
        const d = divisions.find((x) => x.code === r.district_code);
        return {
          districtCode: r.district_code,
          nameZh: d?.name ?? '未填区县',
          nameEn: d?.nameEn ?? d?.name ?? 'No district',
          pending: r.pending,
          draft: r.draft,
          submitted: r.submitted,
          returned: r.returned,
          accepted: r.accepted,
          total: r.total,
        };
      }),
    };
  }

  /** After the deadline: the organizations that have not submitted (not yet filed, a draft, or returned and not refiled). */
  async late(id: number, user: CurrentUser) {
    const round = await this.roundRow(id, user);
    if (round.deadline >= beijingToday()) return { items: [] as LateItem[] };
    const rows = await this.repo.late(id, districtOfOffice(user));
    return { items: rows.map((r) => ({ filingId: r.id, orgId: r.org_id, orgName: r.org_name, districtCode: r.district_code, status: r.status })) };
  }
}

type LateItem = { filingId: number; orgId: number; orgName: string; districtCode: string | null; status: FilingRow['status'] };

/** Today's code of a district: an abolished one's successor (江北区 → 两江新区). */
function todayOf(divisions: { code: string; successorCode: string | null }[]) {
  const next = new Map(divisions.map((d) => [d.code, d.successorCode]));
  return (code: string) => {
    let c = code;
    for (let i = 0; i < 10 && next.get(c); i++) c = next.get(c)!;
    return c;
  };
}

export function formView(r: FormRow): FormView {
  return {
    id: r.id,
    code: r.code,
    version: r.version,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    origin: r.origin,
    filename: r.filename,
    fields: r.definition.fields,
    choices: r.definition.choices,
    createdAt: r.created_at,
  };
}

export function roundView(r: RoundRow, counts: Counts): RoundView {
  return {
    id: r.id,
    form: { id: r.form_id, code: r.form_code, version: r.form_version, titleZh: r.form_title_zh, titleEn: r.form_title_en },
    titleZh: r.title_zh,
    titleEn: r.title_en,
    frequency: r.frequency,
    period: r.period,
    districtCode: r.district_code,
    population: r.population,
    deadline: r.deadline,
    overdue: r.deadline < beijingToday(),
    counts,
    createdAt: r.created_at,
  };
}
