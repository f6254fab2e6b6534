/**
 * zod shapes for fields every module's forms share, with message keys from i18n.ts.
 */
import { z } from 'zod';

/** Free text that may be left empty: trimmed, and an empty string is stored as null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

/** A calendar date, YYYY-MM-DD, that exists (Date.parse takes 2027-02-30 as 2 March; PostgreSQL refuses it). */
export const dateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'field.date', abort: true })
  .refine(isRealDay, 'field.date');

/** YYYY-MM-DD names a day of the calendar (year 1000 or later). */
export function isRealDay(v: string): boolean {
  const [y, m, d] = v.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return y >= 1000 && day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

const PHONE = /^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|400-?\d{3}-?\d{4})$/;

/** A mainland phone number (mobile, landline with area code, 400 line); empty is null. */
export const phoneText = z
  .string()
  .trim()
  .transform((v) => v.replace(/\s+/g, ''))
  .refine((v) => v === '' || PHONE.test(v), 'field.phone')
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

/** An email address; empty is null. */
export const emailText = z
  .string()
  .trim()
  .refine((v) => v === '' || z.email().safeParse(v).success, 'field.email')
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

/** A comma-separated query parameter as a list of allowed values. */
export function csvList<T extends string>(item: z.ZodType<T>) {
  return z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
    )
    .pipe(z.array(item).max(50).optional() as unknown as z.ZodType<T[] | undefined, string[] | undefined>);
}

/**
 * The fields of a create shape, each optional and without its default, for PATCH: an omitted field
 * must stay as it is (zod applies a default even inside .optional(), which would reset it).
 */
export function patchFields<T extends Record<string, z.ZodType>>(fields: T): { [K in keyof T]: z.ZodOptional<z.ZodType<z.output<T[K]>, z.input<T[K]>>> } {
  return Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, (s instanceof z.ZodDefault ? (s.unwrap() as z.ZodType) : s).optional()])) as never;
}

/**
 * A number written in the URL (a path or query parameter) as plain decimal digits, so that one resource has
 * one address: `/orgs/42`, never `/orgs/0x2a`, `/orgs/4.2e1`, `/orgs/%2042` or `/orgs/042` (a leading zero is
 * refused too). Anything else is a 400 naming the field, before a rule or the database sees it; the value
 * stays within the integers JavaScript holds exactly (2^53 − 1), which every bigint id column can hold.
 */
function decimalInUrl(pattern: RegExp, messageKey: string, number: z.ZodNumber) {
  return z.preprocess((value, ctx) => {
    if (typeof value !== 'string') return value;
    if (pattern.test(value) && Number.isSafeInteger(Math.trunc(Number(value)))) return Number(value);
    ctx.addIssue({ code: 'custom', message: messageKey, input: value });
    return value;
  }, number);
}

/** An id in the URL: 1 … 2^53 − 1 in decimal digits without a leading zero (see decimalInUrl). */
export const IdParam = decimalInUrl(/^[1-9][0-9]{0,15}$/, 'field.id', z.number().int().min(1).max(Number.MAX_SAFE_INTEGER));

/** A whole number in the query (page, pageSize, limit, a price bound), decimal digits only. */
export const queryInt = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  decimalInUrl(/^(0|[1-9][0-9]{0,15})$/, 'field.wholeNumber', z.number().int().min(min).max(max));

/** A number in the query that may have a fraction (hours, seconds): decimal digits with an optional point. */
export const queryDecimal = (min: number, max: number) => decimalInUrl(/^(0|[1-9][0-9]{0,15})(\.[0-9]{1,6})?$/, 'field.decimal', z.number().min(min).max(max));
