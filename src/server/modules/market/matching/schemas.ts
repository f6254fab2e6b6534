/** Matching as the API takes and gives it: a demand's or an achievement's matches, and feedback on one. */
import { z } from 'zod';
import { labelled } from '../../../platform/http/validation.ts';
import { MatchKindSchema, MatchResultKindSchema, VerdictSchema } from '../schemas.ts';

const L = (field: string) => `match.label.${field}`;

export const DemandMatchesQuery = z.object({ kind: labelled(MatchKindSchema.optional(), L('kind')) });

export const FeedbackInput = z.object({
  demandId: labelled(z.number().int().positive(), L('demandId')),
  kind: labelled(MatchKindSchema.clone(), L('kind')),
  targetId: labelled(z.number().int().positive(), L('targetId')),
  verdict: labelled(VerdictSchema.nullable(), L('verdict')),
});
export type FeedbackInput = z.output<typeof FeedbackInput>;

export const WeightedTermView = z
  .object({
    term: z.string(),
    weight: z.number(),
    df: z.number().int().meta({ description: 'how many achievements use the word' }),
    probe: z.boolean().meta({ description: 'rare enough to look records up by' }),
  })
  .meta({ id: 'WeightedTerm', description: 'a key term of the text matched, and its weight' });

export const MatchView = z
  .object({
    kind: MatchResultKindSchema,
    id: z.number().int(),
    title: z.string(),
    subtitle: z.string().nullable(),
    score: z.number().meta({ description: '0–100' }),
    breakdown: z
      .record(z.string(), z.number())
      .meta({ description: 'the points of each rule: terms, field, maturity, district, price, availability, feedback' }),
    sharedTerms: z.array(z.string()),
    reasons: z.array(z.string()).meta({ description: "why it matches, in the caller's language" }),
    feedback: VerdictSchema.nullable(),
  })
  .meta({ id: 'Match', description: '匹配结果 A result of matching, with its score breakdown and reasons' });

export const DemandMatchesView = z
  .object({
    terms: z.array(WeightedTermView),
    achievements: z.array(MatchView),
    experts: z.array(MatchView),
    providers: z.array(MatchView),
    instruments: z.array(MatchView),
  })
  .meta({ id: 'DemandMatches' });
export const AchievementMatchesView = z
  .object({ terms: z.array(WeightedTermView), demands: z.array(MatchView), enterprises: z.array(MatchView) })
  .meta({ id: 'AchievementMatches' });
export const FeedbackResultView = z.object({ items: z.array(MatchView).meta({ description: 'the new ranking of the kind rated' }) });
