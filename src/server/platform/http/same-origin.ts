/**
 * Cookie-authenticated writes come from our own pages only (cross-site request forgery). A POST, PUT, PATCH or
 * DELETE that carries the session cookie is refused with 403 foreign_origin when
 *   - the browser says so: `Sec-Fetch-Site: cross-site`; or
 *   - its `Origin` (or, without one, its `Referer`) is another origin than ours: PUBLIC_URL's when it is set,
 *     else the request's own scheme and host (`Origin: null`, a sandboxed or privacy-stripped origin, is foreign).
 * A request without the cookie (an API client, a sign-in) or without Origin and Referer (curl, scripts)
 * passes: it carries no authority a foreign page could borrow, or no browser sent it. The session cookie
 * is SameSite=Lax as well; this check also covers browsers and same-site subdomains Lax lets through.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './errors.ts';
import { registerMessages } from './i18n.ts';
import { SESSION_SCHEME, securitySchemes } from './contract.ts';

registerMessages({
  'zh-CN': { 'error.foreignOrigin': '拒绝来自其他网站的请求：请在本站页面上操作。' },
  en: { 'error.foreignOrigin': 'Requests from other websites are refused: please use this site’s own pages.' },
});

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const COOKIE = new RegExp(`(?:^|;)\\s*${securitySchemes[SESSION_SCHEME].name}=`);

const originOf = (url: string): string | null => {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
};

/** The request's own origin, from its scheme and Host header (used only when PUBLIC_URL is not set). */
const ownOrigin = (req: FastifyRequest) => originOf(`${req.protocol}://${req.headers.host ?? ''}`);

/** Whether a cookie-carrying write comes from somewhere else than `ours` (null: the request's own origin). */
export function isForeignWrite(req: FastifyRequest, ours: string | null): boolean {
  if (!WRITES.has(req.method) || !COOKIE.test(req.headers.cookie ?? '')) return false;
  if (req.headers['sec-fetch-site'] === 'cross-site') return true;
  const claimed = req.headers.origin ?? req.headers.referer;
  if (claimed === undefined) return false;
  const from = originOf(claimed);
  return from === null || from !== (ours ?? ownOrigin(req));
}

/** Refuses foreign cookie-authenticated writes before anything else runs (the body is not even read). */
export const sameOriginWrites = fp(async (app: FastifyInstance, opts: { publicUrl: string | null }) => {
  const ours = opts.publicUrl ? originOf(opts.publicUrl) : null;
  app.addHook('onRequest', async (req) => {
    if (isForeignWrite(req, ours)) throw new AppError(403, 'foreign_origin', 'error.foreignOrigin');
  });
});
