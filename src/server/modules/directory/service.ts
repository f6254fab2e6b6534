/**
 * The directory's rules: who may create and edit which organization, reference codes must exist,
 * a USCC is unique, every change keeps its before/after in history and emits a domain event in
 * the same transaction.
 */
import type { Database, Queryable } from '../../platform/db/database.ts';
import { AppError, conflict, forbidden, invalid, notFound, unauthorized, type FieldError } from '../../platform/http/errors.ts';
import { changedFields, listHistory, recordHistory } from '../../platform/history.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { Generations } from '../../platform/cache/generations.ts';
import { actorOf, type CurrentUser } from '../auth/index.ts';
import type { ReferenceService } from '../reference/index.ts';
import { DirectoryRepository, parseTextQuery, type SearchFilters, type SearchPage } from './repository.ts';
import type { Org, OrgInput, OrgListQuery, OrgPatch, OrgView } from './schemas.ts';
import { presentOrg } from './presenter.ts';
import { mayManageOrgIn, mayManageOrgs, maySeeHistory } from './policy.ts';

const UNIQUE_VIOLATION = '23505';
/** what the counts of a query-less listing depend on (the cache scopes of migration 0027) */
const COUNT_SCOPES = ['directory', 'reference'] as const;

export interface OrgListResult {
  items: Org[];
  total: number;
  page: number;
  pageSize: number;
  /** true when the results come from typo-tolerant matching because exact matching found almost nothing */
  fuzzy: boolean;
  /** the total is an estimate (the words match more than EXACT_LIMIT organizations); pages write "约" */
  approximate: boolean;
  /** the facet counts are estimates from a sample of the matches */
  facetsApproximate: boolean;
  facets: { category: { code: string; count: number }[]; district: { code: string; count: number }[] };
}

type KnownCodes = { category: Set<string>; district: Set<string>; cluster: Set<string> };

export class DirectoryService {
  readonly repo: DirectoryRepository;
  /**
   * Total and facets of query-less listings, filed under the directory's change counters: reused until any
   * organization changes, in any process (the counters move in the writing transaction), never after.
   */
  private countCache = new Map<string, Omit<SearchPage, 'ids'>>();
  private readonly generations: Generations;

  /** Directory changed (create, edit, import): cached counts are stale. */
  invalidateCounts(): void {
    this.countCache.clear();
  }

  constructor(
    private readonly db: Database,
    readonly reference: ReferenceService,
  ) {
    this.repo = new DirectoryRepository(db);
    this.generations = new Generations(db);
  }

  /** Turns list query parameters into repository filters (districts rolled up to successors). */
  async filtersOf(q: Omit<OrgListQuery, 'page' | 'pageSize'>): Promise<SearchFilters> {
    const districts = q.district?.length ? (await Promise.all(q.district.map((d: string) => this.reference.rollUp(d)))).flat() : undefined;
    return {
      text: parseTextQuery(q.q),
      categories: q.category,
      districts,
      clusters: q.cluster,
      kinds: q.kind,
      recognitions: q.recognition,
    };
  }

  async list(q: OrgListQuery): Promise<OrgListResult> {
    const f = await this.filtersOf(q);
    const sort = q.sort ?? (f.text ? 'relevance' : 'updated');
    const order = q.order ?? (sort === 'name' ? 'asc' : 'desc');
    const offset = (q.page - 1) * q.pageSize;
    const codes = (await this.reference.categories()).map((c) => c.code);
    let fuzzy = false;
    let result: SearchPage;
    if (!f.text) {
      // Browsing without a query: the page comes from an index; total and facets over the
      // whole directory are the expensive part and change only on writes, so they are cached.
      // recognitions count while valid: today's date is part of the key
      const version = Generations.versionOf(await this.generations.read(), COUNT_SCOPES);
      const key = JSON.stringify([
        version,
        new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
        f.categories,
        f.districts,
        f.clusters,
        f.kinds,
        f.recognitions,
      ]);
      const hit = this.countCache.get(key);
      if (hit) {
        result = { ...hit, ids: await this.repo.pageIds(f, sort, order, q.pageSize, offset) };
      } else {
        result = await this.repo.searchPage(f, sort, order, q.pageSize, offset, false, codes);
        if (this.countCache.size > 2000) this.countCache.clear();
        this.countCache.set(key, { total: result.total, facets: result.facets });
      }
    } else {
      // a word in a tenth of the directory must not cost a tenth of the directory: bounded work beyond EXACT_LIMIT matches
      const breadth = await this.repo.breadth(f);
      result = breadth.approximate
        ? await this.repo.broadSearchPage(f, sort, order, q.pageSize, offset, codes, breadth.total)
        : await this.repo.searchPage(f, sort, order, q.pageSize, offset, false, codes);
    }
    // "Did you mean": nothing matches the words, even without filters — perhaps a typo, so try pinyin matching.
    if (f.text && result.total === 0 && !(await this.repo.textMatchesAny(f.text))) {
      const loose = await this.repo.searchPage(f, sort, order, q.pageSize, offset, true, codes);
      if (loose.total > result.total) {
        result = loose;
        fuzzy = true;
      }
    }
    const items = await this.repo.findByIds(result.ids);
    const category = result.facets.category.sort((a, b) => b.count - a.count);
    return {
      items,
      total: result.total,
      page: q.page,
      pageSize: q.pageSize,
      approximate: result.approximate ?? false,
      facetsApproximate: result.facetsApproximate ?? false,
      fuzzy,
      facets: { category, district: await this.rollUpCounts(result.facets.district) },
    };
  }

  /**
   * How many organizations match the filters, by category and by district (today's divisions), read now and not
   * from the list's count cache: the statistics count after a change and must see it.
   */
  async tally(q: Pick<OrgListQuery, 'category' | 'district' | 'cluster' | 'kind' | 'recognition'>) {
    const f = await this.filtersOf(q);
    const codes = (await this.reference.categories()).map((c) => c.code);
    const r = await this.repo.searchPage(f, 'updated', 'desc', 0, 0, false, codes);
    return { total: r.total, category: r.facets.category, district: await this.rollUpCounts(r.facets.district) };
  }

  /** District counts under today's divisions: an abolished code's count goes to its successor. */
  private async rollUpCounts(counts: { code: string; count: number }[]) {
    const divisions = await this.reference.divisions();
    const successor = new Map(divisions.map((d) => [d.code, d.successorCode]));
    const out = new Map<string, number>();
    for (const { code, count } of counts) {
      let current = code;
      for (let guard = 0; successor.get(current) && guard < 10; guard++) current = successor.get(current)!;
      out.set(current, (out.get(current) ?? 0) + count);
    }
    return [...out].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count);
  }

  async get(id: number): Promise<Org> {
    const org = await this.repo.findById(id);
    if (!org) throw notFound('org.notFound');
    return org;
  }

  /** The organization with this USCC (normalized), or null: a registration claims an existing entry or a new one. */
  async byUscc(uscc: string, tx?: Queryable): Promise<{ id: number; uscc: string; name: string } | null> {
    const [found] = await (tx ? this.repo.with(tx) : this.repo).findByUscc([uscc]);
    return found ?? null;
  }

  /** Each organization's USCC by id (surveys' bulk-filing sheet names its rows by it). */
  async usccsOf(ids: number[]): Promise<Map<number, string>> {
    return new Map((await this.repo.usccsOf(ids)).map((r) => [r.id, r.uscc]));
  }

  /** The organization registered under this USCC, or null: single sign-on maps a claim to an organization by it. */
  async idByUscc(uscc: string): Promise<{ id: number; name: string } | null> {
    const [org] = await this.repo.findByUscc([uscc.trim().toUpperCase()]);
    return org ? { id: Number(org.id), name: org.name } : null;
  }

  async history(id: number, user: CurrentUser | null) {
    if (!user) throw unauthorized();
    if (!maySeeHistory(user)) throw forbidden();
    await this.get(id);
    return listHistory(this.db, 'org', id);
  }

  /** The organizations an export writes, in batches, as the viewer may see them. */
  async *exportBatches(q: Omit<OrgListQuery, 'page' | 'pageSize' | 'sort' | 'order'>, viewer: CurrentUser | null): AsyncGenerator<OrgView[]> {
    const filters = await this.filtersOf(q);
    // a signed-in export carries contact people, phones and emails: personal data, so who took it is recorded
    if (viewer) {
      await recordAudit(this.db, { type: 'directory.exported', actor: viewer, districtCode: viewer.districtCode, detail: { filters: q, personalData: true } });
    }
    for await (const batch of this.repo.iterate(filters)) yield batch.map((o) => presentOrg(o, viewer));
  }

  async create(input: OrgInput, user: CurrentUser): Promise<Org> {
    this.assertMayWrite(user, input.districtCode ?? null);
    await this.checkReferences(input);
    await this.assertUsccFree(input.uscc);
    const id = await this.db
      .transaction(async (tx) => {
        const id = await this.repo.with(tx).insert(input);
        const after = await this.repo.with(tx).findById(id);
        await recordHistory(tx, { entityType: 'org', entityId: id, action: 'create', actor: actorOf(user), before: null, after });
        await publishEvent(tx, { type: 'org.created', aggregateType: 'org', aggregateId: id, payload: after, actorId: user.id });
        return id;
      })
      .catch((err) => this.translateUnique(err, input.uscc));
    this.invalidateCounts();
    return this.get(id);
  }

  async update(id: number, patch: OrgPatch, user: CurrentUser): Promise<Org> {
    const { version, ...changes } = patch;
    const codes = await this.knownCodes();
    const result = await this.db
      .transaction(async (tx) => {
        const repo = this.repo.with(tx);
        const before = await repo.findById(id, true); // row lock: concurrent edits apply one after another
        if (!before) throw notFound('org.notFound');
        if (version !== undefined && version !== before.version) throw conflict('org.versionConflict', { current: before.version });
        this.assertMayWrite(user, before.districtCode);
        // an edit that changes nothing writes nothing: no version, history entry or event
        if (!changedFields(toInput(before), changes).length) return before;
        const next: OrgInput = { ...toInput(before), ...changes };
        // A district admin must own the org both before and after (no moving it out of reach).
        this.assertMayWrite(user, next.districtCode ?? null);
        await this.checkReferences(next, codes);
        if (next.uscc !== before.uscc) await this.assertUsccFree(next.uscc, tx);
        await repo.update(id, next);
        const after = await repo.findById(id);
        await recordHistory(tx, { entityType: 'org', entityId: id, action: 'update', actor: actorOf(user), before, after });
        await publishEvent(tx, { type: 'org.updated', aggregateType: 'org', aggregateId: id, payload: { before, after }, actorId: user.id });
        return after!;
      })
      .catch((err) => this.translateUnique(err, patch.uscc ?? ''));
    this.invalidateCounts();
    return result;
  }

  assertMayWrite(user: CurrentUser, districtCode: string | null): void {
    if (mayManageOrgIn(user, districtCode)) return;
    if (mayManageOrgs(user)) throw forbidden('org.outsideDistrict', { district: user.districtCode });
    throw forbidden();
  }

  /** Field errors for codes that are not in the reference data (categories etc. are editable). */
  /**
   * The codes the reference module knows, from its cached lists (edited rarely, read by every write).
   * Read before a transaction: on PGlite's one connection a read through the pool inside one would wait forever.
   */
  private async knownCodes(): Promise<KnownCodes> {
    const [cats, divs, clusters] = await Promise.all([this.reference.categories(), this.reference.divisions(), this.reference.clusters()]);
    return { category: new Set(cats.map((c) => c.code)), district: new Set(divs.map((d) => d.code)), cluster: new Set(clusters.map((c) => c.id)) };
  }

  async referenceProblems(input: Pick<OrgInput, 'categories' | 'districtCode' | 'clusterId'>, codes?: KnownCodes): Promise<FieldError[]> {
    const sets = codes ?? (await this.knownCodes());
    const known = (kind: keyof KnownCodes) => sets[kind];
    const categories = known('category');
    const problems: FieldError[] = [];
    input.categories.forEach((c, i) => {
      if (!categories.has(c)) problems.push({ path: `categories.${i}`, key: 'field.unknownCategory', params: { value: c } });
    });
    if (input.districtCode && !known('district').has(input.districtCode))
      problems.push({ path: 'districtCode', key: 'field.unknownDistrict', params: { value: input.districtCode } });
    if (input.clusterId && !known('cluster').has(input.clusterId))
      problems.push({ path: 'clusterId', key: 'field.unknownCluster', params: { value: input.clusterId } });
    return problems;
  }

  private async checkReferences(input: OrgInput, codes?: KnownCodes) {
    const problems = await this.referenceProblems(input, codes);
    if (problems.length) throw invalid(problems);
  }

  private async assertUsccFree(uscc: string, tx: Queryable = this.db) {
    const [existing] = await this.repo.with(tx).findByUscc([uscc]);
    if (existing)
      throw conflict('org.duplicateUscc', { uscc, name: existing.name }, [{ path: 'uscc', key: 'org.duplicateUscc', params: { uscc, name: existing.name } }]);
  }

  /** Two requests racing with one USCC: the database's unique index decides; report it as 409. */
  private async translateUnique(err: unknown, uscc: string): Promise<never> {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
      const [existing] = await this.repo.findByUscc([uscc]);
      throw conflict('org.duplicateUscc', { uscc, name: existing?.name ?? '' }, [
        { path: 'uscc', key: 'org.duplicateUscc', params: { uscc, name: existing?.name ?? '' } },
      ]);
    }
    throw err;
  }
}

export function toInput(o: Org): OrgInput {
  return {
    uscc: o.uscc,
    name: o.name,
    formerNames: o.formerNames,
    kinds: o.kinds as OrgInput['kinds'],
    categories: o.categories,
    districtCode: o.districtCode,
    clusterId: o.clusterId,
    address: o.address,
    contactPerson: o.contactPerson,
    contactPhone: o.contactPhone,
    contactEmail: o.contactEmail,
    foundedOn: o.foundedOn,
    employees: o.employees,
    revenueBand: o.revenueBand as OrgInput['revenueBand'],
    recognitions: o.recognitions as OrgInput['recognitions'],
    description: o.description,
    website: o.website,
  };
}

export { AppError };
