/**
 * The market's enumerations, each listed once (server, OpenAPI document and web alike), and the
 * pieces every aggregate's schemas share: ids in the path, the page of a list, highlighted text,
 * the change history. Each aggregate's own request and response shapes are in its folder.
 */
import { z } from 'zod';
import { csvList, IdParam, queryInt } from '../../platform/http/fields.ts';
import { labelled } from '../../platform/http/validation.ts';
import { Timestamp } from '../../platform/http/contract.ts';

export const MATURITIES = ['research', 'small_pilot', 'pilot', 'industrial'] as const; // 研发 / 小试 / 中试 / 产业化
export const IP_TYPES = ['invention', 'utility_model', 'design', 'software_copyright'] as const;
export const TRANSFER_MODES = ['transfer', 'license', 'equity', 'joint_development'] as const; // 转让 / 许可 / 作价入股 / 合作开发
export const COOPERATION_MODES = [...TRANSFER_MODES, 'consulting', 'commissioned'] as const; // + 技术咨询 / 委托研发
export const LISTING_STATUSES = ['draft', 'in_review', 'published', 'closed'] as const;
export const LISTING_KINDS = ['achievement', 'demand'] as const;
export const LIST_SORTS = ['relevance', 'newest'] as const;
export const TECH_MANAGER_GRADES = ['junior', 'intermediate', 'senior'] as const;
export const EXPERT_STATUSES = ['active', 'inactive'] as const;
export const CONTACT_HIDDEN_REASONS = ['sign_in', 'no_consent'] as const;
export const MATCH_KINDS = ['achievement', 'expert', 'provider', 'instrument'] as const;
/** what a match result can be: the supply for a demand (MATCH_KINDS), or the demands and enterprises for an achievement */
export const MATCH_RESULT_KINDS = [...MATCH_KINDS, 'demand', 'enterprise'] as const;
export const VERDICTS = ['relevant', 'not_relevant', 'contacted'] as const;
export const DEAL_STATUSES = ['inquiry', 'negotiating', 'agreed', 'withdrawn'] as const;
export const DEAL_KINDS = ['inquiry', 'offer'] as const;
export const DEAL_SIDES = ['initiator', 'counterpart'] as const;
export const SEARCH_KINDS = ['achievement', 'demand', 'expert', 'org', 'instrument'] as const;
export const TECH_FIELD_KINDS = ['discipline', 'industry'] as const;

export type Maturity = (typeof MATURITIES)[number];
export type IpType = (typeof IP_TYPES)[number];
export type TransferMode = (typeof TRANSFER_MODES)[number];
export type CooperationMode = (typeof COOPERATION_MODES)[number];
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export type ListingKind = (typeof LISTING_KINDS)[number];
export type TechManagerGrade = (typeof TECH_MANAGER_GRADES)[number];
export type ExpertStatus = (typeof EXPERT_STATUSES)[number];
export type ContactHiddenReason = (typeof CONTACT_HIDDEN_REASONS)[number];
export type MatchKind = (typeof MATCH_KINDS)[number];
export type MatchResultKind = (typeof MATCH_RESULT_KINDS)[number];
export type Verdict = (typeof VERDICTS)[number];
export type DealStatus = (typeof DEAL_STATUSES)[number];
export type DealKind = (typeof DEAL_KINDS)[number];
export type DealSide = (typeof DEAL_SIDES)[number];
export type SearchKind = (typeof SEARCH_KINDS)[number];
export type TechFieldKind = (typeof TECH_FIELD_KINDS)[number];

export const MaturitySchema = z.enum(MATURITIES).meta({ id: 'Maturity', description: 'research 研发, small_pilot 小试, pilot 中试, industrial 产业化' });
export const IpTypeSchema = z.enum(IP_TYPES).meta({ id: 'IpType' });
export const TransferModeSchema = z
  .enum(TRANSFER_MODES)
  .meta({ id: 'TransferMode', description: 'transfer 转让, license 许可, equity 作价入股, joint_development 合作开发' });
export const CooperationModeSchema = z
  .enum(COOPERATION_MODES)
  .meta({ id: 'CooperationMode', description: 'a transfer mode, or consulting 技术咨询, commissioned 委托研发' });
export const ListingStatusSchema = z
  .enum(LISTING_STATUSES)
  .meta({ id: 'ListingStatus', description: 'draft 草稿, in_review 待审核, published 已发布, closed 已关闭' });
export const TechManagerGradeSchema = z.enum(TECH_MANAGER_GRADES).meta({ id: 'TechManagerGrade' });
export const ExpertStatusSchema = z.enum(EXPERT_STATUSES).meta({ id: 'ExpertStatus' });
export const MatchKindSchema = z.enum(MATCH_KINDS).meta({ id: 'MatchKind', description: 'what a demand is matched with' });
export const MatchResultKindSchema = z.enum(MATCH_RESULT_KINDS).meta({ id: 'MatchResultKind' });
export const VerdictSchema = z.enum(VERDICTS).meta({ id: 'Verdict' });
export const DealStatusSchema = z
  .enum(DEAL_STATUSES)
  .meta({ id: 'DealStatus', description: 'inquiry 待回复, negotiating 洽谈中, agreed 达成一致, withdrawn 撤回' });
export const ListingKindSchema = z.enum(LISTING_KINDS).meta({ id: 'ListingKind' });
export const SearchKindSchema = z.enum(SEARCH_KINDS).meta({ id: 'SearchKind' });
export const TechFieldKindSchema = z.enum(TECH_FIELD_KINDS).meta({ id: 'TechFieldKind' });

// ------------------------------------------------------------------ request pieces

/** A positive id in the path, e.g. /achievements/{id}. */
export const idParam = (labelKey = 'market.label.id') => labelled(IdParam, labelKey);
export const IdParams = z.object({ id: idParam() });

/** page and pageSize of a list query */
export const pageFields = () => ({
  page: labelled(queryInt(1, 10000), 'market.label.page').default(1),
  pageSize: labelled(queryInt(1, 100), 'market.label.pageSize').default(20),
});

/** A comma-separated query parameter (`status=draft,published`) of the given items, labelled. */
export function csvQuery<T extends string>(item: z.ZodType<T>, labelKey: string, values?: readonly string[]) {
  return labelled(csvList(item).meta({ description: values ? `comma-separated, of: ${values.join(', ')}` : 'comma-separated' }), labelKey);
}

/** the search text of a list (optional) */
export const listQueryText = () => labelled(z.string().trim().max(200), 'market.label.q').optional();

/** a tech field code (editable reference data, checked by the services) */
export const fieldCode = () => z.string().min(1).max(32);

/** a district code of six digits (checked against the divisions by the services) */
export const districtCode = () => z.string().regex(/^\d{6}$/, 'field.unknownDistrict');

// ------------------------------------------------------------------ response pieces

export const SegmentView = z
  .object({ text: z.string(), hit: z.boolean() })
  .meta({ id: 'Segment', description: 'a piece of text, hit when it matches the query' });
export type Segment = z.infer<typeof SegmentView>;

/** A list item's title and snippet with the query's words marked. */
export const HighlightView = z.object({ title: z.array(SegmentView), snippet: z.array(SegmentView) }).meta({ id: 'Highlight' });

export const FacetCountView = z.object({ code: z.string(), count: z.number().int() }).meta({ id: 'FacetCount' });

/** A page of a searchable list: items with their highlight, the total, the typo fallback flag and the facets. */
export function listView<T extends z.ZodType>(item: T, facetNames: readonly string[]) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    fuzzy: z.boolean().meta({ description: 'nothing matched the words; these are the pinyin/typo matches' }),
    approximate: z.boolean().meta({ description: 'total and facets are estimates (more than 1,000 matches)' }),
    facets: z.object(Object.fromEntries(facetNames.map((f) => [f, z.array(FacetCountView)]))),
  });
}

export const HistoryEntryView = z
  .object({
    id: z.number().int(),
    action: z.string(),
    actorId: z.number().int().nullable(),
    actorName: z.string().nullable(),
    at: Timestamp,
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    changedFields: z.array(z.string()),
  })
  .meta({ id: 'MarketHistoryEntry' });
export const HistoryView = z.object({ items: z.array(HistoryEntryView), total: z.number().int() });
