/**
 * How a request's text becomes data, before any route sees it:
 *   - JSON bodies by Fastify's own parser (which refuses __proto__ and constructor.prototype), then
 *     refused when nested deeper than any of our shapes goes (MAX_JSON_DEPTH), so no rule walks a hostile tree;
 *   - query strings decoded as WHATWG URLs are (URLSearchParams): a percent-encoding that is not UTF-8
 *     becomes U+FFFD, which validation refuses by the field's name, instead of passing on as literal "%FF".
 */
import type { FastifyInstance } from 'fastify';

/** Our deepest shape (an instrument's opening hours inside its body) is 5 levels: 32 leaves room. */
export const MAX_JSON_DEPTH = 32;

export class JsonTooDeepError extends Error {
  readonly code = 'KFT_JSON_TOO_DEEP';
  readonly statusCode = 400;
  readonly maxDepth = MAX_JSON_DEPTH;
  constructor() {
    super(`JSON nested deeper than ${MAX_JSON_DEPTH}`);
  }
}

/** How deep value nests (a scalar is 0, `{}` and `[]` are 1); stops counting past max. Walks without recursion. */
export function depthOf(value: unknown, max = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const depth = d + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > max) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth]);
  }
  return deepest;
}

/** application/json with Fastify's parser and a depth limit. */
export function registerJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, text, done) => {
    parse(req, text as string, (err, value) => {
      if (err) return done(err, undefined);
      if (depthOf(value) > MAX_JSON_DEPTH) return done(new JsonTooDeepError(), undefined);
      done(null, value);
    });
  });
}

/** The query string as URLSearchParams reads it; a repeated name gives a list, as Fastify's own parser does. */
export function parseQueryString(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) {
    const had = out[key];
    if (had === undefined) out[key] = value;
    else if (Array.isArray(had)) had.push(value);
    else out[key] = [had, value];
  }
  return out;
}
