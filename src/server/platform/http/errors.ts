/**
 * Coded errors and the one error shape of the API:
 *   {"error": {"code": "...", "message": "...", "fields": [{"path": "uscc", "message": "..."}]}}
 * Services throw AppError with a message key; the HTTP layer translates it for the caller.
 */
export interface FieldError {
  path: string;
  /** message key (see i18n.ts) or an already translated message */
  key: string;
  params?: Record<string, unknown>;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly key: string,
    readonly params: Record<string, unknown> = {},
    readonly fields: FieldError[] = [],
    /** retryAfter: seconds, sent as Retry-After (a lock or a rate limit) */
    readonly options: { retryAfter?: number } = {},
  ) {
    super(key);
  }
}

export const notFound = (key = 'error.notFound', params?: Record<string, unknown>) => new AppError(404, 'not_found', key, params);
export const forbidden = (key = 'error.forbidden', params?: Record<string, unknown>) => new AppError(403, 'forbidden', key, params);
export const unauthorized = () => new AppError(401, 'unauthorized', 'error.unauthorized');
export const conflict = (key: string, params?: Record<string, unknown>, fields: FieldError[] = []) => new AppError(409, 'conflict', key, params, fields);
export const invalid = (fields: FieldError[]) => new AppError(400, 'validation_failed', 'error.validation', {}, fields);
export const badRequest = (code: string, key: string, params?: Record<string, unknown>) => new AppError(400, code, key, params);
