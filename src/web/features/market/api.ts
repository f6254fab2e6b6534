/**
 * The technology market's queries and writes (docs/MARKET.md): search, achievements, demands, experts, matches,
 * deals, the workbench's listings, review and synonyms.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, qs, unwrapAs } from '../../api/client';
import type { paths } from '../../api/schema';

export type AchievementBody = paths['/api/v1/achievements']['post']['requestBody']['content']['application/json'];
export type DemandBody = paths['/api/v1/demands']['post']['requestBody']['content']['application/json'];
export type FeedbackBody = paths['/api/v1/matches/feedback']['post']['requestBody']['content']['application/json'];
export type Maturity = AchievementBody['maturity'];
export type TransferMode = AchievementBody['transferModes'][number];
export type IpType = NonNullable<AchievementBody['ip']>[number]['type'];
export type MatchKind = FeedbackBody['kind'];
export type Verdict = NonNullable<FeedbackBody['verdict']>;
export type SearchKind = NonNullable<NonNullable<paths['/api/v1/search']['get']['parameters']['query']>['kind']>;
/** The kinds with a list of their own (filters, facets) besides /search. */
export type ListedKind = 'achievement' | 'demand' | 'expert';

// TODO(contract): generated type
export type ItemStatus = 'draft' | 'in_review' | 'published' | 'closed';
// TODO(contract): generated type
export type DealStatus = 'inquiry' | 'negotiating' | 'agreed' | 'withdrawn';
// TODO(contract): generated type
export interface Segment { text: string; hit: boolean }
// TODO(contract): generated type
export interface Highlighted { title?: Segment[]; snippet?: Segment[] }
// TODO(contract): generated type
export interface FacetCount { code: string; count: number }
// TODO(contract): generated type
export interface TechField { code: string; kind: 'discipline' | 'industry'; name: string; nameEn: string }
// TODO(contract): generated type
export interface Achievement {
  id: number; ownerOrgId: number; ownerName: string; title: string; abstract: string; keywords: string[];
  disciplineCode: string | null; industryCode: string | null; maturity: Maturity; trl: number | null;
  ip: { type: IpType; number: string }[]; transferModes: TransferMode[]; priceNegotiable: boolean;
  priceMinFen: number | null; priceMaxFen: number | null; inventors: { id: number; name: string; title: string | null }[];
  attachments: { id: number; filename: string; contentType: string; size: number }[]; status: ItemStatus;
  reviewNote: string | null; publishedAt: string | null; createdAt: string; updatedAt: string; version: number;
  highlight?: Highlighted;
}
// TODO(contract): generated type
export interface Demand {
  id: number; orgId: number; orgName: string; title: string; description: string; industryCode: string | null;
  disciplineCode: string | null; maturityNeeded: Maturity | null; budgetNegotiable: boolean; budgetFen: number | null;
  deadline: string | null; cooperationModes: string[]; districtCode: string | null; contactName: string | null;
  contactPhone: string | null; status: ItemStatus; reviewNote?: string | null; publishedAt?: string | null;
  createdAt?: string; updatedAt?: string; version: number; highlight?: Highlighted;
}
// TODO(contract): generated type
export interface Expert {
  id: number; userId: number | null; name: string; title: string | null; affiliationOrgId: number | null; affiliation: string | null;
  fields: string[]; keywords: string[]; biography: string | null; consulting: boolean; consultingNote: string | null;
  techManagerGrade: 'junior' | 'intermediate' | 'senior' | null; commissioner: boolean; districtCode: string | null;
  contactConsent: boolean; contact: { phone: string | null; email: string | null } | null; contactHidden: 'sign_in' | 'no_consent' | null;
  achievements: { id: number; title: string }[]; status: string; version: number; highlight?: Highlighted;
}
// TODO(contract): generated type
export interface ListResponse<T> {
  items: T[]; total: number; page: number; pageSize: number; fuzzy?: boolean; approximate?: boolean; facets?: Record<string, FacetCount[]>;
}
// TODO(contract): generated type
export interface SearchItem { kind: SearchKind; id: number; title: Segment[]; snippet: Segment[]; meta?: Record<string, unknown> }
// TODO(contract): generated type
export interface SearchResponse {
  q: string; kind: SearchKind | null; counts: Record<SearchKind, number>; items: SearchItem[]; total: number; page: number; pageSize: number;
  fuzzy?: boolean; approximate?: string[];
}
// TODO(contract): generated type
export interface Breakdown { terms: number; field: number; maturity: number; district: number; price: number; feedback: number }
// TODO(contract): generated type
export interface Match {
  kind: MatchKind | string; id: number; title: string; subtitle: string | null; score: number; breakdown: Partial<Breakdown> & Record<string, number>;
  sharedTerms: string[]; reasons: string[]; feedback: Verdict | null;
}
// TODO(contract): generated type
export interface DemandMatches { terms: { term: string; weight: number }[]; achievements: Match[]; experts: Match[]; providers: Match[]; instruments: Match[] }
// TODO(contract): generated type
export interface AchievementMatches { demands: Match[]; enterprises: Match[] }
// TODO(contract): generated type
export interface DealMessage { id: number; authorName: string; orgName: string; side: 'initiator' | 'counterpart'; body: string; createdAt: string }
// TODO(contract): generated type
export interface Deal {
  id: number; kind: 'inquiry' | 'offer'; subject: { kind: 'achievement' | 'demand'; id: number; title: string };
  initiator: { orgId: number; name: string }; counterpart: { orgId: number; name: string }; status: DealStatus;
  agreedByInitiator: boolean; agreedByCounterpart: boolean; mySide: 'initiator' | 'counterpart' | null;
  messages: DealMessage[]; createdAt: string; updatedAt: string; withdrawnReason?: string | null;
}
// TODO(contract): generated type
export interface SynonymGroup { id: number; terms: string[] }

/** The API's collection of each kind, and the page's. */
export const COLLECTION = { achievement: 'achievements', demand: 'demands', expert: 'experts' } as const;
type Collection = (typeof COLLECTION)[ListedKind];

export const marketKeys = {
  search: ['market-search'] as const,
  item: (kind: ListedKind, id: number) => [COLLECTION[kind], 'detail', id] as const,
  list: (kind: ListedKind) => [COLLECTION[kind], 'list'] as const,
  demandMatches: (id: number) => ['demands', 'matches', id] as const,
  deals: ['deals'] as const,
  deal: (id: number) => ['deals', 'detail', id] as const,
  synonyms: ['synonyms'] as const,
};

// ------------------------------------------------------------------ vocabularies

export const techFieldsQuery = queryOptions({
  queryKey: ['tech-fields'],
  queryFn: async () => (await unwrapAs<{ items: TechField[] }>(api.GET('/api/v1/tech-fields'))).items,
  staleTime: Infinity,
});

// ------------------------------------------------------------------ search and lists

/**
 * One search across the kinds (/search, for the tabs' counts) and, for a kind with its own list, that list with
 * its filters and facets. The answer names what it was asked for (`key`); the previous answer stays on screen while
 * the next loads.
 */
export const marketSearchQuery = (ask: { key: string; q: string; kind: SearchKind | null; page: number; pageSize: number; list: (kind: SearchKind) => Record<string, string> | null }) => queryOptions({
  queryKey: [...marketKeys.search, ask.key],
  queryFn: async () => {
    const search = ask.q ? await unwrapAs<SearchResponse>(api.GET('/api/v1/search', { params: { query: { q: ask.q, kind: ask.kind ?? undefined, page: ask.page, pageSize: ask.pageSize } } })) : null;
    const kind: SearchKind = ask.kind ?? search?.kind ?? 'achievement';
    const filters = ask.list(kind);
    const list = filters && kind in COLLECTION
      ? await listOf<Achievement | Demand | Expert>(kind as ListedKind, { ...filters, q: ask.q, page: ask.page, pageSize: ask.pageSize })
      : null;
    return { key: ask.key, kind, search, list };
  },
  placeholderData: keepPreviousData,
});

/** A list of achievements, demands or experts; the query string is read as the API reads it (qs). */
function listOf<T>(kind: ListedKind, query: Record<string, unknown>) {
  // the three lists take different filters; the generic search page passes them through as the URL holds them
  return unwrapAs<ListResponse<T>>(api.GET(`/api/v1/${COLLECTION[kind]}` as '/api/v1/achievements', { params: { query: query as never } }));
}

/** My organization's achievements or demands in every status (the workbench), or the review queue. */
export const listingsQuery = (kind: 'achievement' | 'demand', query: Record<string, unknown>) => queryOptions({
  queryKey: [...marketKeys.list(kind), qs(query)],
  queryFn: () => listOf<Achievement | Demand>(kind, query),
  placeholderData: keepPreviousData,
});

/** Experts whose name matches, for the inventor picker. */
export const expertOptionsQuery = (q: string) => queryOptions({
  queryKey: ['experts', 'options', q],
  queryFn: async () => (await listOf<Expert>('expert', { q, pageSize: 20 })).items,
  placeholderData: keepPreviousData,
});

/** The signed-in user's own expert entry, if any ({ expert } or a bare expert). */
export const myExpertQuery = queryOptions({
  queryKey: ['experts', 'me'],
  queryFn: async () => {
    const r = await unwrapAs<{ expert?: Expert | null } | Expert | null>(api.GET('/api/v1/experts/me'));
    const e = r && 'expert' in r ? r.expert : (r as Expert | null);
    return e && typeof e.id === 'number' ? e : null;
  },
});

// ------------------------------------------------------------------ one item

export const itemQuery = <T,>(kind: ListedKind, id: number) => queryOptions({
  queryKey: marketKeys.item(kind, id),
  queryFn: () => unwrapAs<T>(api.GET(`/api/v1/${COLLECTION[kind]}/{id}` as '/api/v1/achievements/{id}', { params: { path: { id } } })),
});
export const achievementQuery = (id: number) => itemQuery<Achievement>('achievement', id);
export const demandQuery = (id: number) => itemQuery<Demand>('demand', id);
export const expertQuery = (id: number) => itemQuery<Expert>('expert', id);

export const createItem = <T,>(kind: ListedKind, body: Record<string, unknown>) =>
  unwrapAs<T>(api.POST(`/api/v1/${COLLECTION[kind]}` as '/api/v1/achievements', { body: body as never }));
export const updateItem = <T,>(kind: ListedKind, id: number, body: Record<string, unknown>) =>
  unwrapAs<T>(api.PATCH(`/api/v1/${COLLECTION[kind]}/{id}` as '/api/v1/achievements/{id}', { params: { path: { id } }, body: body as never }));

/** 发布 / 关闭 / 审核 of an achievement or demand; publishing may answer "in review". */
export function itemAction(kind: 'achievement' | 'demand', id: number, action: 'publish' | 'close' | 'review', body: { approve?: boolean; reason?: string } = {}) {
  const path = `/api/v1/${COLLECTION[kind] as Collection}/{id}/${action}` as '/api/v1/achievements/{id}/review';
  return unwrapAs<{ status?: string }>(api.POST(path, { params: { path: { id } }, body: body as never }));
}

export function uploadAttachment(id: number, file: File) {
  const body = new FormData();
  body.append('file', file);
  // multipart: the route declares no JSON body, openapi-fetch sends FormData as it is
  return unwrapAs<unknown>(api.POST('/api/v1/achievements/{id}/attachments', { params: { path: { id } }, body: body as never }));
}

export const setContactConsent = (id: number, contactVisible: boolean) =>
  unwrapAs<Expert | null>(api.PUT('/api/v1/experts/{id}/consent', { params: { path: { id } }, body: { contactVisible } }));

// ------------------------------------------------------------------ matches

export const achievementMatchesQuery = (id: number) => queryOptions({
  queryKey: ['achievements', 'matches', id],
  queryFn: () => unwrapAs<AchievementMatches>(api.GET('/api/v1/achievements/{id}/matches', { params: { path: { id } } })),
});
export const demandMatchesQuery = (id: number) => queryOptions({
  queryKey: marketKeys.demandMatches(id),
  queryFn: () => unwrapAs<DemandMatches>(api.GET('/api/v1/demands/{id}/matches', { params: { path: { id } } })),
});
/** 相关 / 不相关 / 已联系 (null withdraws it); the answer is the updated matches of that kind, in some shape. */
export const sendFeedback = (body: FeedbackBody) => unwrapAs<unknown>(api.POST('/api/v1/matches/feedback', { body }));

// ------------------------------------------------------------------ deals

export const dealsQuery = (status: string) => queryOptions({
  queryKey: [...marketKeys.deals, 'list', status],
  queryFn: async () => {
    const r = await unwrapAs<{ items: Deal[] } | Deal[]>(api.GET('/api/v1/deals', { params: { query: { status: status || undefined } } }));
    return Array.isArray(r) ? r : r.items;
  },
});
export const dealQuery = (id: number) => queryOptions({
  queryKey: marketKeys.deal(id),
  queryFn: () => unwrapAs<Deal>(api.GET('/api/v1/deals/{id}', { params: { path: { id } } })),
});
export const startDeal = (body: { achievementId: number } | { demandId: number }, message: string) =>
  unwrapAs<Deal>(api.POST('/api/v1/deals', { body: { ...body, message } }));
/** A reply, 同意成交 or 撤回; the answer is the deal as it now stands (or nothing, then it is read again). */
export const replyToDeal = (id: number, body: string) => unwrapAs<unknown>(api.POST('/api/v1/deals/{id}/messages', { params: { path: { id } }, body: { body } }));
export const agreeToDeal = (id: number) => unwrapAs<unknown>(api.POST('/api/v1/deals/{id}/agree', { params: { path: { id } }, body: {} as never }));
export const withdrawDeal = (id: number, reason: string) => unwrapAs<unknown>(api.POST('/api/v1/deals/{id}/withdraw', { params: { path: { id } }, body: { reason } }));

// ------------------------------------------------------------------ synonyms (city admins)

export const synonymsQuery = queryOptions({
  queryKey: marketKeys.synonyms,
  queryFn: async () => (await unwrapAs<{ items: SynonymGroup[] }>(api.GET('/api/v1/synonyms'))).items,
});
export const addSynonyms = (terms: string[]) => unwrapAs<SynonymGroup | null>(api.POST('/api/v1/synonyms', { body: { terms } }));
export const saveSynonyms = (id: number, terms: string[]) => unwrapAs<unknown>(api.PUT('/api/v1/synonyms/{id}', { params: { path: { id } }, body: { terms } }));
export const deleteSynonyms = (id: number) => unwrapAs<unknown>(api.DELETE('/api/v1/synonyms/{id}', { params: { path: { id } } }));
