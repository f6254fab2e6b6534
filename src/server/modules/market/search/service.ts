/**
 * One search across kinds (`GET /api/v1/search`): the same query (folded, segmented, expanded with
 * synonyms, with the pinyin typo fallback) counted over achievements, demands, experts,
 * organizations and instruments for the tabs, and one kind's page with highlighted fragments.
 */
import type { Database } from '../../../platform/db/database.ts';
import { mayBeTypo } from '../listings/list-query.ts';
import type { VocabularyService } from '../vocabulary/service.ts';
import { highlight, parseMarketQuery } from '../vocabulary/text.ts';
import { SEARCH_KINDS, type SearchKind } from '../schemas.ts';
import { SearchRepository } from './repository.ts';
import type { SearchHit, SearchQuery } from './schemas.ts';

export class SearchService {
  private readonly repo: SearchRepository;

  constructor(
    db: Database,
    private readonly vocabulary: VocabularyService,
  ) {
    this.repo = new SearchRepository(db);
  }

  async search(q: SearchQuery) {
    const text = parseMarketQuery(q.q, await this.vocabulary.synonymGroups());
    const none = { achievement: 0, demand: 0, expert: 0, org: 0, instrument: 0 };
    if (!text)
      return { q: q.q, kind: q.kind ?? 'achievement', counts: none, approximate: [], items: [], total: 0, page: q.page, pageSize: q.pageSize, fuzzy: false };
    let fuzzy = false;
    let counts = await this.repo.counts(text, false);
    if (Object.values(counts).every((c) => c.total === 0) && mayBeTypo(text)) {
      const again = await this.repo.counts(text, true);
      if (Object.values(again).some((c) => c.total > 0)) [counts, fuzzy] = [again, true];
    }
    const kind = q.kind ?? SEARCH_KINDS.find((k) => counts[k].total > 0) ?? 'achievement';
    const rows = counts[kind].total ? await this.repo.page(kind, text, fuzzy, counts[kind].approximate, q.pageSize, (q.page - 1) * q.pageSize) : [];
    const items = rows.map(
      (r) => ({ kind, id: Number(r.id), title: highlight(r.title, text.marks), snippet: highlight(r.body, text.marks, 120), meta: r.meta }) as SearchHit,
    );
    return {
      q: q.q,
      kind,
      counts: Object.fromEntries(SEARCH_KINDS.map((k) => [k, counts[k].total])) as Record<SearchKind, number>,
      /** kinds whose count is an estimate (more than EXACT_LIMIT matches) */
      approximate: SEARCH_KINDS.filter((k) => counts[k].approximate),
      items,
      total: counts[kind].total,
      page: q.page,
      pageSize: q.pageSize,
      fuzzy,
    };
  }
}
