/**
 * Security headers on every response, pages and API alike (@fastify/helmet):
 *   - a Content-Security-Policy the built web app runs under: scripts only from our own origin, never inline
 *     (Vite emits none); styles may be inline, because Ant Design writes its CSS-in-JS into <style> elements;
 *     images from us and data: URLs (the favicon, ECharts' exports); nothing may frame a page (clickjacking);
 *   - X-Content-Type-Options: nosniff, Referrer-Policy: strict-origin-when-cross-origin, X-Frame-Options: DENY;
 *   - HSTS and upgrade-insecure-requests only when the site is served over HTTPS (COOKIE_SECURE or an https
 *     PUBLIC_URL): on plain HTTP they would send browsers to a port nothing listens on.
 * The API docs (swagger-ui) send their own policy, `docsCsp`, through the plugin's staticCSP option.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

type Directives = Record<string, string[]>;

/** The policy of the web app's pages (and of every other response). */
export function cspDirectives(https: boolean): Directives {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** The policy of /api/docs: swagger-ui's bundle and initializer are files of ours, its styles partly inline. */
export function docsCsp(https: boolean): string {
  return serialize({ ...cspDirectives(https), 'img-src': ["'self'", 'data:'] });
}

function serialize(d: Directives): string {
  return Object.entries(d)
    .map(([k, v]) => [k, ...v].join(' '))
    .join('; ');
}

export async function registerSecurityHeaders(app: FastifyInstance, opts: { https: boolean }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(opts.https) },
    strictTransportSecurity: opts.https ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
    // the pages load nothing from other origins; a cross-origin embedder policy would only stop future map tiles
    crossOriginEmbedderPolicy: false,
  });
}
