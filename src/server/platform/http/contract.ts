/**
 * The one contract of the API, shared by every module's routes:
 *   - the one error shape (`ErrorBody`) and `errorResponses(400, 404, …)` for a route's declared errors;
 *   - `SESSION`, the security requirement of a route that needs a signed-in caller (the session cookie);
 *   - `Timestamp`, a `Date` on the server and an ISO 8601 string on the wire and in the OpenAPI document;
 *   - `fileResponse(…)` for downloads (spreadsheets, PDFs, calendars);
 *   - `checkContract`, run for every route as it is added: an API route without an operationId or a 2xx
 *     (or, for a browser navigation, a 3xx) response schema does not start, so the OpenAPI document, and the web client generated from it, are whole.
 * Responses are checked against their schema when sent (fastify-type-provider-zod's serializer): a field
 * the schema does not declare is dropped, so nothing leaves the server that the contract does not name.
 */
import { z } from 'zod';
import type { RouteOptions } from 'fastify';

export const FieldErrorView = z
  .object({
    path: z.string().meta({ description: 'the field, as a dotted path (query.* and params.* for the URL)' }),
    message: z.string().meta({ description: "a sentence in the caller's language naming the field by its label" }),
  })
  .meta({ id: 'FieldError' });

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'stable machine-readable code, e.g. validation_failed, not_found, booking_conflict' }),
      message: z.string().meta({ description: "what went wrong, in the caller's language (Accept-Language: zh-CN default, en)" }),
      fields: z.array(FieldErrorView),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: '请求有误 Invalid request (fields name each problem)',
  401: '未登录 Not signed in',
  403: '无权限 Not allowed for this caller',
  404: '不存在 Not found',
  409: '冲突 Conflict with the current state',
  413: '文件过大 Payload too large',
  415: '不支持的内容类型 Unsupported media type',
  422: '无法处理 Unprocessable',
  429: '请求过多 Too many requests',
  500: '服务器错误 Internal error (the message carries the request id)',
  503: '暂不可用 Unavailable',
};

/** The declared error responses of a route, all of the one error shape. */
export function errorResponses<const C extends readonly number[]>(...codes: C): { [K in C[number]]: typeof ErrorBody } {
  return Object.fromEntries(codes.map((c) => [c, ErrorBody.describe(ERROR_DESCRIPTIONS[c] ?? 'Error')])) as never;
}

/** The security scheme of the session cookie, as the OpenAPI document declares it. */
export const SESSION_SCHEME = 'session';
export const securitySchemes = {
  [SESSION_SCHEME]: {
    type: 'apiKey',
    in: 'cookie',
    name: 'kft_session',
    description: '登录后服务器设置的会话 Cookie（httpOnly）The session cookie set by sign-in',
  },
} as const;
/** A route that needs a signed-in caller. */
export const SESSION = [{ [SESSION_SCHEME]: [] }];
/** A route anyone may call (it may still show a signed-in caller more). */
export const PUBLIC: { [name: string]: string[] }[] = [];

/** A point in time: a Date in the server's hands, an ISO 8601 string in JSON. */
export const Timestamp = z.date().meta({ description: 'ISO 8601 date-time' });

/** `{ ok: true }`, the answer of an action that returns nothing else. */
export const OkView = z.object({ ok: z.literal(true) });

/** The body of a download: bytes, sent as a stream, a Buffer or text (never checked against a schema). */
const FileBody = z.custom<NodeJS.ReadableStream | Buffer | string>(() => true).meta({ type: 'string', format: 'binary' });

/** A download: the listed media types, body of bytes. */
export function fileResponse(description: string, types: string[]) {
  return {
    description,
    content: Object.fromEntries(types.map((t) => [t, { schema: FileBody }])),
  };
}

/**
 * zod → JSON Schema options for the OpenAPI document: a Date is written as a date-time string (what
 * JSON.stringify makes of it); other types JSON cannot carry are refused, so a mistake shows at start-up.
 */
export const zodToJsonConfig = {
  unrepresentable: 'any' as const,
  override: (ctx: { zodSchema: { _zod: { def: { type: string } } }; jsonSchema: Record<string, unknown> }) => {
    if (ctx.zodSchema._zod.def.type === 'date') {
      ctx.jsonSchema.type = 'string';
      ctx.jsonSchema.format = 'date-time';
    }
  },
};

/**
 * Every operation under /api/ declares an operationId, a 2xx response, its security and the errors it
 * can answer with. Checked as each route is added, so a route that breaks the contract stops the start.
 */
export function checkContract(route: RouteOptions): void {
  // HEAD routes are Fastify's copies of GET routes and share their schema
  if (!route.url.startsWith('/api/') || route.method === 'HEAD') return;
  const schema = route.schema as (Record<string, unknown> & { hide?: boolean; response?: Record<string, unknown> }) | undefined;
  if (!schema || schema.hide) return;
  const where = `${String(route.method)} ${route.url}`;
  if (typeof schema.operationId !== 'string') throw new Error(`${where}: the route declares no operationId`);
  const response = schema.response ?? {};
  // a browser navigation (single sign-on) answers with a redirect instead
  if (!Object.keys(response).some((code) => /^[23]\d\d$/.test(code))) throw new Error(`${where}: the route declares no 2xx (or 3xx) response schema`);
  // every API route can fail validation (400) or fail inside (500); both have the one error shape
  schema.response = { ...errorResponses(400, 500), ...response };
  if (schema.security === undefined) schema.security = PUBLIC;
}

/**
 * The OpenAPI document's components without the `…Input` copies nobody refers to: the zod provider
 * writes every named schema twice (as read and as written), and a response-only view's input copy is noise.
 */
export function withoutUnusedInputs<T extends { paths?: unknown; components?: { schemas?: Record<string, unknown> } }>(doc: T): T {
  const schemas = { ...(doc.components?.schemas ?? {}) };
  for (let changed = true; changed; ) {
    changed = false;
    const text = JSON.stringify({ paths: doc.paths, schemas });
    for (const name of Object.keys(schemas)) {
      if (name.endsWith('Input') && !text.includes(`"#/components/schemas/${name}"`)) {
        delete schemas[name];
        changed = true;
      }
    }
  }
  return { ...doc, components: { ...doc.components, schemas } };
}
