/**
 * The built web app (dist/web) beside the API: its files, each with the cache policy it deserves, and the
 * single-page app's own paths answered with its page. Unknown API paths get the one error shape instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { routeNotFound } from './error-handler.ts';
import { fromRoot } from '../app-root.ts';

export const WEB_DIST = fromRoot('dist/web');
const WEB_ASSETS = path.join(WEB_DIST, 'assets') + path.sep;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** The 404 handler: the one error shape under /api/, the web app's page elsewhere (its client-side routes). */
export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  if (req.url.startsWith('/api/') || !fs.existsSync(path.join(WEB_DIST, 'index.html'))) return routeNotFound(req, reply);
  // the page itself is revalidated, like index.html
  return reply.type('text/html').header('cache-control', REVALIDATE).sendFile('index.html');
}

/** The web app's files (registered last: no API route is shadowed). */
export async function registerWebApp(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(WEB_DIST)) return;
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    // the build writes .br and .gz beside each file; the one the browser accepts is sent, else the plain file
    preCompressed: true,
    // Vite's assets carry a content hash in their names, so a browser may keep them for good; everything else
    // (index.html, which names the current assets; the district geometry) is revalidated on each use
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', filePath.startsWith(WEB_ASSETS) ? IMMUTABLE : REVALIDATE);
    },
  });
}
