/**
 * 定期发布科技服务机构及服务内容清单: an admin publishes a snapshot of the directory under chosen
 * filters as a numbered, dated version (2026-001, 2026-002, ...). The rows are copied at
 * publication, so later edits of organizations never change a published version; the database
 * refuses UPDATE and DELETE on both tables. Published rows hold public fields only.
 */
import type { Database, Queryable } from '../../../platform/db/database.ts';
import { badRequest, forbidden, notFound } from '../../../platform/http/errors.ts';
import { recordHistory } from '../../../platform/history.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { publishEvent } from '../../../platform/events/outbox.ts';
import type { Config } from '../../../config.ts';
import type { CurrentUser } from '../../auth/index.ts';
import { PublicationRepository } from './repository.ts';
import { mayPublish } from '../policy.ts';
import type { ReferenceService } from '../../reference/index.ts';
import type { DirectoryService } from '../service.ts';
import { actorOf } from '../../auth/index.ts';
import { KIND_LABELS, RECOGNITION_LABELS } from '../columns.ts';
import { loadLookups } from '../lookups.ts';

export type { Publication, PublicationFilters, PublishedRow } from './schemas.ts';
import type { Publication, PublicationFilters } from './schemas.ts';
import type { PublishedRow } from './schemas.ts';

const UNIQUE_VIOLATION = '23505';

export class PublicationService {
  private readonly repo: PublicationRepository;

  constructor(
    private readonly db: Database,
    private readonly directory: DirectoryService,
    private readonly reference: ReferenceService,
    readonly config: Config,
  ) {
    this.repo = new PublicationRepository(db);
  }

  async publish(input: { title: string; filters: PublicationFilters }, user: CurrentUser): Promise<Publication> {
    if (!mayPublish(user)) throw forbidden();
    const filters = await this.directory.filtersOf(input.filters);
    const lookups = await loadLookups(this.reference);
    const year = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction(async (tx) => {
          // Read the snapshot first so the version row is written once, complete, and never updated.
          const published: PublishedRow[] = [];
          for await (const batch of this.directory.repo.with(tx).iterate(filters, 2000)) {
            for (const o of batch) {
              published.push({
                name: o.name,
                uscc: o.uscc,
                kinds: o.kinds.map((k) => KIND_LABELS[k] ?? k).join('、'),
                categories: o.categories.map(lookups.categoryName).join('、'),
                district: o.districtCode ? lookups.districtName(o.districtCode) : '',
                address: o.address ?? '',
                recognitions: o.recognitions.map((r) => RECOGNITION_LABELS[r.kind] ?? r.kind).join('、'),
                description: o.description ?? '',
                website: o.website ?? '',
              });
            }
          }
          if (!published.length) throw badRequest('publication_empty', 'publication.empty');
          const repo = this.repo.with(tx);
          const seq = await repo.nextSeq(year);
          const number = `${year}-${String(seq).padStart(3, '0')}`;
          const id = await repo.insert({ number, year, seq, title: input.title, filters: input.filters, orgCount: published.length, publishedBy: user.id });
          await repo.insertRows(id, published);
          const publication = (await this.get(id, tx))!;
          await recordHistory(tx, { entityType: 'publication', entityId: id, action: 'publish', actor: actorOf(user), before: null, after: publication });
          await publishEvent(tx, { type: 'publication.published', aggregateType: 'publication', aggregateId: id, payload: publication, actorId: user.id });
          await recordAudit(tx, {
            type: 'directory.publication_published',
            actor: user,
            subject: { type: 'publication', id },
            detail: { number, title: input.title, orgCount: published.length, filters: input.filters },
          });
          return publication;
        });
      } catch (err) {
        // two admins publishing at the same moment: the second takes the next number
        if ((err as { code?: string }).code === UNIQUE_VIOLATION && attempt < 5) continue;
        throw err;
      }
    }
  }

  async list(): Promise<Publication[]> {
    return this.repo.list();
  }

  async get(id: number, tx?: Queryable): Promise<Publication> {
    const p = await (tx ? this.repo.with(tx) : this.repo).findById(id);
    if (!p) throw notFound('publication.notFound');
    return p;
  }

  async *rows(id: number, batch = 2000): AsyncGenerator<PublishedRow[]> {
    let after = 0;
    for (;;) {
      const rows = await this.repo.rowsAfter(id, after, batch);
      if (!rows.length) return;
      yield rows.map((r) => r.data);
      after = rows[rows.length - 1].position;
    }
  }

  /** One page of a version's rows, read in order (rows are numbered by position). */
  async rowsPage(id: number, page: number, pageSize: number): Promise<{ items: PublishedRow[]; total: number; page: number; pageSize: number }> {
    const p = await this.get(id);
    return { items: await this.repo.rowsPage(id, pageSize, (page - 1) * pageSize), total: p.orgCount, page, pageSize };
  }
}
