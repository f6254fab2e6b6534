/**
 * Runs fuzz cases against the app through Fastify's inject (the whole HTTP pipeline) and judges each answer:
 * no 5xx, no acceptance (every case is malformed), a 4xx in the one error shape with our own sentences,
 * and no row changed by the operation's batch (a fingerprint of every table before and after).
 */
import type { TestApp } from '../app.ts';
import type { FuzzCase } from './cases.ts';
import { changedTables, fingerprint, tableNames } from './fingerprint.ts';

export type Role = 'anonymous' | 'admin';

export interface Failure {
  operation: string;
  mutation: string;
  role: Role;
  problem: string;
  request: { method: string; url: string; headers: Record<string, string>; payload?: string };
  status?: number;
  body?: string;
}

/** Text that is a library's, not ours: zod's and Fastify's English, JSON.parse's, a stack's. */
const LIBRARY_TEXT =
  /Expected|Invalid input|body\/|querystring\/|params\/|FST_|Route \w+:|Unexpected (token|end)|JSON at position|Bad Request|Internal Server Error|Unsupported Media Type|SyntaxError|TypeError|ZodError|is not a valid url|Body cannot be empty|reach (files|parts) limit|Client Error|\{\w+\}/;

const short = (s: string | Buffer | undefined, n = 400) => {
  if (s === undefined) return undefined;
  const text = Buffer.isBuffer(s) ? `<bytes ${s.toString('hex').slice(0, 80)}…>` : s;
  return text.length > n ? `${text.slice(0, n)}… (${text.length} chars)` : text;
};

/** What is wrong with a refusal's body, or null when it is in the one error shape with our sentences. */
export function shapeProblem(status: number, contentType: string | undefined, body: string): string | null {
  if (!/application\/json/.test(contentType ?? '')) return `content-type ${contentType ?? '(none)'}, not JSON`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'body is not JSON';
  }
  const error = (parsed as { error?: unknown })?.error as { code?: unknown; message?: unknown; fields?: unknown } | undefined;
  if (!error || typeof error !== 'object') return 'no `error` object';
  if (typeof error.code !== 'string' || !/^[a-z][a-z_]*$/.test(error.code)) return `code ${JSON.stringify(error.code)} is not a lower_snake_case string`;
  if (typeof error.message !== 'string' || !error.message.trim()) return 'message is not a non-empty string';
  if (LIBRARY_TEXT.test(error.message)) return `message has library text: ${error.message}`;
  if (!Array.isArray(error.fields)) return 'fields is not a list';
  for (const f of error.fields as { path?: unknown; message?: unknown }[]) {
    if (typeof f?.path !== 'string' || typeof f?.message !== 'string' || !f.message.trim()) return `field ${JSON.stringify(f)} is not {path, message}`;
    if (LIBRARY_TEXT.test(f.message)) return `field message has library text: ${f.message}`;
  }
  if (status === 400 && error.code === 'validation_failed' && (error.fields as unknown[]).length === 0) return 'validation_failed without a field';
  return null;
}

/** No answer within this long is a failure of its own (a request that hangs), and keeps the run bounded. */
const ANSWER_WITHIN_MS = 20_000;

async function send(t: TestApp, c: FuzzCase, role: Role) {
  const headers = { ...c.headers };
  if (role === 'admin' && headers.cookie === undefined) headers.cookie = t.cookies.admin;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_WITHIN_MS / 1000} s`)), ANSWER_WITHIN_MS);
  });
  try {
    return await Promise.race([
      t.app.inject({ method: c.method as 'GET', url: c.url, headers, ...(c.payload !== undefined ? { payload: c.payload } : {}) }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function judge(c: FuzzCase, role: Role, res: { statusCode: number; headers: Record<string, unknown>; body: string }): Failure | null {
  const request = { method: c.method, url: short(c.url, 300)!, headers: c.headers, payload: short(c.payload) };
  const fail = (problem: string): Failure => ({
    operation: c.operation,
    mutation: c.mutation,
    role,
    problem,
    request,
    status: res.statusCode,
    body: short(res.body, 300),
  });
  if (res.statusCode >= 500) return fail(`server error ${res.statusCode}`);
  if (res.statusCode < 400) return fail(`accepted (${res.statusCode}) a malformed request`);
  const problem = shapeProblem(res.statusCode, res.headers['content-type'] as string | undefined, res.body);
  return problem ? fail(problem) : null;
}

export interface FuzzReport {
  failures: Failure[];
  requests: number;
  operations: number;
  ms: number;
  /** how many answers had each status, by role ("admin 400": 1234) */
  statuses: Record<string, number>;
}

/**
 * Each operation's cases, as each role. The tables' fingerprint is taken before and after every window of
 * `window` operations (a fingerprint costs as much as dozens of refused requests); when a window changed
 * rows, its cases are sent again one by one, each between two fingerprints, to name the request that did it.
 */
export async function runFuzz(
  t: TestApp,
  batches: { operation: string; cases: FuzzCase[] }[],
  roles: Role[],
  opts: { unfingerprinted?: string[]; window?: number; maxReplays?: number } = {},
): Promise<FuzzReport> {
  const started = Date.now();
  const tables = (await tableNames(t.db)).filter((name) => !opts.unfingerprinted?.includes(name));
  const failures: Failure[] = [];
  const statuses: Record<string, number> = {};
  let requests = 0;
  const one = async (c: FuzzCase, role: Role) => {
    requests++;
    try {
      const res = await send(t, c, role);
      const key = `${role} ${res.statusCode}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
      const failure = judge(c, role, res);
      if (failure) failures.push(failure);
    } catch (err) {
      const request = { method: c.method, url: c.url, headers: c.headers, payload: short(c.payload) };
      failures.push({ operation: c.operation, mutation: c.mutation, role, problem: `no answer: ${(err as Error).message}`, request });
    }
  };
  // background work a request may have started (an import) must be done before rows are compared
  const rows = async () => {
    await t.services.imports.idle();
    return fingerprint(t.db, tables);
  };
  const size = opts.window ?? 8;
  // replaying a window costs two fingerprints a request: the first few windows that changed rows are replayed
  let replays = opts.maxReplays ?? 3;
  let before = await rows();
  for (let i = 0; i < batches.length; i += size) {
    const window = batches.slice(i, i + size);
    for (const batch of window) for (const c of batch.cases) for (const role of roles) await one(c, role);
    const after = await rows();
    const changed = changedTables(before, after);
    before = after;
    if (!changed.length) continue;
    let named = false;
    // an accepted case is reported already: the replay looks for refusals that wrote
    const accepted = new Set(failures.filter((f) => f.problem.startsWith('accepted')).map((f) => `${f.operation} ${f.mutation} ${f.role}`));
    if (replays-- > 0)
      for (const c of window.flatMap((b) => b.cases))
        for (const role of roles) {
          if (accepted.has(`${c.operation} ${c.mutation} ${role}`)) {
            named = true;
            continue;
          }
          const b = await rows();
          await send(t, c, role).catch(() => null);
          const a = await rows();
          const tablesChanged = changedTables(b, a);
          if (tablesChanged.length) {
            named = true;
            const request = { method: c.method, url: c.url, headers: c.headers, payload: short(c.payload) };
            failures.push({ operation: c.operation, mutation: c.mutation, role, problem: `refused, yet changed rows of ${tablesChanged.join(', ')}`, request });
          }
        }
    before = await rows();
    if (!named) {
      const ops = window.map((b) => b.operation).join(', ');
      failures.push({
        operation: ops,
        mutation: '(the window)',
        role: roles[0],
        problem: `changed rows of ${changed.join(', ')}`,
        request: { method: '', url: '', headers: {} },
      });
    }
  }
  return { failures, requests, operations: batches.length, ms: Date.now() - started, statuses };
}

/** One failure as lines a developer can replay. */
export function describeFailure(f: Failure): string {
  const payload = f.request.payload === undefined ? '' : `\n    payload: ${f.request.payload}`;
  const headers = Object.keys(f.request.headers).length ? `\n    headers: ${JSON.stringify(f.request.headers)}` : '';
  return `${f.operation} [${f.mutation}] as ${f.role}: ${f.problem}\n    ${f.request.method} ${f.request.url}${headers}${payload}${f.body ? `\n    → ${f.status} ${f.body}` : ''}`;
}
