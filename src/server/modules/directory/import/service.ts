/**
 * Directory import as a job: the upload returns at once with a job id, the rows are validated
 * (and, unless it is a dry run, the good ones inserted) in the background, and progress and the
 * report live in the org_imports table. Any app server can answer "how far is it", and the page
 * can be left and come back to. Good rows go in batches of 500, each batch one transaction with
 * its history and events; bad rows are reported, never half-written.
 */
import crypto from 'node:crypto';
import type { Database } from '../../../platform/db/database.ts';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.ts';
import { translate, type Locale } from '../../../platform/http/i18n.ts';
import { recordHistoryMany } from '../../../platform/history.ts';
import { publishEvents } from '../../../platform/events/outbox.ts';
import { isAdmin, type CurrentUser } from '../../auth/index.ts';
import type { DirectoryService } from '../service.ts';
import { actorOf } from '../../auth/index.ts';
import type { OrgInput } from '../schemas.ts';
import type { ReferenceService } from '../../reference/index.ts';
import { MAX_IMPORT_ROWS, readTable, unpackRow } from './parse.ts';
import { mapHeader, RowMapper, type RowError } from './rows.ts';
import { ImportRepository } from './repository.ts';
import { mayImport, mayManageOrgIn, maySeeImport } from '../policy.ts';

const BATCH = 500;

export type { ImportJob } from './schemas.ts';
import type { ImportJob } from './schemas.ts';
import { recordAudit } from '../../../platform/audit/index.ts';

export class ImportService {
  private running = new Set<Promise<void>>();
  private readonly repo: ImportRepository;

  constructor(
    private readonly db: Database,
    private readonly directory: DirectoryService,
    /** the vocabulary rows are read against, which the template offers too */
    readonly reference: ReferenceService,
  ) {
    this.repo = new ImportRepository(db);
  }

  async start(file: { buffer: Buffer; filename: string }, dryRun: boolean, user: CurrentUser, locale: Locale): Promise<string> {
    if (!mayImport(user)) throw forbidden();
    const id = crypto.randomUUID();
    await this.repo.insert(id, file.filename, dryRun, user.id);
    const work = this.process(id, file, dryRun, user, locale)
      .catch(async (err) => {
        const failure =
          err instanceof AppError
            ? { code: err.code, message: translate(locale, err.key, err.params) }
            : { code: 'internal', message: translate(locale, 'error.internal', { requestId: id }) };
        await this.repo.fail(id, failure);
        await recordAudit(this.db, {
          type: 'directory.import_failed',
          outcome: 'failure',
          actor: user,
          districtCode: user.districtCode,
          subject: { type: 'org_import', id },
          detail: { filename: file.filename, dryRun, failure },
        });
      })
      .finally(() => this.running.delete(work));
    this.running.add(work);
    return id;
  }

  /** Waits for running imports (graceful shutdown, tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.running]);
  }

  async get(id: string, user: CurrentUser): Promise<ImportJob> {
    if (!mayImport(user)) throw forbidden();
    const job = await this.repo.findById(id);
    if (!job || !maySeeImport(user, job)) throw notFound('import.notFound');
    const { createdBy: _c, ...rest } = job;
    return rest;
  }

  async list(user: CurrentUser): Promise<Omit<ImportJob, 'errors'>[]> {
    if (!mayImport(user)) throw forbidden();
    return this.repo.latest(isAdmin(user) ? null : user.id);
  }

  private async process(id: string, file: { buffer: Buffer; filename: string }, dryRun: boolean, user: CurrentUser, locale: Locale): Promise<void> {
    const table = await readTable(file.buffer, file.filename);
    const { index, missing } = mapHeader(table.header);
    if (missing.length) throw new AppError(400, 'import_missing_columns', 'import.missingColumns', { columns: missing.join('、') });
    if (!table.rows.length) throw new AppError(400, 'import_empty', 'import.empty');
    if (table.rows.length > MAX_IMPORT_ROWS)
      throw new AppError(400, 'import_too_many_rows', 'import.tooManyRows', { rows: table.rows.length, max: MAX_IMPORT_ROWS });
    await this.repo.setTotal(id, table.rows.length);

    const ref = this.reference;
    const vocab = { categories: await ref.categories(), divisions: await ref.divisions(), clusters: await ref.clusters() };
    const mapper = new RowMapper(vocab, index, locale);
    const categories = new Set(vocab.categories.map((c) => c.code));
    const divisions = new Set(vocab.divisions.map((d) => d.code));
    const clusters = new Set(vocab.clusters.map((c) => c.id));
    const firstRowOf = new Map<string, number>();
    const errors: RowError[] = [];
    let ok = 0;
    let created = 0;

    for (let start = 0; start < table.rows.length; start += BATCH) {
      const chunk = table.rows.slice(start, start + BATCH).map(unpackRow);
      const good: { input: OrgInput; row: number }[] = [];
      chunk.forEach((cells, i) => {
        const rowNumber = table.firstRowNumber + start + i;
        const mapped = mapper.map(cells, rowNumber);
        // a row reports all its bad fields at once: the codes are checked even when other fields are wrong
        const input = 'value' in mapped ? mapped.value : null;
        const codes: Pick<OrgInput, 'categories' | 'districtCode' | 'clusterId'> = 'value' in mapped ? mapped.value : mapped.raw;
        const rowErrors: RowError[] = 'errors' in mapped ? [...mapped.errors] : [];
        const reported = new Set(rowErrors.map((e) => e.field));
        const err = (field: string, key: string, params: Record<string, unknown>) =>
          reported.has(field) ||
          rowErrors.push({
            row: rowNumber,
            field,
            column: mapper.columnOf(field),
            value: mapper.cellOf(cells, field),
            message: translate(locale, key, params),
          });
        (Array.isArray(codes.categories) ? codes.categories : []).forEach(
          (c: string, j: number) => categories.has(c) || err(`categories.${j}`, 'field.unknownCategory', { value: c }),
        );
        if (typeof codes.districtCode === 'string' && codes.districtCode && !divisions.has(codes.districtCode))
          err('districtCode', 'field.unknownDistrict', { value: codes.districtCode });
        if (typeof codes.clusterId === 'string' && codes.clusterId && !clusters.has(codes.clusterId))
          err('clusterId', 'field.unknownCluster', { value: codes.clusterId });
        if (!mayManageOrgIn(user, (codes.districtCode as string | null) ?? null)) err('districtCode', 'org.outsideDistrict', { district: user.districtCode });
        if (!input) return void errors.push(...rowErrors);
        const seen = firstRowOf.get(input.uscc);
        if (seen) err('uscc', 'import.duplicateInFile', { row: seen });
        else firstRowOf.set(input.uscc, rowNumber);
        if (rowErrors.length) errors.push(...rowErrors);
        else good.push({ input, row: rowNumber });
      });
      // codes already in the directory are reported, not overwritten
      const existing = new Map((await this.directory.repo.findByUscc(good.map((g) => g.input.uscc))).map((e) => [e.uscc, e.name]));
      const fresh = good.filter((g) => {
        const name = existing.get(g.input.uscc);
        if (name === undefined) return true;
        errors.push({
          row: g.row,
          field: 'uscc',
          column: mapper.columnOf('uscc'),
          value: g.input.uscc,
          message: translate(locale, 'import.existing', { name }),
        });
        return false;
      });
      ok += fresh.length;
      if (!dryRun && fresh.length) {
        created += await this.insertBatch(
          fresh.map((f) => f.input),
          user,
          id,
        );
        this.directory.invalidateCounts();
      }
      await this.repo.progress(id, { processed: start + chunk.length, ok, created, errorRows: new Set(errors.map((e) => e.row)).size });
    }
    errors.sort((a, b) => a.row - b.row);
    await this.repo.finish(id, errors);
    await recordAudit(this.db, {
      type: 'directory.import_finished',
      actor: user,
      districtCode: user.districtCode,
      subject: { type: 'org_import', id },
      detail: { filename: file.filename, dryRun, rows: table.rows.length, created, errorRows: new Set(errors.map((e) => e.row)).size },
    });
  }

  private async insertBatch(inputs: OrgInput[], user: CurrentUser, importId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const ids = await this.directory.repo.with(tx).insertMany(inputs);
      const actor = actorOf(user);
      await recordHistoryMany(
        tx,
        inputs.map((input, i) => ({ entityType: 'org', entityId: ids[i], action: 'import', actor, before: null, after: { ...input, importId } })),
      );
      await publishEvents(
        tx,
        inputs.map((input, i) => ({
          type: 'org.created',
          aggregateType: 'org',
          aggregateId: ids[i],
          payload: { id: ids[i], ...input, importId },
          actorId: user.id,
        })),
      );
      return ids.length;
    });
  }
}
