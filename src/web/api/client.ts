/**
 * The web's data layer: one openapi-fetch client typed by schema.d.ts (generated from the server's OpenAPI document
 * by `npx tsx scripts/api-contract.ts`; never edited by hand), the error every failed call throws, and the
 * Accept-Language every call carries. The features' query functions (features/<domain>/api.ts) call it.
 */
import createClient, { type FetchResponse, type Middleware } from 'openapi-fetch';
import i18n from 'i18next';
import type { components, paths } from './schema';

/**
 * The API's shapes (components['schemas']) as a response's data carries them: openapi-fetch types `data` through its
 * Readable<>, which drops write-only fields (the API has none) and also widens tuples to arrays
 * (openapi-ts/openapi-typescript#2842, open): an instrument's openingHours pairs read as string[], not
 * [string, string]. Naming the shapes through the same Readable<> keeps a query's data and the type a page names
 * one and the same type.
 */
export type Schemas = { [K in keyof components['schemas']]: Read<components['schemas'][K]> };
type Read<T> = NonNullable<FetchResponse<{ responses: { 200: { content: { 'application/json': T } } } }, unknown, 'application/json'>['data']>;
export type FieldError = Schemas['FieldError'];

/** A failed call: the HTTP status and the API's error body (code, message in the caller's language, fields). */
export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public fields: FieldError[] = [],
    public body?: unknown,
  ) {
    super(message);
  }
}

/** The language the API answers in (its messages, its field errors). */
export function langHeader(): string {
  return i18n.language?.startsWith('en') ? 'en' : 'zh-CN';
}

/** Query string the way the API reads it: empty values dropped, lists joined with commas. */
export function qs(params: Record<string, unknown>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) sp.set(k, v.join(','));
    } else sp.set(k, String(v));
  }
  return sp.toString();
}

const language: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', langHeader());
    request.headers.set('Accept', 'application/json');
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin', querySerializer: (q) => qs(q as Record<string, unknown>) });
api.use(language);

// every query's and mutation's error is an ApiError (a failed fetch becomes one with status 0)
declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
  }
}

interface Outcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

async function settle<R extends Outcome>(call: Promise<R>): Promise<R> {
  let r: R;
  try {
    r = await call;
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  if (!r.response.ok) throw failure(r.response, r.error);
  return r;
}

function failure(response: Response, error: unknown): ApiError {
  const body = error && typeof error === 'object' ? (error as { error?: { code?: string; message?: string; fields?: FieldError[] } }) : null;
  const e = body?.error;
  return new ApiError(response.status, e?.code ?? `http_${response.status}`, e?.message ?? `HTTP ${response.status}`, e?.fields ?? [], body);
}

/**
 * The data of a call, typed by the route's declared response (openapi-fetch's `data`); a failure is thrown as
 * ApiError. A route that answers 204 No Content gives `undefined`.
 */
export async function unwrap<R extends Outcome>(call: Promise<R>): Promise<Data<R>> {
  return (await settle(call)).data as Data<R>;
}
type Data<R extends Outcome> = [NonNullable<R['data']>] extends [never] ? undefined : NonNullable<R['data']>;
