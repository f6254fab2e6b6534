/**
 * Public answers cached, and never stale in a way a user can see.
 *
 * A route opts in with `config: { responseCache: { scopes: [...] } }`, naming the cache scopes of the records
 * it shows (migration 0027 ties each scope to its tables by triggers). Only anonymous GETs are served from the
 * cache: a signed-in caller may see more (contacts, own drafts), and always gets a fresh answer.
 *
 * Each anonymous request reads the scopes' counters (batched, platform/cache/generations.ts), so an answer is
 * served only while nothing it shows has changed since it was computed; the counters are read before the answer
 * is computed, so a stored answer is at least as new as the counters it is filed under.
 * Two levels: this process's memory (bounded in bytes, least recently used goes first), and on a PostgreSQL
 * server a table every app process shares (http_cache), so a second process starts warm.
 *
 * Every API GET that answers 200 also carries an ETag (a hash of the body), and a request whose If-None-Match
 * names it gets 304 without the body.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from '../db/sql.ts';
import type { Database } from '../db/database.ts';
import { Generations } from '../cache/generations.ts';
import { requestLocale } from './i18n.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * cache anonymous answers of this GET route; scopes: what the answer shows (see migration 0027);
     * timeSlotSeconds: for answers that depend on the clock as well (free slots from now on), how long one may be
     * reused — without it an answer is reused for the rest of the day in China (recognitions valid today)
     */
    responseCache?: { scopes: readonly string[]; timeSlotSeconds?: number };
  }
  interface FastifyRequest {
    cacheSlot?: { key: string; version: string; hit: boolean };
  }
}

export interface ResponseCacheOptions {
  enabled: boolean;
  /** bytes of answers kept in this process's memory */
  memoryBytes: number;
  /** how long an answer nobody asked again stays in the shared table */
  sharedTtlMinutes?: number;
}

interface Entry {
  version: string;
  etag: string;
  body: string;
}

/** Hit and miss counts since start (GET /readyz shows them; the load benchmark prints the hit rate). */
export interface CacheStats {
  enabled: boolean;
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function etagOf(body: string | Buffer): string {
  return `"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

const CHINA_OFFSET_MS = 8 * 3600_000;

/** The period of the clock an answer belongs to: its time slot, or the day in China (UTC+8, no daylight saving). */
function clockPeriod(timeSlotSeconds: number | undefined, now = Date.now()): string {
  return timeSlotSeconds ? `t${Math.floor(now / 1000 / timeSlotSeconds)}` : new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The key of an answer: path, the query's parameters in a fixed order, and the caller's language. */
export function cacheKey(req: FastifyRequest): string {
  const [path, query = ''] = req.url.split('?', 2);
  const params = query.split('&').filter(Boolean).sort().join('&');
  return crypto
    .createHash('sha1')
    .update(`${requestLocale(req)} ${path}?${params}`)
    .digest('base64url');
}

class MemoryStore {
  private entries = new Map<string, Entry>();
  bytes = 0;
  constructor(private readonly maxBytes: number) {}
  get size() {
    return this.entries.size;
  }
  get(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e) {
      // most recently used goes to the end
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    return e;
  }
  set(key: string, e: Entry): void {
    const size = e.body.length * 2;
    if (size > this.maxBytes / 8) return; // one huge answer must not empty the cache
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.body.length * 2;
      this.entries.delete(key);
    }
    this.entries.set(key, e);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.body.length * 2;
    }
  }
}

export function registerResponseCache(app: FastifyInstance, db: Database, opts: ResponseCacheOptions): { stats: () => CacheStats } {
  const generations = new Generations(db);
  const memory = new MemoryStore(opts.memoryBytes);
  // one process owns an embedded database: its memory is the whole cache
  const shared = db.engine === 'postgres';
  const counts = { hits: 0, misses: 0 };

  const sendEntry = (req: FastifyRequest, reply: FastifyReply, e: Entry) => {
    reply.header('etag', e.etag).header('x-cache', 'hit').header('cache-control', 'no-cache').type(JSON_TYPE);
    if (req.headers['if-none-match'] === e.etag) return reply.code(304).send();
    return reply.send(e.body);
  };

  if (opts.enabled) {
    app.addHook('onRequest', async (req, reply) => {
      const rule = req.routeOptions.config?.responseCache;
      if (!rule || req.method !== 'GET' || req.user || req.headers.authorization) return;
      const version = `${Generations.versionOf(await generations.read(), rule.scopes)},${clockPeriod(rule.timeSlotSeconds)}`;
      const key = cacheKey(req);
      let entry = memory.get(key);
      if (entry && entry.version !== version) entry = undefined;
      if (!entry && shared) {
        const { rows } = await db.query<Entry>(sql`SELECT version, etag, body FROM http_cache WHERE key = ${key} AND version = ${version}`);
        entry = rows[0];
        if (entry) memory.set(key, entry);
      }
      req.cacheSlot = { key, version, hit: !!entry };
      if (entry) {
        counts.hits++;
        return sendEntry(req, reply, entry);
      }
      counts.misses++;
      reply.header('x-cache', 'miss');
    });

    // answers nobody asked for again leave the shared table
    if (shared) {
      const ttl = opts.sharedTtlMinutes ?? 60;
      const sweep = setInterval(
        () => void db.query(sql`DELETE FROM http_cache WHERE stored_at < now() - make_interval(mins => ${ttl})`).catch(() => {}),
        10 * 60_000,
      );
      sweep.unref();
      app.addHook('onClose', async () => clearInterval(sweep));
    }
  }

  // ETag on every API GET answered 200, 304 when the caller already has it; fresh answers of cacheable routes are stored
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' || reply.statusCode !== 200 || !req.url.startsWith('/api/')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams (exports) are not hashed
    const slot = req.cacheSlot;
    if (slot?.hit) return payload;
    const etag = (reply.getHeader('etag') as string | undefined) ?? etagOf(payload);
    reply.header('etag', etag);
    if (!reply.getHeader('cache-control')) reply.header('cache-control', req.user ? 'private, no-cache' : 'no-cache');
    if (slot && typeof payload === 'string') {
      const entry = { version: slot.version, etag, body: payload };
      memory.set(slot.key, entry);
      if (shared) {
        void db
          .query(sql`INSERT INTO http_cache (key, version, etag, body) VALUES (${slot.key}, ${slot.version}, ${etag}, ${payload})
            ON CONFLICT (key) DO UPDATE SET version = EXCLUDED.version, etag = EXCLUDED.etag, body = EXCLUDED.body, stored_at = now()`)
          .catch(() => {}); // a lost store is a later miss, never a wrong answer
      }
    }
    if (req.headers['if-none-match'] === etag) {
      reply.code(304);
      return '';
    }
    return payload;
  });

  return { stats: () => ({ enabled: opts.enabled, ...counts, entries: memory.size, bytes: memory.bytes }) };
}
