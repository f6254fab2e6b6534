/** Valid example values from JSON Schema, and what a schema accepts: the ground the fuzz cases are built on. */
import type { JsonSchema } from './openapi.ts';

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';

/** The branches of a schema (anyOf/oneOf flattened). */
export function branches(s: JsonSchema): JsonSchema[] {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.flatMap(branches);
  if (s.allOf?.length) return branches({ ...Object.assign({}, ...s.allOf), allOf: undefined });
  return [s];
}

/** The JSON types a schema accepts; null when it accepts anything. */
export function typesOf(s: JsonSchema): Set<JsonType> | null {
  const out = new Set<JsonType>();
  for (const b of branches(s)) {
    const values = b.enum ?? (b.const !== undefined ? [b.const] : null);
    if (values) {
      for (const v of values) out.add(v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as JsonType));
      continue;
    }
    if (b.type === undefined) return null;
    for (const t of Array.isArray(b.type) ? b.type : [b.type]) out.add(t as JsonType);
  }
  if (out.has('integer')) out.add('number');
  return out;
}

/** The first branch that is not just null. */
export function mainBranch(s: JsonSchema): JsonSchema {
  const bs = branches(s);
  const nonNull = bs.filter((b) => !(b.type === 'null' || (Array.isArray(b.type) && b.type.length === 1 && b.type[0] === 'null')));
  const b = nonNull[0] ?? bs[0];
  if (Array.isArray(b.type)) return { ...b, type: b.type.find((t) => t !== 'null') ?? b.type[0] };
  return b;
}

const HINTS: [RegExp, unknown][] = [
  [/phone/i, '023-63001234'],
  [/email/i, 'fuzz@example.cn'],
  [/website|url/i, 'https://example.cn'],
  [/districtCode|^district$/i, '500103'],
  [/password/i, 'fuzz-password-1'],
  [/username/i, 'admin'],
];

/** A value the schema accepts (best effort: a rule beyond the schema, like a USCC check digit, may still refuse it). */
export function example(s: JsonSchema, name = '', depth = 0): unknown {
  const b = mainBranch(s);
  if (b.default !== undefined && depth > 0) return b.default;
  if (b.const !== undefined) return b.const;
  if (b.enum?.length) return b.enum.find((v) => v !== null) ?? b.enum[0];
  switch (b.type) {
    case 'string': {
      for (const [re, v] of HINTS) if (re.test(name) && typeof v === 'string') return v;
      if (b.format === 'date-time') return /to$|end$/i.test(name) ? '2027-03-08T10:00:00+08:00' : '2027-03-01T09:00:00+08:00';
      if (b.format === 'date') return /to$|end$/i.test(name) ? '2027-06-30' : '2027-03-01';
      if (b.format === 'email') return 'fuzz@example.cn';
      if (b.format === 'uri') return 'https://example.cn';
      if (b.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (b.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return /to$|end$/i.test(name) ? '2027-06-30' : '2027-03-01';
      if (b.pattern?.startsWith('^\\d{4}-\\d{2}-\\d{2}T')) return /to$|end$/i.test(name) ? '2027-03-08T10:00:00+08:00' : '2027-03-01T09:00:00+08:00';
      if (b.pattern === '^\\d{6}$') return '500103';
      const n = Math.min(Math.max(b.minLength ?? 0, 4), b.maxLength ?? 4);
      return '模糊测试文本'.repeat(4).slice(0, Math.max(n, b.minLength ?? 0));
    }
    case 'integer':
    case 'number': {
      const min = b.minimum ?? (b.exclusiveMinimum !== undefined ? b.exclusiveMinimum + 1 : 1);
      const max = b.maximum ?? (b.exclusiveMaximum !== undefined ? b.exclusiveMaximum - 1 : min + 10);
      return Math.min(Math.max(min, 1), max);
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array': {
      if (b.prefixItems) return b.prefixItems.map((x, i) => example(x, `${name}.${i}`, depth + 1));
      const n = Math.max(b.minItems ?? 0, depth < 3 && b.items && mainBranch(b.items).type === 'object' ? 1 : 0);
      return Array.from({ length: n }, () => example(b.items ?? {}, name, depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of b.required ?? []) out[key] = example(b.properties?.[key] ?? {}, key, depth + 1);
      return out;
    }
    default:
      return 'x';
  }
}

/** A value of a JSON type the schema does not accept, or undefined when it accepts every type. */
export function wrongTypeValue(s: JsonSchema, pick: <T>(xs: readonly T[]) => T): unknown {
  const accepted = typesOf(s);
  if (!accepted) return undefined;
  const candidates: [JsonType, unknown][] = [
    ['number', 12345],
    ['string', '不是这个类型'],
    ['boolean', true],
    ['array', ['x']],
    ['object', { x: 1 }],
  ];
  const wrong = candidates.filter(([t]) => !accepted.has(t) && !(t === 'number' && accepted.has('integer')));
  return wrong.length ? pick(wrong)[1] : undefined;
}
