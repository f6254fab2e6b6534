/**
 * Eligibility as data (资格规则): a scheme stores a rule tree, evaluated over facts computed from the organization
 * profile — never typed again by the applicant. The same engine is meant for the policy module's 免申即享
 * (policies that apply themselves to whoever meets them), so it knows nothing of vouchers.
 *
 * A rule is a leaf ({ fact, … }) or a combination ({ all: [...] } / { any: [...] }). Every leaf yields a check
 * with a message key and params, so "why not" is a list of sentences, not a boolean.
 */
import { z } from 'zod';
import { ORG_KINDS, RECOGNITION_KINDS } from '../reference/index.ts';

export type Rule =
  | { all: Rule[] }
  | { any: Rule[] }
  | { fact: 'recognition'; kind: (typeof RECOGNITION_KINDS)[number] }
  | { fact: 'orgKind'; kind: (typeof ORG_KINDS)[number] }
  | { fact: 'employees'; min?: number; max?: number }
  | { fact: 'district'; codes: string[] }
  | { fact: 'incubated' };

const Leaf = z.discriminatedUnion('fact', [
  z.object({ fact: z.literal('recognition'), kind: z.enum(RECOGNITION_KINDS) }),
  z.object({ fact: z.literal('orgKind'), kind: z.enum(ORG_KINDS) }),
  z.object({ fact: z.literal('employees'), min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }),
  z.object({
    fact: z.literal('district'),
    codes: z
      .array(z.string().regex(/^\d{6}$/))
      .min(1)
      .max(50),
  }),
  z.object({ fact: z.literal('incubated') }),
]);
// named, so the OpenAPI document gives the recursive rule a component of its own (unnamed, it referred to an
// undefined `schema0` and redocly failed api:check)
export const RuleSchema: z.ZodType<Rule> = z
  .lazy(() => z.union([z.object({ all: z.array(RuleSchema).min(1).max(20) }), z.object({ any: z.array(RuleSchema).min(1).max(20) }), Leaf]))
  .meta({ id: 'VoucherRule' });

/** What the rules read: computed from the directory's profile of the organization on a given day. */
export interface OrgFacts {
  kinds: string[];
  /** recognitions valid on the day (validTo absent or not before it) */
  recognitions: { kind: string; validTo: string | null }[];
  employees: number | null;
  districtCode: string | null;
  /** hosted by a registered incubator */
  incubated: boolean;
}

export interface Check {
  key: string;
  params: Record<string, unknown>;
  met: boolean;
}
export interface Verdict {
  eligible: boolean;
  /** the leaves in order; for an `any`, the first branch met (or all branches, when none is) */
  checks: Check[];
}

function leaf(rule: Exclude<Rule, { all: Rule[] } | { any: Rule[] }>, f: OrgFacts): Check {
  switch (rule.fact) {
    case 'recognition': {
      const held = f.recognitions.find((r) => r.kind === rule.kind);
      return { key: 'voucher.rule.recognition', params: { kindKey: `voucher.recognition.${rule.kind}`, validTo: held?.validTo ?? null }, met: !!held };
    }
    case 'orgKind':
      return { key: 'voucher.rule.orgKind', params: { kindKey: `voucher.orgKind.${rule.kind}` }, met: f.kinds.includes(rule.kind) };
    case 'employees': {
      const n = f.employees;
      const met = n != null && (rule.min == null || n >= rule.min) && (rule.max == null || n <= rule.max);
      const key = rule.max == null ? 'voucher.rule.employeesMin' : rule.min == null ? 'voucher.rule.employeesMax' : 'voucher.rule.employeesRange';
      return { key, params: { min: rule.min ?? null, max: rule.max ?? null, actual: n ?? '—' }, met };
    }
    case 'district':
      return { key: 'voucher.rule.district', params: { count: rule.codes.length }, met: !!f.districtCode && rule.codes.includes(f.districtCode) };
    case 'incubated':
      return { key: 'voucher.rule.incubated', params: {}, met: f.incubated };
  }
}

export function evaluate(rule: Rule, facts: OrgFacts): Verdict {
  if ('all' in rule) {
    const parts = rule.all.map((r) => evaluate(r, facts));
    return { eligible: parts.every((p) => p.eligible), checks: parts.flatMap((p) => p.checks) };
  }
  if ('any' in rule) {
    const parts = rule.any.map((r) => evaluate(r, facts));
    const met = parts.find((p) => p.eligible);
    return met ? { eligible: true, checks: met.checks } : { eligible: false, checks: parts.flatMap((p) => p.checks) };
  }
  const check = leaf(rule, facts);
  return { eligible: check.met, checks: [check] };
}

/** RULES.md: 科技型中小企业 with a valid recognition, or a start-up team of at least 3 in a registered incubator. */
export const DEFAULT_ELIGIBILITY: Rule = {
  any: [{ fact: 'recognition', kind: 'tech_sme' }, { all: [{ fact: 'incubated' }, { fact: 'employees', min: 3 }] }],
};

/** A team (the smaller yearly cap) is a holder eligible through incubation without the tech-SME recognition. */
export const isTeam = (facts: OrgFacts): boolean => facts.incubated && !facts.recognitions.some((r) => r.kind === 'tech_sme');
