/**
 * npx tsx bench/match-profile.ts --database-url postgres://…/kft_mbench_… [--n 100] [--skip 0] [--kind achievement] [--explain 2]
 *
 * Where a demand's matching spends its time, on a database loaded by `bench/market.ts --keep`: the app
 * runs in this process (bench/lib.ts inProcessApp), GET /api/v1/demands/{id}/matches is asked for the
 * benchmark's first `n` demands (the same ones, in the same order, as bench:market's matching part) as
 * a member of the demand's organization, and every SQL statement is timed. Prints the requests' p50 /
 * p95 and the statements' time by kind; `--explain k` writes EXPLAIN (ANALYZE, BUFFERS) of the k slowest
 * requests' statements to bench/out/match-profile-explain.txt. A tool for working on matching speed;
 * the figure of record stays bench:market's. `TUNE='{"firstPass":100}'` changes matching constants (TUNING) for the run.
 * `--dump file.json` writes each demand's achievement results (ids in order), and `--against other.json` compares
 * them with another run's: how many of its first 10 the run kept (what a change of budgets costs the ranking at a
 * scale where the CSL split cannot judge it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { explainStatements, inProcessApp, pct, r1 } from './lib.ts';
import { TUNING } from '../src/server/modules/market/matching/scoring.ts';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const URL = arg('database-url');
const N = Number(arg('n') ?? 100);
/** demands passed over first: `--skip 100` asks demands that bench:market did not, whose pages are not in the buffer cache yet */
const SKIP = Number(arg('skip') ?? 0);
const KIND = arg('kind');
const EXPLAIN = Number(arg('explain') ?? 0);
const DUMP = arg('dump');
const AGAINST = arg('against');
const MEMBER_PASSWORD = 'bench-member-pass';

/** A statement's kind, from its text: which stage of matching it is. */
function kindOf(text: string): string {
  if (text.includes('achievement_term_df WHERE term = ANY')) return 'document frequencies';
  if (text.includes('WITH top(id')) return 'topic words (first results read back)';
  if (text.includes('WITH w(term')) {
    const table = /FROM found JOIN (\S+ \S+)/.exec(text)?.[1] ?? '?';
    return `candidates: ${table}`;
  }
  if (text.includes('FROM match_feedback')) return 'feedback';
  return text.trim().replace(/\s+/g, ' ').slice(0, 60);
}

async function main() {
  if (!URL) throw new Error('--database-url of a database loaded by bench/market.ts --keep');
  // one client signing in a hundred members: the sign-in rate limit would refuse it (as in bench/lib.ts startServer)
  process.env.RATE_LIMIT_LOGINS_PER_MINUTE = '1000000';
  if (process.env.TUNE) Object.assign(TUNING, JSON.parse(process.env.TUNE));
  const { app, captured, pgc, setLabel, close } = await inProcessApp(URL);
  try {
    const { rows } = await pgc.query<{ id: string; org_id: string }>(
      `SELECT id, org_id FROM demands WHERE status = 'published' ORDER BY md5(id::text || 'd') LIMIT ${N} OFFSET ${SKIP}`,
    );
    const cookies = new Map<number, string>();
    for (const r of rows) {
      const org = Number(r.org_id);
      if (cookies.has(org)) continue;
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `bench-m-${org}`, password: MEMBER_PASSWORD } });
      if (login.statusCode !== 200) throw new Error(`sign-in of bench-m-${org}: ${login.statusCode} ${login.body.slice(0, 200)}`);
      cookies.set(org, String(login.headers['set-cookie']).split(';')[0]);
    }
    const url = (id: string) => `/api/v1/demands/${id}/matches${KIND ? `?kind=${KIND}` : ''}`;
    for (const r of rows.slice(0, 5)) await app.inject({ method: 'GET', url: url(r.id), headers: { cookie: cookies.get(Number(r.org_id))! } });
    const times: { id: string; ms: number }[] = [];
    const results: Record<string, number[]> = {};
    for (const r of rows) {
      setLabel(`demand ${r.id}`);
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: url(r.id), headers: { cookie: cookies.get(Number(r.org_id))! } });
      times.push({ id: r.id, ms: performance.now() - t0 });
      setLabel('');
      if (res.statusCode !== 200) throw new Error(`${url(r.id)}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      results[r.id] = (res.json().achievements as { id: number }[]).map((m) => m.id);
    }
    if (DUMP) fs.writeFileSync(DUMP, JSON.stringify(results));
    if (AGAINST) {
      const other = JSON.parse(fs.readFileSync(AGAINST, 'utf8')) as Record<string, number[]>;
      const kept = Object.entries(results).map(([id, ids]) => {
        const ref = (other[id] ?? []).slice(0, 10);
        return ref.length ? ref.filter((x) => ids.slice(0, 10).includes(x)).length / ref.length : 1;
      });
      const same = Object.entries(results).filter(([id, ids]) => JSON.stringify(ids.slice(0, 10)) === JSON.stringify((other[id] ?? []).slice(0, 10))).length;
      console.log(
        `against ${AGAINST}: of its first 10 results this run kept ${r1(100 * (kept.reduce((s, x) => s + x, 0) / kept.length))} % on average (worst ${r1(100 * Math.min(...kept))} %); the same first 10 in the same order for ${same} of ${kept.length} demands`,
      );
    }
    const ms = times.map((t) => t.ms);
    console.log(`${rows.length} × GET ${url(':id')} in process: p50 ${r1(pct(ms, 50))} ms, p95 ${r1(pct(ms, 95))} ms, max ${r1(Math.max(...ms))} ms`);
    const byKind = new Map<string, number[]>();
    for (const c of captured) byKind.set(kindOf(c.text), [...(byKind.get(kindOf(c.text)) ?? []), c.ms]);
    console.log('statements (per request: count, ms summed; per statement: p50 / p95 ms):');
    for (const [k, xs] of [...byKind].sort((a, b) => b[1].reduce((s, x) => s + x, 0) - a[1].reduce((s, x) => s + x, 0)))
      console.log(
        `  ${k.padEnd(50)} ${(xs.length / rows.length).toFixed(1)} × ${r1(xs.reduce((s, x) => s + x, 0) / rows.length)} ms; ${r1(pct(xs, 50))} / ${r1(pct(xs, 95))}`,
      );
    if (EXPLAIN > 0) {
      const slow = new Set(
        [...times]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, EXPLAIN)
          .map((t) => `demand ${t.id}`),
      );
      const out: string[] = [];
      await explainStatements(
        pgc,
        captured.filter((c) => slow.has(c.label)),
        out,
      );
      const file = path.resolve('bench/out/match-profile-explain.txt');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, out.join('\n'));
      console.log(`written ${file}`);
    }
  } finally {
    await close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
