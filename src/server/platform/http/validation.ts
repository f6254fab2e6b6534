/**
 * Request validation with zod. The same schemas give the OpenAPI document (via
 * fastify-type-provider-zod's transform) and the web forms' rules. On failure the error handler
 * re-parses with zod's message table for the caller's language, so field errors arrive in
 * Chinese or English; our own rules carry message keys ("uscc.checkDigit") translated the same way.
 */
import { z } from 'zod';
import { zhCN, en } from 'zod/locales';
import type { FastifySchemaCompiler } from 'fastify';
import type { Locale } from './i18n.ts';
import { hasMessage, translate } from './i18n.ts';
import type { FieldError } from './errors.ts';

export class RequestValidationError extends Error {
  constructor(
    readonly schema: z.ZodType,
    readonly data: unknown,
    readonly httpPart: string | undefined,
  ) {
    super('request validation failed');
  }
}

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  return (data: unknown) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(schema, data, httpPart) };
  };
};

const zodLocales = { 'zh-CN': zhCN().localeError, en: en().localeError };

/** Field errors of data against schema, messages in the locale. */
export function fieldErrors(schema: z.ZodType, data: unknown, locale: Locale): { path: string; message: string }[] {
  const result = schema.safeParse(data, { error: zodLocales[locale] });
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: messageOf(issue, locale),
  }));
}

function messageOf(issue: z.core.$ZodIssue, locale: Locale): string {
  // Our refinements put a message key in `message` and their values in params.
  if (hasMessage(issue.message)) {
    const params = 'params' in issue ? (issue.params as Record<string, unknown>) : {};
    return translate(locale, issue.message, params);
  }
  return issue.message;
}

export function translateFields(fields: FieldError[], locale: Locale) {
  return fields.map((f) => ({ path: f.path, message: hasMessage(f.key) ? translate(locale, f.key, f.params) : f.key }));
}

/** zod refinement adding an issue with a message key and params. */
export function issue(ctx: z.RefinementCtx, key: string, params: Record<string, unknown> = {}) {
  ctx.addIssue({ code: 'custom', message: key, params });
}
