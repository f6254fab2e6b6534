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
export const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date').refine((v) => !Number.isNaN(Date.parse(v)), 'field.date');
