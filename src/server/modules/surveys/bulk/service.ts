/**
 * Bulk filing (批量填报): an office downloads a round's form as an xlsx with one row per organization it may file
 * for (a district office its district's, the city any), fills it, and uploads it. Every row is checked with the
 * rules of online filing (types, choices, required, ranges, cross-field constraints, relevant, the ×3 reason); the
 * upload is all or nothing — any refused row and nothing changes, every refusal named by sheet, row, column and
 * the field's label. Filed rows become submitted filings, filed by the office on the organization's behalf
 * (代报): in each filing's history as `filed_by_office` by the office's user, and once in the audit trail.
 */
import { AppError, conflict, forbidden, invalid, type FieldError } from '../../../platform/http/errors.ts';
import { detectUpload } from '../../../platform/files/uploads.ts';
import { recordHistory } from '../../../platform/history.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { actorOf, isOffice, type CurrentUser } from '../../auth/index.ts';
import { districtOfOffice } from '../policy.ts';
import type { FilingRow } from '../repository.ts';
import type { SurveyService } from '../service.ts';
import { check, farFromLast, keepAsked, normalize, type Values } from '../validate.ts';
import type { FormDefinition } from '../definition.ts';
import { columnsOf, readBulkSheet, SHEET, USCC, writeBulkSheet, type Read } from './sheet.ts';

const EDITABLE = new Set(['pending', 'draft', 'returned']);
/** refusals listed at most (the count says how many there were) */
const MAX_LISTED = 200;

export interface BulkResult {
  filed: number;
  items: { row: number; filingId: number; orgId: number; orgName: string }[];
}

export class BulkFilingService {
  constructor(private readonly surveys: SurveyService) {}

  private async scope(roundId: number, user: CurrentUser) {
    const round = await this.surveys.roundRow(roundId, user);
    if (!isOffice(user)) throw forbidden('survey.officesOnly');
    const form = await this.surveys.form(round.form_id);
    return { round, form, district: districtOfOffice(user) };
  }

  /** The template: the organizations the office may file for whose filings are still open, with what they saved. */
  async template(roundId: number, user: CurrentUser): Promise<{ data: Buffer; filename: string }> {
    const { round, form, district } = await this.scope(roundId, user);
    const filings = (await this.surveys.repo.roundFilings(roundId, district)).filter((f) => EDITABLE.has(f.status));
    const usccs = await this.surveys.deps.usccs(filings.map((f) => f.org_id));
    const data = await writeBulkSheet(
      form.definition,
      filings.map((f) => ({ uscc: usccs.get(f.org_id) ?? '', name: f.org_name, values: f.values })),
    );
    return { data, filename: `${form.code}-${round.period}-round${round.id}.xlsx` };
  }

  async upload(roundId: number, file: { data: Buffer; filename: string }, user: CurrentUser): Promise<BulkResult> {
    const { round, form, district } = await this.scope(roundId, user);
    if (!file.data.length) throw invalid([{ path: 'file', key: 'survey.bulk.empty' }]);
    await detectUpload(file.data, file.filename, {
      kinds: ['xlsx'],
      kindsKey: 'survey.kinds.bulk',
      refuse: { code: 'survey_bulk_not_xlsx', key: 'survey.bulk.notXlsx' },
    });
    const def = form.definition;
    const sheet = await readBulkSheet(file.data, def);
    if (!sheet.rows.length) throw invalid([{ path: 'file', key: 'survey.bulk.noRows', params: { sheet: sheet.sheet } }]);

    // the organizations of the round, by USCC: every district's, so that another district's is told apart from a stranger
    const all = await this.surveys.repo.roundFilings(roundId);
    const usccs = await this.surveys.deps.usccs(all.map((f) => f.org_id));
    const byUscc = new Map(all.map((f) => [usccs.get(f.org_id)?.toUpperCase() ?? '', f]));
    const at = cellOf(sheet, def);
    const problems: FieldError[] = [];
    const notYours: FieldError[] = [];
    const seen = new Map<string, number>();
    const checked: { row: number; filing: FilingRow; values: Values; reason: string }[] = [];
    const good: { row: number; filing: FilingRow; values: Values; confirmations: Record<string, string> }[] = [];

    for (const r of sheet.rows) {
      const before = problems.length;
      if (!r.uscc) {
        problems.push(at(r.n, USCC, 'survey.bulk.noUscc'));
        continue;
      }
      const filing = byUscc.get(r.uscc);
      if (!filing) {
        problems.push(at(r.n, USCC, 'survey.bulk.notInRound', { value: r.uscc }));
        continue;
      }
      if (seen.has(r.uscc)) {
        problems.push(at(r.n, USCC, 'survey.bulk.duplicate', { value: r.uscc, first: seen.get(r.uscc) }));
        continue;
      }
      seen.set(r.uscc, r.n);
      if (district && filing.district_code !== district) {
        notYours.push(at(r.n, USCC, 'survey.bulk.notYourOrg', { value: r.uscc, org: filing.org_name }));
        continue;
      }
      if (!EDITABLE.has(filing.status)) {
        problems.push(at(r.n, USCC, 'survey.bulk.notEditable', { org: filing.org_name, statusKey: `survey.status.${filing.status}` }));
        continue;
      }
      // the rules of online filing, in the same order: types and choices, then required, range, constraint
      const { values: read, errors } = normalize(def, r.values);
      for (const e of errors) problems.push(at(r.n, e.path.replace(/^values\./, ''), e.key, e.params));
      if (errors.length) continue;
      const values = keepAsked(def, read);
      for (const e of check(def, values)) problems.push(at(r.n, e.path.replace(/^values\./, ''), e.key, e.params));
      if (problems.length === before) checked.push({ row: r.n, filing, values, reason: r.reason.trim() });
    }
    // the ×3 rule against each organization's last accepted period, read for all rows at once
    const lasts = await this.surveys.repo.lastAcceptedOf(
      checked.map((c) => c.filing.org_id),
      form.code,
      round.frequency,
      round.period,
    );
    for (const c of checked) {
      const last = lasts.get(c.filing.org_id) ?? null;
      const confirmations: Record<string, string> = {};
      let far = false;
      for (const x of farFromLast(def, c.values, last?.values ?? null)) {
        const params = { label: x.field.labelZh, labelEn: x.field.labelEn, value: x.value, last: x.last, period: last!.period, unit: x.field.unit ?? '' };
        if (c.reason.length < 2) {
          problems.push(at(c.row, x.field.name, 'survey.bulk.farFromLast', params));
          far = true;
        } else confirmations[x.field.name] = c.reason;
      }
      if (!far) good.push({ row: c.row, filing: c.filing, values: c.values, confirmations });
    }
    if (notYours.length)
      throw new AppError(403, 'survey_bulk_not_your_district', 'survey.bulk.notYourDistrict', { count: notYours.length }, notYours.slice(0, MAX_LISTED));
    // by row, as the sheet reads (the ×3 refusals were found after the others)
    problems.sort((a, b) => Number(a.params?.row) - Number(b.params?.row));
    if (problems.length)
      throw new AppError(
        400,
        'survey_bulk_invalid',
        'survey.bulk.invalid',
        { count: problems.length, rows: new Set(problems.map((p) => p.params?.row)).size },
        problems.slice(0, MAX_LISTED),
      );

    const filenameShown = file.filename.slice(0, 200);
    await this.surveys.db.transaction(async (tx) => {
      const repo = this.surveys.repo.with(tx);
      const locked = new Map((await repo.roundFilings(roundId, district, true)).map((f) => [f.id, f]));
      for (const g of good) {
        const now = locked.get(g.filing.id);
        // changed while the file was read (a member submitted, another upload): nothing of this upload is kept
        if (!now || now.version !== g.filing.version || !EDITABLE.has(now.status))
          throw conflict('survey.bulk.changedMeanwhile', { row: g.row, org: g.filing.org_name });
        await repo.saveFiling(g.filing.id, { status: 'submitted', values: g.values, confirmations: g.confirmations, submittedBy: user.id });
        await recordHistory(tx, {
          entityType: 'survey_filing',
          entityId: g.filing.id,
          action: 'filed_by_office',
          actor: actorOf(user),
          before: { status: now.status, values: now.values },
          after: { status: 'submitted', values: g.values, confirmations: g.confirmations, file: filenameShown, row: g.row },
        });
      }
      await recordAudit(tx, {
        type: 'surveys.bulk_filed',
        actor: user,
        districtCode: district,
        subject: { type: 'survey_round', id: roundId },
        detail: { file: filenameShown, filings: good.length, filingIds: good.slice(0, 100).map((g) => g.filing.id) },
      });
    });
    return { filed: good.length, items: good.map((g) => ({ row: g.row, filingId: g.filing.id, orgId: g.filing.org_id, orgName: g.filing.org_name })) };
  }
}

/** A refusal at a cell: the path is the cell (填报!D5), the message names sheet, row, column and the field's label. */
function cellOf(sheet: Read, def: FormDefinition) {
  const fallback = columnsOf(def);
  return (row: number, name: string, problemKey: string, params: Record<string, unknown> = {}): FieldError => {
    const col = sheet.columns.get(name);
    // a column deleted from the sheet: named by its header all the same, with no letter
    const known = fallback.find((c) => c.name === name);
    const header = col ?? { letter: '—', headerZh: known?.headerZh ?? name, headerEn: known?.headerEn ?? name };
    return {
      path: `${sheet.sheet || SHEET}!${header.letter}${row}`,
      key: 'survey.bulk.cell',
      params: { ...params, sheet: sheet.sheet || SHEET, row, column: header.letter, header: header.headerZh, headerEn: header.headerEn, problemKey },
    };
  };
}
