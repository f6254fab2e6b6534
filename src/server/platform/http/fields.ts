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

/** A calendar date, YYYY-MM-DD. */
export const dateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date')
  .refine((v) => !Number.isNaN(Date.parse(v)), 'field.date');

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
