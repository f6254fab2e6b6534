/**
 * One SQL dialect (PostgreSQL), two engines: the embedded PGlite (a WebAssembly build of PostgreSQL
 * 17, files in DATA_DIR) when DATABASE_URL is unset, a PostgreSQL 15+ server otherwise.
 * Both are wrapped in the same small interface so repositories never know which one runs.
 *
 * Values come back the same way from both: int8 as number (counts), numeric as string (money
 * precision is the caller's business), date as 'YYYY-MM-DD' text, timestamptz as Date.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import type { Sql } from './sql.ts';
import { readTemplate, templatePath, writeTemplate } from './pglite-template.ts';

export type Row = Record<string, unknown>;
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Row>(q: Sql): Promise<QueryResult<T>>;
}

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs fn in one transaction; rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). No parameters. */
  exec(script: string): Promise<void>;
  /** Holds a PostgreSQL session advisory lock while fn runs (e.g. two processes migrating at once). */
  withAdvisoryLock<T>(key: number, fn: (conn: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Embedded only, and only on a database this process made from nothing (no template was there): keeps it as
   * the template for the next fresh one (pglite-template.ts). migrate() calls it once the migrations are in.
   */
  keepAsTemplate?(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;

/**
 * No connection came free within the pool's wait (DATABASE_POOL_WAIT_MS): the server is overloaded. Requests
 * get 503 with Retry-After instead of queueing without bound (platform/http/error-handler.ts).
 */
export class DatabaseBusyError extends Error {
  constructor() {
    super('no database connection came free in time');
  }
}

export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  /** ms a query waits for a free connection before DatabaseBusyError (unset: without bound) */
  poolWaitMs?: number;
  randomPageCost?: number;
}): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10, opts.randomPageCost ?? 1.1, opts.poolWaitMs);
  return openPglite(opts.dataDir);
}

// ---------------------------------------------------------------- PostgreSQL server (node-postgres)

/** bigint as a number, a date as its text; the rest as node-postgres parses them */
const pgTypes = (types: typeof pg.types) =>
  ({
    getTypeParser(oid: number, format?: string) {
      if (oid === INT8) return (v: string) => Number(v);
      if (oid === DATE) return (v: string) => v;
      return (types.getTypeParser as (o: number, f?: string) => unknown)(oid, format);
    },
  }) as unknown as pg.CustomTypesConfig;

/**
 * The settings of every session the app opens on PostgreSQL (also used by the benchmarks' EXPLAIN
 * connection, so that its plans are the app's plans).
 * - random_page_cost: with the server's default (4, for spinning disks) PostgreSQL prefers scanning
 *   every row to using the GIN index for a term that matches one row in ten — 80 ms instead of 17 ms
 *   at 56,000 organizations. Our sessions say SSD.
 * - jit off: our statements are short and their row estimates through CTEs run high, so PostgreSQL
 *   compiled the sharing-indicator and availability queries at 0.8–1.0 s each for a win of nothing
 *   (measured at 20,000 instruments and 1,000,000 bookings: indicators 1.3 → 0.52 s).
 * - work_mem 16 MB: the availability search's per-instrument opening times (range_agg over a few
 *   thousand instruments) and the indicators spilled to disk at the default 4 MB.
 */
export function sessionOptions(randomPageCost: number): string {
  return `-c random_page_cost=${randomPageCost} -c jit=off -c work_mem=16MB`;
}

const statementNames = new Map<string, string>();
/** A prepared statement's name: a digest of its text (node-postgres keeps the plan per connection under it). */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `k${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    if (statementNames.size < 1000) statementNames.set(text, name);
  }
  return name;
}

/** pg-pool's rejection when connectionTimeoutMillis passed with every connection busy (it has no code) */
const isPoolTimeout = (err: unknown) => err instanceof Error && /timeout exceeded when trying to connect/.test(err.message);
const busy = (err: unknown): never => {
  throw isPoolTimeout(err) ? new DatabaseBusyError() : err;
};

async function openPostgres(url: string, poolSize: number, randomPageCost: number, poolWaitMs?: number): Promise<Database> {
  // loaded here, not at start: the embedded database (the default) never needs node-postgres (~45 ms of CPU)
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: pgTypes(pg.types),
    options: sessionOptions(randomPageCost),
    connectionTimeoutMillis: poolWaitMs ?? 0,
  });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => {});
  const fromClient = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(q: Sql) {
      const { text, values } = q.toQuery();
      // a prepared statement is named by its text: one name never stands for two texts on a connection
      const r = await (q.prepared ? client.query({ name: statementName(text), text, values }) : client.query(text, values)).catch(busy);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    },
  });
  const db: Database = {
    engine: 'postgres',
    ...fromClient(pool),
    async transaction(fn) {
      const client = await pool.connect().catch(busy);
      try {
        await client.query('BEGIN');
        const result = await fn(fromClient(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(script) {
      await pool.query(script);
    },
    async withAdvisoryLock(key, fn) {
      const client = await pool.connect();
      // a lock may be held for the process's life (the process lease): if the server ends this session meanwhile,
      // the client's error must not go unheard (an unheard 'error' event ends the process); its queries reject anyway
      let lost = false;
      const onError = () => {
        lost = true;
      };
      client.on('error', onError);
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]);
        const conn: Database = {
          ...db,
          ...fromClient(client),
          exec: async (s) => void (await client.query(s)),
        };
        return await fn(conn);
      } finally {
        if (!lost) await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => {});
        client.off('error', onError);
        client.release(lost);
      }
    },
    async close() {
      await pool.end();
    },
  };
  return db;
}

// ---------------------------------------------------------------- embedded PGlite

async function openPglite(dataDir?: string): Promise<Database> {
  let dir: string | undefined;
  if (dataDir) {
    dir = path.join(dataDir, 'pglite');
    fs.mkdirSync(dir, { recursive: true });
  }
  // a new database starts from the migrated template when there is one, instead of initdb and every migration
  const fresh = !dir || !fs.existsSync(path.join(dir, 'PG_VERSION'));
  const templateFile = fresh ? templatePath() : undefined;
  const template = templateFile ? readTemplate(templateFile) : undefined;
  // PGlite reads from memory-mapped files: random access costs about as much as sequential.
  const lite = await PGlite.create({
    dataDir: dir, // undefined → in memory (tests)
    loadDataDir: template,
    extensions: { pg_trgm, btree_gist, btree_gin },
    parsers: { [DATE]: (v: string) => v },
  });
  await lite.exec('SET random_page_cost = 1.1');
  const fromLite = (handle: Pick<PGlite, 'query'>): Queryable => ({
    async query<T>(q: Sql) {
      const { text, values } = q.toQuery();
      const r = await handle.query<T>(text, values);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
  });
  const db: Database = {
    engine: 'pglite',
    ...fromLite(lite),
    // PGlite is one connection; its transaction() queues every other query until it ends,
    // which gives the same isolation a server transaction would.
    transaction: (fn) => lite.transaction((tx) => fn(fromLite(tx))),
    async exec(script) {
      await lite.exec(script);
    },
    // One connection in one process: nothing else can run migrations concurrently.
    withAdvisoryLock: (_key, fn) => fn(db),
    async close() {
      await lite.close();
    },
    keepAsTemplate:
      templateFile && !template
        ? async () => {
            db.keepAsTemplate = undefined; // once
            // best effort: where the checkout is read-only (the Docker image) the next fresh start is only slower
            await writeTemplate(await lite.dumpDataDir('none'), templateFile).catch(() => {});
          }
        : undefined,
  };
  return db;
}
