/**
 * The technology market's queries and writes (docs/MARKET.md): search, achievements, demands, experts, matches,
 * deals, the workbench's listings, review and synonyms.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, qs, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

export type AchievementBody = paths['/api/v1/achievements']['post']['requestBody']['content']['application/json'];
export type DemandBody = paths['/api/v1/demands']['post']['requestBody']['content']['application/json'];
export type FeedbackBody = paths['/api/v1/matches/feedback']['post']['requestBody']['content']['application/json'];

export type Maturity = Schemas['Maturity'];
export type TransferMode = Schemas['TransferMode'];
export type CooperationMode = Schemas['CooperationMode'];
export type IpType = Schemas['IpType'];
export type TechManagerGrade = Schemas['TechManagerGrade'];
/** What a demand is matched with */
export type MatchKind = Schemas['MatchKind'];
export type Verdict = Schemas['Verdict'];
export type SearchKind = Schemas['SearchKind'];
/** The kinds with a page and a list of their own (filters, facets) besides /search */
export type ListedKind = Extract<SearchKind, 'achievement' | 'demand' | 'expert'>;
/** The kinds that are drafted, reviewed, published and closed */
export type ListingKind = Schemas['ListingKind'];
export type ItemStatus = Schemas['ListingStatus'];
export type DealStatus = Schemas['DealStatus'];

export type Segment = Schemas['Segment'];
export type FacetCount = Schemas['FacetCount'];
export type TechField = Schemas['TechField'];
export type Achievement = Schemas['Achievement'];
export type Demand = Schemas['Demand'];
export type Expert = Schemas['Expert'];
export type AchievementList = Schemas['AchievementList'];
export type DemandList = Schemas['DemandList'];
export type ExpertList = Schemas['ExpertList'];
export type SearchResult = Schemas['SearchResult'];
export type SearchHit = SearchResult['items'][number];
export type Match = Schemas['Match'];
export type DemandMatches = Schemas['DemandMatches'];
export type AchievementMatches = Schemas['AchievementMatches'];
/** A deal as the list shows it (no messages) */
export type DealSummary = Schemas['Deal'];
/** A deal with its messages, as its page and every write answer it */
export type Deal = Schemas['DealWithMessages'];
export type SynonymGroup = Schemas['SynonymGroup'];

/** Each listed kind's item, and its list (with the kind's own facets) */
export interface ItemOf {
  achievement: Achievement;
  demand: Demand;
  expert: Expert;
}
export interface ListOf {
  achievement: AchievementList;
  demand: DemandList;
  expert: ExpertList;
}
/** A row of a listed kind's list: the item and its highlighted title and snippet */
export type ListItem = ListOf[ListedKind]['items'][number];

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
  queryFn: async () => (await unwrap(api.GET('/api/v1/tech-fields'))).items,
  staleTime: Infinity,
});

// ------------------------------------------------------------------ search and lists

/**
 * One search across the kinds (/search, for the tabs' counts) and, for a kind with its own list, that list with
 * its filters and facets. The answer names what it was asked for (`key`); the previous answer stays on screen while
 * the next loads.
 */
export const marketSearchQuery = (ask: {
  key: string;
  q: string;
  kind: SearchKind | null;
  page: number;
  pageSize: number;
  list: (kind: SearchKind) => Record<string, string> | null;
}) =>
  queryOptions({
    queryKey: [...marketKeys.search, ask.key],
    queryFn: async () => {
      const search = ask.q
        ? await unwrap(api.GET('/api/v1/search', { params: { query: { q: ask.q, kind: ask.kind ?? undefined, page: ask.page, pageSize: ask.pageSize } } }))
        : null;
      const kind: SearchKind = ask.kind ?? search?.kind ?? 'achievement';
      const filters = ask.list(kind);
      const list = filters && isListed(kind) ? await listOf(kind, { ...filters, q: ask.q, page: ask.page, pageSize: ask.pageSize }) : null;
      return { key: ask.key, kind, search, list };
    },
    placeholderData: keepPreviousData,
  });

export const isListed = (kind: SearchKind): kind is ListedKind => kind in COLLECTION;

/** A list of achievements, demands or experts; the query string is read as the API reads it (qs). */
function listOf<K extends ListedKind>(kind: K, query: Record<string, unknown>): Promise<ListOf[K]> {
  // the three lists take different filters; the generic search page passes them through as the URL holds them
  const q = { params: { query: query as never } };
  const lists: { [P in ListedKind]: () => Promise<ListOf[P]> } = {
    achievement: () => unwrap(api.GET('/api/v1/achievements', q)),
    demand: () => unwrap(api.GET('/api/v1/demands', q)),
    expert: () => unwrap(api.GET('/api/v1/experts', q)),
  };
  return lists[kind]();
}

/** My organization's achievements or demands in every status (the workbench), or the review queue. */
export const listingsQuery = <K extends ListingKind>(kind: K, query: Record<string, unknown>) =>
  queryOptions({
    queryKey: [...marketKeys.list(kind), qs(query)],
    queryFn: () => listOf(kind, query),
    placeholderData: keepPreviousData,
  });

/** Experts whose name matches, for the inventor picker. */
export const expertOptionsQuery = (q: string) =>
  queryOptions({
    queryKey: ['experts', 'options', q],
    queryFn: async () => (await listOf('expert', { q, pageSize: 20 })).items,
    placeholderData: keepPreviousData,
  });

/** The signed-in user's own expert entry, if any. */
export const myExpertQuery = queryOptions({
  queryKey: ['experts', 'me'],
  queryFn: async () => (await unwrap(api.GET('/api/v1/experts/me'))).expert,
});

// ------------------------------------------------------------------ one item

export const itemQuery = <K extends ListedKind>(kind: K, id: number) =>
  queryOptions({
    queryKey: marketKeys.item(kind, id),
    queryFn: (): Promise<ItemOf[K]> => {
      const p = { params: { path: { id } } };
      const items: { [P in ListedKind]: () => Promise<ItemOf[P]> } = {
        achievement: () => unwrap(api.GET('/api/v1/achievements/{id}', p)),
        demand: () => unwrap(api.GET('/api/v1/demands/{id}', p)),
        expert: () => unwrap(api.GET('/api/v1/experts/{id}', p)),
      };
      return items[kind]();
    },
  });
export const achievementQuery = (id: number) => itemQuery('achievement', id);
export const demandQuery = (id: number) => itemQuery('demand', id);
export const expertQuery = (id: number) => itemQuery('expert', id);

// the forms build their bodies from their fields (MarketForm's toBody); the server checks them and names each problem
export function createItem<K extends ListedKind>(kind: K, body: Record<string, unknown>): Promise<ItemOf[K]> {
  const b = { body: body as never };
  const create: { [P in ListedKind]: () => Promise<ItemOf[P]> } = {
    achievement: () => unwrap(api.POST('/api/v1/achievements', b)),
    demand: () => unwrap(api.POST('/api/v1/demands', b)),
    expert: () => unwrap(api.POST('/api/v1/experts', b)),
  };
  return create[kind]();
}
export function updateItem<K extends ListedKind>(kind: K, id: number, body: Record<string, unknown>): Promise<ItemOf[K]> {
  const b = { params: { path: { id } }, body: body as never };
  const update: { [P in ListedKind]: () => Promise<ItemOf[P]> } = {
    achievement: () => unwrap(api.PATCH('/api/v1/achievements/{id}', b)),
    demand: () => unwrap(api.PATCH('/api/v1/demands/{id}', b)),
    expert: () => unwrap(api.PATCH('/api/v1/experts/{id}', b)),
  };
  return update[kind]();
}

/** 发布 / 关闭 / 审核: the actions on a listing, as the last segment of their routes */
export type ListingAction = 'publish' | 'close' | 'review';

/** 发布 / 关闭 / 审核 of an achievement or demand; the answer is the item as it now stands (publishing may leave it in review). */
export function itemAction<K extends ListingKind>(
  kind: K,
  id: number,
  action: ListingAction,
  body: { approve?: boolean; reason?: string } = {},
): Promise<ItemOf[K]> {
  const path = `/api/v1/${COLLECTION[kind] as Collection}/{id}/${action}` as const;
  const b = { params: { path: { id } }, body: body as never };
  // the six routes answer the item; their paths are built from the kind and the action
  const run: { [P in ListingKind]: () => Promise<ItemOf[P]> } = {
    achievement: () => unwrap(api.POST(path as `/api/v1/achievements/{id}/${typeof action}`, b)),
    demand: () => unwrap(api.POST(path as `/api/v1/demands/{id}/${typeof action}`, b)),
  };
  return run[kind]();
}

export function uploadAttachment(id: number, file: File) {
  const body = new FormData();
  body.append('file', file);
  // multipart: the route declares no JSON body, openapi-fetch sends FormData as it is
  return unwrap(api.POST('/api/v1/achievements/{id}/attachments', { params: { path: { id } }, body: body as never }));
}

export const setContactConsent = (id: number, contactVisible: boolean) =>
  unwrap(api.PUT('/api/v1/experts/{id}/consent', { params: { path: { id } }, body: { contactVisible } }));

// ------------------------------------------------------------------ matches

export const achievementMatchesQuery = (id: number) =>
  queryOptions({
    queryKey: ['achievements', 'matches', id],
    queryFn: () => unwrap(api.GET('/api/v1/achievements/{id}/matches', { params: { path: { id } } })),
  });
export const demandMatchesQuery = (id: number) =>
  queryOptions({
    queryKey: marketKeys.demandMatches(id),
    queryFn: () => unwrap(api.GET('/api/v1/demands/{id}/matches', { params: { path: { id } } })),
  });
/** 相关 / 不相关 / 已联系 (null withdraws it); the answer is the new ranking of the kind rated. */
export const sendFeedback = (body: FeedbackBody) => unwrap(api.POST('/api/v1/matches/feedback', { body }));

// ------------------------------------------------------------------ deals

export const dealsQuery = (status: string) =>
  queryOptions({
    queryKey: [...marketKeys.deals, 'list', status],
    queryFn: async () => (await unwrap(api.GET('/api/v1/deals', { params: { query: { status: status || undefined } } }))).items,
  });
export const dealQuery = (id: number) =>
  queryOptions({
    queryKey: marketKeys.deal(id),
    queryFn: () => unwrap(api.GET('/api/v1/deals/{id}', { params: { path: { id } } })),
  });
export const startDeal = (body: { achievementId: number } | { demandId: number }, message: string) =>
  unwrap(api.POST('/api/v1/deals', { body: { ...body, message } }));
/** A reply, 同意成交 or 撤回; the answer is the deal as it now stands. */
export const replyToDeal = (id: number, body: string) => unwrap(api.POST('/api/v1/deals/{id}/messages', { params: { path: { id } }, body: { body } }));
export const agreeToDeal = (id: number) => unwrap(api.POST('/api/v1/deals/{id}/agree', { params: { path: { id } }, body: {} as never }));
export const withdrawDeal = (id: number, reason: string) => unwrap(api.POST('/api/v1/deals/{id}/withdraw', { params: { path: { id } }, body: { reason } }));

// ------------------------------------------------------------------ synonyms (city admins)

export const synonymsQuery = queryOptions({
  queryKey: marketKeys.synonyms,
  queryFn: async () => (await unwrap(api.GET('/api/v1/synonyms'))).items,
});
export const addSynonyms = (terms: string[]) => unwrap(api.POST('/api/v1/synonyms', { body: { terms } }));
export const saveSynonyms = (id: number, terms: string[]) => unwrap(api.PUT('/api/v1/synonyms/{id}', { params: { path: { id } }, body: { terms } }));
export const deleteSynonyms = (id: number) => unwrap(api.DELETE('/api/v1/synonyms/{id}', { params: { path: { id } } }));
