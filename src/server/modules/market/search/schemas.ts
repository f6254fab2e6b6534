/** The cross-kind search (综合搜索) as the API takes and gives it. */
import { z } from 'zod';
import { labelled } from '../../../platform/http/validation.ts';
import { MaturitySchema, pageFields, SegmentView, SearchKindSchema, TechManagerGradeSchema, type SearchKind } from '../schemas.ts';

export const SearchQuery = z.object({
  q: labelled(z.string().trim().min(1, 'market.queryRequired').max(200), 'search.label.q'),
  kind: labelled(SearchKindSchema.optional(), 'search.label.kind'),
  ...pageFields(),
});
export type SearchQuery = z.output<typeof SearchQuery>;

const hit = <K extends SearchKind, M extends z.ZodRawShape>(kind: K, meta: M) =>
  z.object({ kind: z.literal(kind), id: z.number().int(), title: z.array(SegmentView), snippet: z.array(SegmentView), meta: z.object(meta) });

/** One result of the search across kinds: its title and snippet with the query's words marked, and a few facts by kind. */
export const SearchHitView = z
  .discriminatedUnion('kind', [
    hit('achievement', {
      owner: z.string(),
      ownerOrgId: z.number().int(),
      maturity: MaturitySchema,
      industryCode: z.string().nullable(),
      keywords: z.array(z.string()),
    }),
    hit('demand', {
      org: z.string(),
      orgId: z.number().int(),
      industryCode: z.string().nullable(),
      budgetFen: z.number().int().nullable(),
      deadline: z.string().nullable(),
    }),
    hit('expert', {
      title: z.string().nullable(),
      affiliation: z.string().nullable(),
      techManagerGrade: TechManagerGradeSchema.nullable(),
      commissioner: z.boolean(),
    }),
    hit('org', { districtCode: z.string().nullable(), categories: z.array(z.string()), kinds: z.array(z.string()) }),
    hit('instrument', {
      owner: z.string(),
      ownerOrgId: z.number().int(),
      classCode: z.string(),
      districtCode: z.string().nullable(),
      model: z.string().nullable(),
    }),
  ])
  .meta({ id: 'SearchHit' });
export type SearchHit = z.infer<typeof SearchHitView>;

const counts = z.object({
  achievement: z.number().int(),
  demand: z.number().int(),
  expert: z.number().int(),
  org: z.number().int(),
  instrument: z.number().int(),
});

export const SearchResultView = z
  .object({
    q: z.string(),
    kind: SearchKindSchema.meta({ description: 'the kind of this page (the one asked for, else the first with results)' }),
    counts: counts.meta({ description: 'matches of every kind, for the tabs' }),
    approximate: z.array(SearchKindSchema).meta({ description: 'kinds whose count is an estimate (more than 1,000 matches)' }),
    items: z.array(SearchHitView),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    fuzzy: z.boolean().meta({ description: 'nothing matched the words; these are the pinyin/typo matches' }),
  })
  .meta({ id: 'SearchResult' });
