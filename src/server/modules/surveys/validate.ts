/**
 * A filing's values against its form: each refusal names the field by its label and states the rule (required,
 * type, range, choice, the form's constraint with the fields it names by their labels). Relevant conditions decide
 * which fields are asked at all; a field that is not asked keeps no value. Pure: the service and the unit tests use it.
 */
import type { FieldError } from '../../platform/http/errors.ts';
import type { FormDefinition, FormField } from './definition.ts';
import { holds, parseExpression, references, type Node } from './expressions.ts';

export type Values = Record<string, number | string | null>;

const compiled = new Map<string, Node>();
const expr = (src: string): Node => {
  let n = compiled.get(src);
  if (!n) {
    n = parseExpression(src);
    if (compiled.size > 5000) compiled.clear();
    compiled.set(src, n);
  }
  return n;
};

const empty = (v: unknown) => v === null || v === undefined || v === '';
const label = (f: FormField) => ({ zh: f.labelZh, en: f.labelEn });

/** The rule as a reader reads it: `${revenue}` becomes 〔年营业收入〕, `.` the field itself. */
export function ruleText(form: FormDefinition, f: FormField, src: string, lang: 'zh' | 'en'): string {
  const byName = new Map(form.fields.map((x) => [x.name, x]));
  const name = (n: string) => {
    const x = byName.get(n);
    return x ? (lang === 'zh' ? `〔${x.labelZh}〕` : `[${x.labelEn}]`) : n;
  };
  return src
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, n) => name(n))
    .replace(/(^|[^0-9A-Za-z_'"])\.(?![0-9])/g, (_, pre) => `${pre}${name(f.name)}`)
    .replace(/\bdiv\b/g, '÷')
    .replace(/\band\b/g, lang === 'zh' ? '且' : 'and')
    .replace(/\bor\b/g, lang === 'zh' ? '或' : 'or');
}

/** Which fields are asked, given the values: a field whose `relevant` does not hold is skipped. */
export function askedFields(form: FormDefinition, values: Values): FormField[] {
  const get = (n: string) => values[n];
  return form.fields.filter((f) => !f.relevant || holds(expr(f.relevant), { get }));
}

/** Values of known fields, of the right type, numbers as numbers; what cannot be read is an error. */
export function normalize(form: FormDefinition, input: Record<string, unknown>): { values: Values; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const values: Values = {};
  const byName = new Map(form.fields.map((f) => [f.name, f]));
  for (const [name, raw] of Object.entries(input)) {
    const f = byName.get(name);
    const path = `values.${name}`;
    if (!f) {
      errors.push({ path, key: 'survey.value.unknownField', params: { value: name } });
      continue;
    }
    if (empty(raw)) {
      values[name] = null;
      continue;
    }
    const l = label(f);
    if (f.type === 'integer' || f.type === 'decimal') {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n)) errors.push({ path, key: `survey.value.${f.type}`, params: { label: l.zh, labelEn: l.en } });
      else if (f.type === 'integer' && !Number.isInteger(n)) errors.push({ path, key: 'survey.value.integer', params: { label: l.zh, labelEn: l.en } });
      else if (f.type === 'decimal' && Math.round(n * 100) !== n * 100)
        errors.push({ path, key: 'survey.value.decimals', params: { label: l.zh, labelEn: l.en } });
      else values[name] = n;
    } else if (typeof raw !== 'string' || raw.length > 500) {
      errors.push({ path, key: 'survey.value.text', params: { label: l.zh, labelEn: l.en, max: 500 } });
    } else if (f.type === 'select_one') {
      const list = form.choices[f.listName ?? ''] ?? [];
      if (!list.some((c) => c.name === raw))
        errors.push({
          path,
          key: 'survey.value.choice',
          params: { label: l.zh, labelEn: l.en, allowed: list.map((c) => c.labelZh).join('、'), allowedEn: list.map((c) => c.labelEn).join(', ') },
        });
      else values[name] = raw;
    } else if (f.type === 'date') {
      const d = new Date(`${raw}T00:00:00Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== raw)
        errors.push({ path, key: 'survey.value.date', params: { label: l.zh, labelEn: l.en } });
      else values[name] = raw;
    } else values[name] = raw.trim();
  }
  return { values, errors };
}

/** The rules a submitted filing must meet: required, range, constraint — for the fields that are asked. */
export function check(form: FormDefinition, values: Values): FieldError[] {
  const errors: FieldError[] = [];
  const get = (n: string) => values[n];
  for (const f of askedFields(form, values)) {
    const path = `values.${f.name}`;
    const v = values[f.name];
    const l = label(f);
    const unit = f.unit ?? '';
    if (empty(v)) {
      if (f.required && (f.required === 'yes' || holds(expr(f.required), { get })))
        errors.push({ path, key: 'survey.value.required', params: { label: l.zh, labelEn: l.en } });
      continue;
    }
    if (typeof v === 'number' && f.min != null && v < f.min) {
      errors.push({ path, key: 'survey.value.min', params: { label: l.zh, labelEn: l.en, min: f.min, unit } });
      continue;
    }
    if (typeof v === 'number' && f.max != null && v > f.max) {
      errors.push({ path, key: 'survey.value.max', params: { label: l.zh, labelEn: l.en, max: f.max, unit } });
      continue;
    }
    // a rule over a field left empty is that field's problem (its own required rule), not this one's
    if (f.constraint && references(expr(f.constraint)).some((n) => empty(values[n]))) continue;
    if (f.constraint && !holds(expr(f.constraint), { self: v, get }))
      errors.push({
        path,
        key: 'survey.value.constraint',
        params: {
          label: l.zh,
          labelEn: l.en,
          message: f.constraintMessageZh ?? '',
          messageEn: f.constraintMessageEn ?? f.constraintMessageZh ?? '',
          rule: ruleText(form, f, f.constraint, 'zh'),
          ruleEn: ruleText(form, f, f.constraint, 'en'),
        },
      });
  }
  return errors;
}

/** Only the asked fields keep their values (a field that stopped being relevant is cleared). */
export function keepAsked(form: FormDefinition, values: Values): Values {
  const asked = new Set(askedFields(form, values).map((f) => f.name));
  return Object.fromEntries(Object.entries(values).filter(([k]) => asked.has(k)));
}

/** Numeric fields whose value is three times or more, or a third or less, of the last period's: to be confirmed. */
export function farFromLast(form: FormDefinition, values: Values, last: Values | null, factor = 3): { field: FormField; value: number; last: number }[] {
  if (!last) return [];
  const out: { field: FormField; value: number; last: number }[] = [];
  for (const f of askedFields(form, values)) {
    const v = values[f.name];
    const p = last[f.name];
    if (typeof v !== 'number' || typeof p !== 'number' || p <= 0) continue;
    if (v >= p * factor || v <= p / factor) out.push({ field: f, value: v, last: p });
  }
  return out;
}
