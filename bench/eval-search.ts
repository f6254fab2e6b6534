/**
 * npm run eval:search [-- --engine pglite|postgres] [--data ../shared/data/csl/dev.jsonl] [--limit 1000]
 *
 * Search and matching quality on real text: loads the CSL dev records (1,000 Chinese papers:
 * title, abstract, keywords, discipline; Li et al., COLING 2022) as published achievements through
 * the achievement service, then asks, for every paper, with the paper as the one right answer:
 *   - title: the paper's title as the query;
 *   - two keywords: two of its keywords (chosen by a fixed seed) as the query;
 *   - the same two query sets converted to traditional characters (OpenCC cn → tw);
 *   - matching: a demand whose description is the first sentence of the paper's abstract, ranked
 *     by the matching service (achievements only).
 *   - related work (issue 16): for 150 papers (fixed seed), a demand written in the paper's words —
 *     its title as the demand's title, the abstract's first two sentences as its description — ranked
 *     by the matching service with that paper itself removed, judged by topical relevance: the gain
 *     of a result is the number of keywords it shares with the paper, + 0.5 when it is of the same
 *     discipline (of 67); nDCG@10 (linear gains, the ideal from all other papers) and Recall@50 (the
 *     share of the papers with any gain found in the first 50). Beside it, in the same run on the same
 *     records, a character-bigram BM25 (bench/bm25.ts) over title + keywords + abstract, queried
 *     with the same demand text.
 * Prints MRR@10 and Recall@10 per set beside the goals and writes bench/out/eval-search.json.
 * `--only related` runs the related-work task alone (for tuning); `--only search` the four search sets alone.
 * The search runs exactly as GET /api/v1/achievements does (service call, same SQL); matching as
 * GET /api/v1/demands/{id}/matches does, on a demand that is not stored.
 */
import { loadConfig } from '../src/server/config.ts';
import fs from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { openDatabase, type Database } from '../src/server/platform/db/database.ts';
import { migrate } from '../src/server/platform/db/migrate.ts';
import { ReferenceService, seedReferenceData } from '../src/server/modules/reference/service.ts';
import { DirectoryService } from '../src/server/modules/directory/service.ts';
import { Market, type Demand } from '../src/server/modules/market/index.ts';
import { AuthService, type CurrentUser } from '../src/server/modules/auth/index.ts';
import { rng } from '../src/server/modules/directory/demo/generator.ts';
import { orgInput } from '../test/helpers/app.ts';
import { scratchDatabase } from '../test/helpers/scratch-db.ts';
import { Bm25 } from './bm25.ts';
import { TUNING } from '../src/server/modules/market/matching/scoring.ts';
import { HttpEmbeddingProvider } from '../src/server/platform/text/embeddings.ts';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const ENGINE = (arg('engine') ?? 'pglite') as 'pglite' | 'postgres';
const DATA = path.resolve(arg('data') ?? '../shared/data/csl/dev.jsonl');
const LIMIT = Number(arg('limit') ?? 1000);
const ONLY = arg('only');
const RELATED_DEMANDS = 150;
const RELATED_GOAL = 0.1;
const GOALS = { titleMrr: 0.9, keywordMrr: 0.6, traditionalGap: 0.02 };
const CATEGORY: Record<string, string> = {
  工学: 'engineering',
  理学: 'science',
  医学: 'medicine',
  农学: 'agriculture',
  管理学: 'management',
  经济学: 'economics',
  教育学: 'education',
  法学: 'law',
  文学: 'literature',
  艺术学: 'arts',
  历史学: 'history',
  哲学: 'philosophy',
  军事学: 'military',
};
const SYSTEM: CurrentUser = { id: 0, username: 'eval', displayName: 'eval', role: 'admin', orgId: null, districtCode: null };

interface Paper {
  id: string;
  title: string;
  abstract: string;
  keywords: string[];
  discipline: string;
  category: string;
}

interface Result {
  set: string;
  queries: number;
  mrr10: number;
  recall10: number;
}

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

function score(set: string, ranks: (number | null)[]): Result {
  const mrr = ranks.reduce<number>((s, r) => s + (r != null && r <= 10 ? 1 / r : 0), 0) / ranks.length;
  const recall = ranks.filter((r) => r != null && r <= 10).length / ranks.length;
  return { set, queries: ranks.length, mrr10: +mrr.toFixed(4), recall10: +recall.toFixed(4) };
}

async function open(): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (ENGINE === 'pglite') return { db: await openDatabase({}), drop: async () => {} };
  const { url, drop } = await scratchDatabase(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'kft_eval');
  return { db: await openDatabase({ databaseUrl: url, poolSize: 5 }), drop };
}

async function main() {
  if (!fs.existsSync(DATA)) throw new Error(`${DATA} not found: the evaluation needs ../shared/data/csl/dev.jsonl beside the checkout`);
  const papers: Paper[] = fs
    .readFileSync(DATA, 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(0, LIMIT)
    .map((l) => JSON.parse(l));
  const { db, drop } = await open();
  try {
    await migrate(db);
    await seedReferenceData(db);
    const places = new ReferenceService(db);
    const directory = new DirectoryService(db, places);
    const org = await directory.create(orgInput({ name: '重庆科技成果评测研究院', kinds: ['research_institute'] }) as never, SYSTEM);
    // EMBEDDINGS_URL set (and its EMBEDDINGS_* companions): the matching also ranks by that model, as the server would
    const config = loadConfig({ ...process.env, DEMO: 'false' });
    if (config.embeddings) console.log(`matching also ranks by the embedding model ${config.embeddings.model} at ${config.embeddings.url}`);
    const market = new Market(db, places, new AuthService(db, config.security), {
      reviewRequired: false,
      embeddings: config.embeddings ? new HttpEmbeddingProvider(config.embeddings) : null,
    });

    const t0 = performance.now();
    const ids = new Map<string, number>();
    for (const p of papers) {
      const a = await market.achievements.create(
        {
          ownerOrgId: org.id,
          title: p.title,
          abstract: p.abstract.length >= 20 ? p.abstract : `${p.abstract}（摘要）`.padEnd(20, '。'),
          keywords: p.keywords.slice(0, 20).map((k) => k.slice(0, 40)),
          disciplineCode: CATEGORY[p.category] ?? null,
          industryCode: null,
          maturity: 'research',
          trl: null,
          ip: [],
          transferModes: ['transfer'],
          priceNegotiable: true,
          priceMinFen: null,
          priceMaxFen: null,
          inventorIds: [],
        },
        SYSTEM,
      );
      await market.achievements.transition(a.id, 'publish', SYSTEM);
      ids.set(p.id, a.id);
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(
      `Loaded ${papers.length} CSL papers as achievements on ${ENGINE} in ${loadSeconds.toFixed(1)} s (${Math.round(papers.length / loadSeconds)}/s).`,
    );

    const results: Result[] = [];
    if (ONLY !== 'related') {
      const rankOf = async (q: string, want: number) => {
        const page = await market.achievements.list({ q, page: 1, pageSize: 10 } as never, null);
        const at = page.items.findIndex((a) => a.id === want);
        return at < 0 ? null : at + 1;
      };
      const random = rng(20261123).next;
      const titleQ: [string, number][] = papers.map((p) => [p.title, ids.get(p.id)!]);
      const keywordQ: [string, number][] = papers
        .filter((p) => p.keywords.length >= 2)
        .map((p) => {
          const k = [...p.keywords];
          const a = k.splice(Math.floor(random() * k.length), 1)[0];
          const b = k[Math.floor(random() * k.length)];
          return [`${a} ${b}`, ids.get(p.id)!];
        });
      const run = async (set: string, qs: [string, number][]) => {
        const ranks: (number | null)[] = [];
        const misses: string[] = [];
        for (const [q, want] of qs) {
          const r = await rankOf(q, want);
          ranks.push(r);
          if (r == null && misses.length < 5) misses.push(q);
        }
        const s = score(set, ranks);
        console.log(
          `  ${set.padEnd(26)} MRR@10 ${s.mrr10.toFixed(3)}   Recall@10 ${s.recall10.toFixed(3)}   (${s.queries} queries)${misses.length ? `   e.g. missed: ${misses.slice(0, 3).join(' | ')}` : ''}`,
        );
        return s;
      };

      console.log('Search (GET /api/v1/achievements?q=…):');
      results.push(await run('title', titleQ));
      results.push(
        await run(
          'title, traditional',
          titleQ.map(([q, id]) => [toTraditional(q), id]),
        ),
      );
      results.push(await run('two keywords', keywordQ));
      results.push(
        await run(
          'two keywords, traditional',
          keywordQ.map(([q, id]) => [toTraditional(q), id]),
        ),
      );
    }
    if (ONLY === undefined) {
      console.log('Matching (GET /api/v1/demands/{id}/matches, achievements):');
      const ranks: (number | null)[] = [];
      const t1 = performance.now();
      for (const p of papers) {
        const first = p.abstract.split(/[。.;；!?！？]/).find((s) => s.trim().length >= 8) ?? p.abstract;
        const demand = {
          id: 0,
          orgId: 0,
          title: '',
          description: first,
          industryCode: null,
          disciplineCode: null,
          maturityNeeded: null,
          budgetNegotiable: true,
          budgetFen: null,
          districtCode: null,
          cooperationModes: ['transfer'],
        } as unknown as Demand;
        const m = await market.matches.computeForDemand(db, demand, ['achievement']);
        const at = m.achievements.findIndex((a) => a.id === ids.get(p.id));
        ranks.push(at < 0 ? null : at + 1);
      }
      const matching = score('demand from first sentence', ranks);
      results.push(matching);
      console.log(
        `  ${matching.set.padEnd(26)} MRR@10 ${matching.mrr10.toFixed(3)}   Recall@10 ${matching.recall10.toFixed(3)}   (${matching.queries} demands, ${((performance.now() - t1) / papers.length).toFixed(1)} ms each)`,
      );
    }

    // TUNE='[{"beta":0.8},…]' runs the related-work task once per variation of the matching constants
    for (const variation of JSON.parse(process.env.TUNE ?? '[]') as Partial<typeof TUNING>[]) {
      const saved = { ...TUNING };
      Object.assign(TUNING, variation);
      console.log(`Variation ${JSON.stringify(variation)}:`);
      await relatedWork(db, market, papers, ids);
      Object.assign(TUNING, saved);
    }
    const related = ONLY === 'search' ? null : await relatedWork(db, market, papers, ids);

    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
    console.log('Goals:');
    if (related) {
      const lead = related.matching.ndcg10 - related.bm25.ndcg10;
      console.log(
        `  related-work nDCG@10 ≥ BM25 + ${RELATED_GOAL}: ${related.matching.ndcg10.toFixed(3)} vs ${related.bm25.ndcg10.toFixed(3)} (lead ${lead >= 0 ? '+' : ''}${lead.toFixed(3)}) ${verdict(lead >= RELATED_GOAL)}`,
      );
    }
    const [title, titleTrad, kw, kwTrad] = results;
    let gap = 0;
    if (title) {
      console.log(`  title MRR@10 ≥ ${GOALS.titleMrr}: ${title.mrr10.toFixed(3)} ${verdict(title.mrr10 >= GOALS.titleMrr)}`);
      console.log(`  two-keyword MRR@10 ≥ ${GOALS.keywordMrr}: ${kw.mrr10.toFixed(3)} ${verdict(kw.mrr10 >= GOALS.keywordMrr)}`);
      gap = Math.max(Math.abs(title.mrr10 - titleTrad.mrr10), Math.abs(kw.mrr10 - kwTrad.mrr10));
      console.log(`  traditional within ${GOALS.traditionalGap} of simplified: largest gap ${gap.toFixed(3)} ${verdict(gap <= GOALS.traditionalGap)}`);
    }
    fs.mkdirSync('bench/out', { recursive: true });
    fs.writeFileSync(
      'bench/out/eval-search.json',
      JSON.stringify({ engine: ENGINE, papers: papers.length, loadSeconds, results, related, gap, at: new Date().toISOString() }, null, 2),
    );
  } finally {
    await db.close();
    await drop();
  }
}

/** The first `n` sentences of an abstract (decimal points are not sentence ends). */
export function sentences(text: string, n: number): string {
  const parts = text
    .split(/[。！？!?；;]|\.(?!\d)/)
    .map((x) => x.trim())
    .filter((x) => x.length >= 8);
  return (parts.length ? parts.slice(0, n) : [text]).join('。');
}

interface RelatedScore {
  ndcg10: number;
  recall50: number;
}

/** Issue 16's related-work task: a demand in one paper's words, judged by the other papers' topical gain. */
async function relatedWork(db: Database, market: Market, papers: Paper[], ids: Map<string, number>) {
  const byAchievement = new Map<number, Paper>(papers.map((p) => [ids.get(p.id)!, p]));
  const random = rng(20261201).next;
  const order = papers.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const sample = order.slice(0, RELATED_DEMANDS).map((i) => papers[i]);
  const bm25 = new Bm25(papers.map((p) => ({ id: ids.get(p.id)!, text: `${p.title} ${p.keywords.join(' ')} ${p.abstract}` })));
  const gainOf = (p: Paper, other: Paper | undefined) => {
    if (!other || other.id === p.id) return 0;
    const kw = new Set(p.keywords);
    return other.keywords.filter((k) => kw.has(k)).length + (other.discipline === p.discipline ? 0.5 : 0);
  };
  const judge = (p: Paper, ranked: number[]): RelatedScore => {
    const list = ranked.filter((id) => id !== ids.get(p.id));
    const gains = papers.map((o) => gainOf(p, o)).filter((g) => g > 0);
    const ideal = [...gains].sort((a, b) => b - a);
    const dcg = (gs: number[]) => gs.slice(0, 10).reduce((s, g, i) => s + g / Math.log2(i + 2), 0);
    const got = list.map((id) => gainOf(p, byAchievement.get(id)));
    const idcg = dcg(ideal);
    return { ndcg10: idcg > 0 ? dcg(got) / idcg : 0, recall50: gains.length ? got.slice(0, 50).filter((g) => g > 0).length / gains.length : 0 };
  };
  const mean = (xs: RelatedScore[]): RelatedScore => ({
    ndcg10: +(xs.reduce((s, x) => s + x.ndcg10, 0) / xs.length).toFixed(4),
    recall50: +(xs.reduce((s, x) => s + x.recall50, 0) / xs.length).toFixed(4),
  });
  const ours: RelatedScore[] = [];
  const base: RelatedScore[] = [];
  const ms: number[] = [];
  for (const p of sample) {
    const description = sentences(p.abstract, 2);
    const demand = {
      id: 0,
      orgId: 0,
      title: p.title,
      description,
      industryCode: null,
      disciplineCode: null,
      maturityNeeded: null,
      budgetNegotiable: true,
      budgetFen: null,
      districtCode: null,
      cooperationModes: ['transfer'],
    } as unknown as Demand;
    const t = performance.now();
    const m = await market.matches.computeForDemand(db, demand, ['achievement'], { limit: 51 });
    ms.push(performance.now() - t);
    ours.push(
      judge(
        p,
        m.achievements.map((a) => a.id),
      ),
    );
    base.push(judge(p, bm25.search(`${p.title} ${description}`, 51)));
  }
  const matching = mean(ours);
  const baseline = mean(base);
  ms.sort((a, b) => a - b);
  console.log(
    `Related work (${sample.length} demands from a paper's title and first two sentences, the paper removed; gain = shared keywords + 0.5 same discipline):`,
  );
  console.log('  system                     nDCG@10   Recall@50');
  console.log(
    `  matching (ours)            ${matching.ndcg10.toFixed(3)}     ${matching.recall50.toFixed(3)}   (${(ms.reduce((s, x) => s + x, 0) / ms.length).toFixed(1)} ms each, p95 ${ms[Math.floor(ms.length * 0.95)].toFixed(1)} ms)`,
  );
  console.log(`  BM25, character bigrams    ${baseline.ndcg10.toFixed(3)}     ${baseline.recall50.toFixed(3)}`);
  return { demands: sample.length, matching, bm25: baseline };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
