/**
 * Request validation with zod. The same schemas give the OpenAPI document (via
 * fastify-type-provider-zod's transform) and the web forms' rules. On failure the error handler
 * re-parses the data and writes each problem as a sentence in the caller's language that names the
 * field by its label: `labelled(schema, 'org.label.name')` gives a field its label (a message key of
 * the module that owns the schema). zod's own message tables never reach a user: every issue code has
 * a sentence here. Our own rules carry message keys ("uscc.checkDigit") translated the same way.
 */
import { z } from 'zod';
import type { FastifySchemaCompiler } from 'fastify';
import type { Locale } from './i18n.ts';
import { hasMessage, registerMessages, translate } from './i18n.ts';
import type { FieldError } from './errors.ts';

export class RequestValidationError extends Error {
  constructor(
    readonly schema: z.ZodType,
    readonly data: unknown,
    readonly httpPart: string | undefined,
    /** where the data holds text no field may hold (a NUL, a lone surrogate, U+FFFD): reported before the schema */
    readonly badText: PropertyKey[][] = [],
  ) {
    super('request validation failed');
  }
}

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  return (data: unknown) => {
    const bad = badTextPaths(data);
    if (bad.length) return { error: new RequestValidationError(schema, data, httpPart, bad) };
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(schema, data, httpPart) };
  };
};

/**
 * Text that no field may hold: a NUL (PostgreSQL refuses it in text), a lone UTF-16 surrogate (JSON's "\ud800",
 * which UTF-8 cannot encode) and U+FFFD, the replacement character a decoder leaves where the bytes were not
 * UTF-8 (a bad percent-encoding in the URL). Refused in every request, whatever the field, before it reaches
 * a rule or the database.
 */
const BAD_TEXT = /[\u0000\uFFFD]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isBadText(s: string): boolean {
  return BAD_TEXT.test(s);
}

/** The paths of strings (and keys) in data that hold bad text; at most `limit`. Walks without recursion. */
export function badTextPaths(data: unknown, limit = 20): PropertyKey[][] {
  const found: PropertyKey[][] = [];
  const stack: [unknown, PropertyKey[]][] = [[data, []]];
  while (stack.length && found.length < limit) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (isBadText(value)) found.push(path);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], [...path, i]]);
    } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, v] = entries[i];
        if (isBadText(key)) found.push([...path, key]);
        else stack.push([v, [...path, key]]);
      }
    }
  }
  return found;
}

/** Field labels: a registry of its own, so labels do not leak into the OpenAPI document. */
const labels = z.registry<{ label: string }>();

/** The schema, labelled: its problems are reported as「label」… in the caller's language. */
export function labelled<T extends z.ZodType>(schema: T, labelKey: string): T {
  // a copy: shared field types (phoneText, dateText) are used by many fields, each with its own label
  const copy = schema.clone() as T;
  labels.add(copy, { label: labelKey });
  return copy;
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Wrappers a label may sit outside of: optional(labelled(x)) and labelled(optional(x)) both count. */
function unwrapped(s: z.ZodType): z.ZodType[] {
  const chain = [s];
  for (let cur = s, guard = 0; guard < 20; guard++) {
    const d = defOf(cur);
    const next = d.innerType ?? (d.type === 'pipe' ? d.in : undefined) ?? (d.type === 'lazy' && d.getter ? d.getter() : undefined);
    if (!next) break;
    chain.push(next);
    cur = next;
  }
  return chain;
}

/** The label key of the field at path inside schema (the innermost labelled one), if any. */
export function labelAt(schema: z.ZodType, path: PropertyKey[]): string | undefined {
  let found: string | undefined;
  let nodes = [schema];
  for (const seg of path) {
    const next: z.ZodType[] = [];
    for (const node of nodes) {
      for (const s of unwrapped(node)) {
        const d = defOf(s);
        if (d.type === 'object' && d.shape && typeof seg === 'string' && d.shape[seg]) next.push(d.shape[seg]);
        if (d.type === 'array' && d.element && typeof seg === 'number') next.push(d.element);
        if (d.type === 'record' && d.valueType) next.push(d.valueType);
        if (d.type === 'union' && d.options) {
          for (const o of d.options)
            for (const u of unwrapped(o)) {
              const od = defOf(u);
              if (od.type === 'object' && od.shape && typeof seg === 'string' && od.shape[seg]) next.push(od.shape[seg]);
            }
        }
      }
    }
    if (next.length === 0) break;
    nodes = next;
    for (const n of nodes)
      for (const s of unwrapped(n)) {
        const l = labels.get(s)?.label;
        if (l) found = l;
      }
  }
  return found;
}

registerMessages({
  'zh-CN': {
    'zod.required': '请填写「{label}」。',
    'zod.type': '「{label}」应为{expected}。',
    'zod.tooShort': '「{label}」至少 {minimum} 个字（现有 {length} 个）。',
    'zod.tooLong': '「{label}」最多 {maximum} 个字（现有 {length} 个）。',
    'zod.tooSmall': '「{label}」不能小于 {minimum}。',
    'zod.tooSmallExclusive': '「{label}」应大于 {minimum}。',
    'zod.tooBig': '「{label}」不能大于 {maximum}。',
    'zod.tooBigExclusive': '「{label}」应小于 {maximum}。',
    'zod.tooFewItems': '「{label}」至少要有 {minimum} 项。',
    'zod.tooManyItems': '「{label}」最多 {maximum} 项（现有 {length} 项）。',
    'zod.notInteger': '「{label}」应为整数。',
    'zod.multipleOf': '「{label}」应为 {divisor} 的整数倍。',
    'zod.option': '「{label}」不能是“{value}”，可选：{options}。',
    'zod.format': '「{label}」的格式不正确。',
    'zod.email': '「{label}」不是有效的邮箱地址。',
    'zod.url': '「{label}」不是有效的网址。',
    'zod.date': '「{label}」不是有效的日期（格式 YYYY-MM-DD）。',
    'zod.datetime': '「{label}」不是有效的时间（ISO 8601，例如 2026-12-01T09:00:00+08:00）。',
    'zod.unknownKeys': '不认识的字段：{keys}。',
    'zod.invalid': '「{label}」的值无效。',
    'zod.labelled': '「{label}」：{message}',
    'zod.badText': '「{label}」不能包含空字符或无效字符。',
    'zod.type.string': '文本',
    'zod.type.number': '数字',
    'zod.type.int': '整数',
    'zod.type.boolean': '是或否（true/false）',
    'zod.type.array': '列表',
    'zod.type.object': '对象',
    'zod.type.date': '日期',
    'zod.type.bigint': '整数',
  },
  en: {
    'zod.required': '{label} is required.',
    'zod.type': '{label} must be {expected}.',
    'zod.tooShort': '{label} needs at least {minimum} characters (has {length}).',
    'zod.tooLong': '{label} takes at most {maximum} characters (has {length}).',
    'zod.tooSmall': '{label} cannot be less than {minimum}.',
    'zod.tooSmallExclusive': '{label} must be more than {minimum}.',
    'zod.tooBig': '{label} cannot be more than {maximum}.',
    'zod.tooBigExclusive': '{label} must be less than {maximum}.',
    'zod.tooFewItems': '{label} needs at least {minimum} items.',
    'zod.tooManyItems': '{label} takes at most {maximum} items (has {length}).',
    'zod.notInteger': '{label} must be a whole number.',
    'zod.multipleOf': '{label} must be a multiple of {divisor}.',
    'zod.option': '{label} cannot be "{value}"; allowed: {options}.',
    'zod.format': '{label} is not in the right format.',
    'zod.email': '{label} is not a valid email address.',
    'zod.url': '{label} is not a valid web address.',
    'zod.date': '{label} is not a valid date (YYYY-MM-DD).',
    'zod.datetime': '{label} is not a valid time (ISO 8601, e.g. 2026-12-01T09:00:00+08:00).',
    'zod.unknownKeys': 'Unknown fields: {keys}.',
    'zod.invalid': '{label} is not valid.',
    'zod.labelled': '{label}: {message}',
    'zod.badText': '{label} cannot contain null or invalid characters.',
    'zod.type.string': 'text',
    'zod.type.number': 'a number',
    'zod.type.int': 'a whole number',
    'zod.type.boolean': 'true or false',
    'zod.type.array': 'a list',
    'zod.type.object': 'an object',
    'zod.type.date': 'a date',
    'zod.type.bigint': 'a whole number',
  },
});

const show = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));
const lengthOf = (v: unknown) => (typeof v === 'string' ? [...v].length : Array.isArray(v) ? v.length : 0);

/** One zod issue as a sentence that names the field by its label. */
export function issueMessage(issue: z.core.$ZodIssue, label: string, locale: Locale, optionLabels?: Record<string, string>): string {
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, key, { label, ...params });
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined || input === null) return t('zod.required');
      return t('zod.type', { expected: translate(locale, `zod.type.${issue.expected}`) });
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? t('zod.required') : t('zod.tooShort', { minimum: min, length: lengthOf(input) });
      if (issue.origin === 'array' || issue.origin === 'set') return t('zod.tooFewItems', { minimum: min });
      return t(issue.inclusive === false ? 'zod.tooSmallExclusive' : 'zod.tooSmall', { minimum: min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('zod.tooLong', { maximum: max, length: lengthOf(input) });
      if (issue.origin === 'array' || issue.origin === 'set') return t('zod.tooManyItems', { maximum: max, length: lengthOf(input) });
      if (issue.origin === 'int' || (issue.origin === 'number' && !Number.isSafeInteger(max))) return t('zod.notInteger');
      return t(issue.inclusive === false ? 'zod.tooBigExclusive' : 'zod.tooBig', { maximum: max });
    }
    case 'not_multiple_of':
      return t(issue.divisor === 1 ? 'zod.notInteger' : 'zod.multipleOf', { divisor: issue.divisor });
    case 'invalid_value':
      if (input === undefined || input === null) return t('zod.required');
      // allowed values by their labels where the caller knows them (an import shows 企业, not enterprise)
      return t('zod.option', {
        value: show(input),
        options: issue.values.map((v) => optionLabels?.[String(v)] ?? show(v)).join(locale === 'en' ? ', ' : '、'),
      });
    case 'invalid_format': {
      const f = issue.format;
      if (f === 'email') return t('zod.email');
      if (f === 'url') return t('zod.url');
      if (f === 'date') return t('zod.date');
      if (f === 'datetime') return t('zod.datetime');
      return t('zod.format');
    }
    case 'unrecognized_keys':
      return t('zod.unknownKeys', { keys: issue.keys.join(locale === 'en' ? ', ' : '、') });
    default:
      return t('zod.invalid');
  }
}

/** Field errors of data against schema, each a sentence in the locale naming the field by its label. */
export function fieldErrors(
  schema: z.ZodType,
  data: unknown,
  locale: Locale,
  opts: { optionLabels?: (path: string) => Record<string, string> | undefined } = {},
): { path: string; message: string }[] {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { path, message: messageOf(issue, labelFor(schema, issue.path, locale), locale, opts.optionLabels?.(path)) };
  });
}

/** The label of the field at path, in the locale. */
function labelFor(schema: z.ZodType, path: PropertyKey[], locale: Locale): string {
  // a field without its own label: a platform one for generic names (an id in the URL), else its name
  const last = String(path[path.length - 1] ?? '');
  const labelKey = labelAt(schema, path) ?? (hasMessage(`field.label.${last}`) ? `field.label.${last}` : undefined);
  // no label: the field's own name, so the sentence still says which field it is
  return labelKey ? translate(locale, labelKey) : path.map(String).join('.') || (locale === 'en' ? 'The request' : '请求');
}

/** The field errors of a request that failed validation, the URL's fields under query.* and params.*. */
export function requestFieldErrors(cause: RequestValidationError, locale: Locale): { path: string; message: string }[] {
  const prefix = cause.httpPart === 'querystring' ? 'query.' : cause.httpPart === 'params' ? 'params.' : cause.httpPart === 'headers' ? 'headers.' : '';
  const fields = cause.badText.length
    ? cause.badText.map((p) => ({ path: p.map(String).join('.'), message: translate(locale, 'zod.badText', { label: labelFor(cause.schema, p, locale) }) }))
    : fieldErrors(cause.schema, cause.data, locale);
  return fields.map((f) => ({ ...f, path: prefix + f.path }));
}

function messageOf(issue: z.core.$ZodIssue, label: string, locale: Locale, optionLabels?: Record<string, string>): string {
  // Our refinements put a message key in `message` and their values in params (the bad value is {value})
  if (hasMessage(issue.message)) {
    const params = { value: show((issue as { input?: unknown }).input ?? ''), ...('params' in issue ? (issue.params as Record<string, unknown>) : {}) };
    const message = translate(locale, issue.message, params);
    // the label once: a message that already names the field (统一社会信用代码校验位错误…) is left as it is
    return message.toLowerCase().includes(label.toLowerCase()) ? message : translate(locale, 'zod.labelled', { label, message });
  }
  return issueMessage(issue, label, locale, optionLabels);
}

export function translateFields(fields: FieldError[], locale: Locale) {
  return fields.map((f) => ({ path: f.path, message: hasMessage(f.key) ? translate(locale, f.key, f.params) : f.key }));
}

/**
 * For a refinement of a whole object that reads its fields as parsed (dates, numbers): run it only when the
 * fields themselves passed. zod runs an object's refinements even after a field failed, with the field's raw
 * input in its place (a text where a Date was expected: `.getTime()` would throw, a server error).
 */
export const whenFieldsValid = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

/** zod refinement adding an issue with a message key and params. */
export function issue(ctx: z.RefinementCtx, key: string, params: Record<string, unknown> = {}) {
  ctx.addIssue({ code: 'custom', message: key, params });
}
