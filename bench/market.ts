/**
 * npx tsx bench/market.ts [--engine postgres|pglite] [--achievements 200000] [--demands 50000] [--experts 30000] [--orgs 400]
 *                         [--new 200] [--keep] [--load-only] [--explain [only]] [--database-url postgres://…/kft_mbench_… (reuse a loaded database)]
 *
 * The technology market (技术供需) at the scale of the issue: 200,000 achievements, 50,000 demands and
 * 30,000 experts. Their text is recombined from the CSL corpus (../shared/data/csl/dev.jsonl, 1,000
 * real Chinese paper records; used by this benchmark only, never by the product): an achievement's
 * title from the title fragments and keywords of papers of one discipline, its abstract from 3–6
 * shuffled sentences of that discipline's abstracts, its keywords from that discipline's keyword
 * pool; demands in a demand's voice (需要解决…, 寻求…技术) from the same vocabulary; experts with
 * generated Chinese names, fields, keywords and biographies. CSL categories map to the discipline
 * codes of tech_fields, each CSL discipline to one or two plausible industry fields.
 *
 * Loading (directly, not over HTTP): the app's migrations and reference data, a few hundred owner
 * organizations through the directory repository, one member account per organization, then the
 * experts, achievements and demands in multi-row INSERTs of 500 inside transactions, with their
 * search columns computed by the exported helpers of the services (achievementSearchColumns,
 * demandSearchColumns, expertSearchColumns) exactly as the services write them. The statement
 * trigger that keeps achievement_term_df stays on (it is part of the cost of indexing). Everything
 * loaded is published (achievements and demands) or active (experts, 95 %).
 *
 * Then the real server runs as a child process on that database and these are timed over HTTP:
 *   - search: GET /api/v1/achievements?q=… (full titles, two keywords, single words, traditional
 *     characters, with industry/maturity filters), GET /api/v1/search?q=… (across kinds),
 *     GET /api/v1/demands?q=… and GET /api/v1/experts?q=…
 *   - matching: GET /api/v1/demands/{id}/matches (all kinds, and ?kind=achievement) as a member of
 *     the demand's organization; GET /api/v1/achievements/{id}/matches as a member of the owner
 *   - indexing through the API: POST /api/v1/achievements + POST …/publish, sequentially; publishing
 *     emits achievement.published, whose handler (match alerts to demands' organizations) runs in
 *     the server's event loop (the outbox dispatcher, every second) while the next requests arrive.
 * Indexing throughput is also given for the bulk load (text pipeline in Node + INSERT + trigger).
 * Prints the figures beside their targets with the data scale; writes bench/out/market-<engine>.json.
 * --explain: afterwards, runs the slowest requests of each kind through the app in this process with
 * every SQL statement captured and timed, and writes EXPLAIN (ANALYZE, BUFFERS) of the slowest
 * statements to bench/out/market-explain-<engine>.txt (PostgreSQL only).
 * --engine pglite: the same against the embedded engine in a temporary DATA_DIR (defaults 20,000
 * achievements, 5,000 demands, 3,000 experts).
 * PostgreSQL: the server at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), on
 * which a scratch database is created and dropped (kept with --keep).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ADMIN_PASSWORD, explainStatements, inProcessApp, pct, peakRssMb, r1, secs, signIn, startServer, summary, type Client } from './lib.ts';
import * as OpenCC from 'opencc-js';
import { openDatabase, type Database, type Queryable } from '../src/server/platform/db/database.ts';
import { migrate } from '../src/server/platform/db/migrate.ts';
import { sql, Sql } from '../src/server/platform/db/sql.ts';
import { seedReferenceData } from '../src/server/modules/reference/service.ts';
import { DirectoryRepository } from '../src/server/modules/directory/repository.ts';
import { generateOrgs, rng } from '../src/server/modules/directory/demo/generator.ts';
import { hashPassword } from '../src/server/modules/auth/index.ts';
import {
  achievementSearchColumns,
  COOPERATION_MODES,
  demandSearchColumns,
  expertSearchColumns,
  TRANSFER_MODES,
  type Maturity,
  type TechField,
} from '../src/server/modules/market/index.ts';
import { scratchDatabase } from '../test/helpers/scratch-db.ts';
import type { OrgInput } from '../src/server/modules/directory/schemas.ts';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : 'true') : undefined;
};
const ENGINE = (arg('engine') ?? 'postgres') as 'postgres' | 'pglite';
const SMALL = ENGINE === 'pglite';
const ACHIEVEMENTS = Number(arg('achievements') ?? (SMALL ? 20000 : 200000));
const DEMANDS = Number(arg('demands') ?? (SMALL ? 5000 : 50000));
const EXPERTS = Number(arg('experts') ?? (SMALL ? 3000 : 30000));
const ORGS = Number(arg('orgs') ?? 400);
const NEW_VIA_API = Number(arg('new') ?? 200);
const KEEP = arg('keep') === 'true';
const REUSE_URL = arg('database-url');
const LOAD_ONLY = arg('load-only') === 'true';
const EXPLAIN = arg('explain') !== undefined;
const EXPLAIN_ONLY = arg('explain') === 'only';
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CSL = path.resolve(process.env.BENCH_CSL ?? '../shared/data/csl/dev.jsonl');
const OUT = path.resolve('bench/out');
const MEMBER_PASSWORD = 'bench-member-pass';
/** The issue's targets: search p95 ≤ 30 ms on PostgreSQL and ≤ 100 ms embedded; matching p95 ≤ 100 ms on PostgreSQL. */
const TARGETS = { searchP95: ENGINE === 'pglite' ? 100 : 30, matchingP95: ENGINE === 'pglite' ? null : 100 };
const PER_INSERT = 500;
const DAY = 24 * 3600_000;
const NOW = Date.now();

const log = (line: string) => console.log(line);
const target = (p95: number, t: number | null) => (t == null ? '(no target embedded)' : `(target ≤ ${t}: ${p95 <= t ? 'met' : 'NOT met'})`);

// ------------------------------------------------------------------ the CSL vocabulary

interface Paper {
  title: string;
  abstract: string;
  keywords: string[];
  discipline: string;
  category: string;
}

/** CSL category (学科门类) → tech_fields discipline code. */
const DISCIPLINE_OF: Record<string, string> = {
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

/** CSL discipline (一级学科) → plausible industry fields of tech_fields (the first is the usual one). */
const INDUSTRIES_OF: Record<string, string[]> = {
  军事学: ['equipment', 'electronics'],
  作物学: ['agrifood'],
  农业资源利用: ['agrifood', 'environment'],
  园艺学: ['agrifood', 'consumer'],
  '林学/林业工程': ['agrifood', 'environment'],
  植物保护: ['agrifood'],
  水产: ['agrifood'],
  '畜牧学/兽医学': ['agrifood', 'biomed'],
  '中医学/中药学': ['biomed'],
  公共卫生与预防医学: ['biomed', 'services'],
  口腔医学: ['biomed'],
  '基础医学/临床医学': ['biomed'],
  药学: ['biomed', 'chemicals'],
  历史学: ['services'],
  哲学: ['services'],
  交通运输工程: ['construction', 'auto'],
  信息与通信工程: ['electronics', 'software'],
  光学工程: ['electronics', 'equipment'],
  兵器科学与技术: ['equipment'],
  农业工程: ['agrifood', 'equipment'],
  冶金工程: ['materials'],
  力学: ['equipment', 'construction'],
  动力工程及工程热物理: ['energy', 'auto'],
  '化学/化学工程与技术': ['chemicals', 'materials'],
  土木工程: ['construction'],
  建筑学: ['construction'],
  控制科学与工程: ['equipment', 'auto'],
  机械工程: ['equipment', 'auto'],
  材料科学与工程: ['materials'],
  核科学与技术: ['energy'],
  水利工程: ['construction', 'environment'],
  测绘科学与技术: ['software', 'construction'],
  环境科学与工程: ['environment'],
  电子科学与技术: ['electronics'],
  电气工程: ['energy', 'equipment'],
  石油与天然气工程: ['energy', 'chemicals'],
  矿业工程: ['materials', 'energy'],
  纺织科学与工程: ['consumer', 'materials'],
  航空宇航科学与技术: ['equipment'],
  船舶与海洋工程: ['equipment'],
  计算机科学与技术: ['software', 'electronics'],
  食品科学与工程: ['agrifood', 'consumer'],
  体育学: ['services', 'consumer'],
  心理学: ['services'],
  教育学: ['services', 'software'],
  中国语言文学: ['services'],
  新闻传播学: ['services', 'software'],
  政治学: ['services'],
  民族学: ['services'],
  法学: ['services'],
  社会学: ['services'],
  地球物理学: ['energy', 'environment'],
  地理学: ['environment', 'software'],
  '地质学/地质资源与地质工程': ['materials', 'energy'],
  大气科学: ['environment'],
  天文学: ['electronics'],
  数学: ['software'],
  海洋科学: ['environment'],
  物理学: ['electronics', 'materials'],
  '生物学/生物科学与工程': ['biomed', 'agrifood'],
  公共管理: ['services'],
  农林经济管理: ['agrifood', 'services'],
  '图书馆、情报与档案管理': ['software', 'services'],
  工商管理: ['services'],
  应用经济学: ['services'],
  理论经济学: ['services'],
  艺术学: ['consumer', 'services'],
};
const INDUSTRY_NAME: Record<string, string> = {
  auto: '智能网联新能源汽车',
  electronics: '电子信息',
  software: '软件与信息服务',
  equipment: '智能装备',
  materials: '先进材料',
  biomed: '生物医药',
  energy: '新能源',
  agrifood: '农业与食品',
  environment: '节能环保',
  construction: '建筑与交通工程',
  chemicals: '化工',
  consumer: '消费品',
  services: '现代服务',
};
const TECH_CATEGORIES = new Set(['工学', '理学', '医学', '农学', '军事学']);

/** One paper cut into the pieces synthetic records are assembled from. */
interface Source {
  /** the head of its title: after the last 的 (the subject), without paper endings (研究, 分析…) */
  head: string | null;
  sentences: string[];
  keywords: string[];
}

interface Pool {
  discipline: string;
  category: string;
  disciplineCode: string;
  industries: string[];
  papers: Source[];
  heads: string[];
  sentences: string[];
  keywords: string[];
  weight: number;
}

const PAPER_ENDING = /(的)?(研究进展|研究与应用|分析与研究|研究|分析|探讨|探索|初探|浅析|综述|进展|思考|对策|启示|述评|现状|评价|比较|观察)$/;
/** Heads that name an effect or a relation, not a subject (…对…的影响): not usable as the object of a title. */
const WEAK_HEAD =
  /^(影响|作用|效果|效应|应用|意义|关系|特点|特征|策略|途径|问题|规律|变化|机制|机理|因素|价值|方法|构建|设计|实践|发展|改革|建设|合成|思路|一种|潜在|若干|几点|有关|相关)|[()（）《》<>“”"]/;
/** Keywords that name no subject (开发, 技术…) or are too short to be one (Ph, AA). */
const WEAK_KEYWORD = /^(开发|技术|合作|应用|研究|方法|分析|设计|影响|信息|发展|对策|问题|管理|模型|系统|[a-z]{1,2})$/i;
/** A head that already ends like an achievement title takes no further suffix. */
const HAS_SUFFIX = /(方法|技术|系统|装置|工艺|平台|设备|模型|体系|材料|算法|仪|器|机)$/;

function titleHead(title: string): string | null {
  const t = title.split(/[:：]|——|--/)[0].trim();
  const at = t.lastIndexOf('的');
  const head = (at >= 2 && at < t.length - 2 ? t.slice(at + 1) : t).replace(PAPER_ENDING, '').replace(/[及与和]$/, '');
  const n = [...head].length;
  return n >= 3 && n <= 24 && !WEAK_HEAD.test(head) ? head : null;
}

/** Sentences of an abstract: split after 。！？； and after a period that is not a decimal point. */
function sentences(abstract: string): string[] {
  return abstract
    .replace(/^(摘要|\[摘要\]|【摘要】)[:：]?/, '')
    .replace(/\[\d+(?:[-–～~,，]\d+)*\]/g, '')
    .split(/(?<=[。！？；;])|(?<=[^\d.]\.)(?!\d)/)
    .map((s) => s.trim())
    .filter((s) => [...s].length >= 10 && [...s].length <= 220)
    .map((s) => (/[。.；;！？!?]$/.test(s) ? s.replace(/[；;]$/, '。') : `${s}。`));
}

function loadCorpus(): Pool[] {
  const papers: Paper[] = fs
    .readFileSync(CSL, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Paper);
  const byDiscipline = new Map<string, Paper[]>();
  for (const p of papers) byDiscipline.set(p.discipline, [...(byDiscipline.get(p.discipline) ?? []), p]);
  const pools: Pool[] = [];
  for (const [discipline, own] of byDiscipline) {
    // a discipline with a handful of papers borrows the vocabulary of its whole category
    const source = own.length >= 8 ? own : papers.filter((p) => p.category === own[0].category);
    const cleanKw = (ks: string[]) =>
      ks.map((k) => k.trim()).filter((k) => [...k].length >= 2 && [...k].length <= 20 && !/^[\d\s.]+$/.test(k) && !WEAK_KEYWORD.test(k));
    const sources: Source[] = source
      .map((p) => ({ head: titleHead(p.title), sentences: sentences(p.abstract), keywords: cleanKw(p.keywords) }))
      .filter((x) => x.sentences.length && x.keywords.length);
    pools.push({
      discipline,
      category: own[0].category,
      disciplineCode: DISCIPLINE_OF[own[0].category] ?? 'interdisciplinary',
      industries: INDUSTRIES_OF[discipline] ?? ['services'],
      papers: sources,
      heads: sources.flatMap((x) => (x.head ? [x.head] : [])),
      sentences: sources.flatMap((x) => x.sentences),
      keywords: [...new Set(sources.flatMap((x) => x.keywords))],
      // a technology market: engineering, sciences, medicine and agriculture dominate; the humanities are a small share
      weight: own.length * (TECH_CATEGORIES.has(own[0].category) ? 1 : own[0].category === '管理学' || own[0].category === '经济学' ? 0.4 : 0.15),
    });
  }
  return pools;
}

type R = ReturnType<typeof rng>;
/** The shortest of some words (the one a searcher would type), or undefined for none. */
const shortest = (words: string[]): string | undefined =>
  words.reduce<string | undefined>((s, k) => (s === undefined || Array.from(k).length < Array.from(s).length ? k : s), undefined);

const pickW = <T>(r: R, items: readonly T[], weight: (x: T) => number): T => {
  let v = r.next() * items.reduce((s, x) => s + weight(x), 0);
  for (const x of items) {
    v -= weight(x);
    if (v < 0) return x;
  }
  return items[items.length - 1];
};
const sample = <T>(r: R, xs: readonly T[], n: number): T[] => {
  const out = new Set<T>();
  for (let guard = 0; out.size < Math.min(n, xs.length) && guard < n * 20; guard++) out.add(r.pick(xs));
  return [...out];
};
const shuffle = <T>(r: R, xs: T[]): T[] => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
};
const cut = (s: string, n: number) => [...s].slice(0, n).join('');

const MATURITY_NAME: Record<Maturity, string> = { research: '研发阶段', small_pilot: '小试', pilot: '中试', industrial: '产业化' };
const TECH_SUFFIXES = ['技术', '方法', '系统', '装置', '关键技术及应用', '工艺', '技术及装备', '集成技术', '平台', '新工艺', '检测方法', '智能系统'];
const SOFT_SUFFIXES = ['模式', '评价体系', '服务平台', '方法', '决策支持系统', '数据库', '评估方法', '监测平台'];

interface AchievementData {
  title: string;
  abstract: string;
  keywords: string[];
  disciplineCode: string;
  industryCode: string;
  maturity: Maturity;
  trl: number | null;
  ip: { type: 'invention' | 'utility_model' | 'design' | 'software_copyright'; number: string }[];
  transferModes: string[];
  priceNegotiable: boolean;
  priceMinFen: number | null;
  priceMaxFen: number | null;
  category: string;
}

function pickPool(r: R, pools: Pool[]): Pool {
  return pickW(r, pools, (p) => p.weight);
}

/**
 * A record's vocabulary: one paper of the discipline as its subject (its title head, 2–3 of its
 * sentences, 2–3 of its keywords), widened with sentences and keywords of other papers of the same
 * discipline, so that a title's words recur in its abstract as in a real record.
 */
function vocabulary(r: R, p: Pool, nSentences: number) {
  const main = r.pick(p.papers);
  const own = sample(r, main.sentences, Math.min(main.sentences.length, r.int(2, 3)));
  const other = sample(r, p.sentences, Math.max(1, nSentences - own.length)).filter((x) => !own.includes(x));
  const keywords = [...new Set([...sample(r, main.keywords, r.int(2, 3)), ...sample(r, p.keywords, r.int(1, 3))])].slice(0, 6);
  return {
    main,
    head: main.head ?? (p.heads.length ? r.pick(p.heads) : null),
    sentences: shuffle(r, [...own, ...other]),
    keywords,
    mainKeywords: main.keywords,
  };
}

function achievementTitle(r: R, p: Pool, head: string | null, own: string[], kws: string[]): string {
  const suffixes = TECH_CATEGORIES.has(p.category) ? TECH_SUFFIXES : SOFT_SUFFIXES;
  const [a, b] = sample(r, own.length >= 2 ? own : kws, 2);
  const k = r.next();
  let t: string;
  const end = () => (head && HAS_SUFFIX.test(head) ? '' : r.pick(suffixes));
  if (head && k < 0.3) t = `基于${r.pick(kws)}的${head}${end()}`;
  else if (head && k < 0.45) t = `${a}在${head}中的应用`;
  else if (head && k < 0.6) t = `${head}${end()}`;
  else if (k < 0.8) t = `一种${a}${r.pick(TECH_CATEGORIES.has(p.category) ? ['制备方法', '检测方法', '装置', '系统', '工艺', '控制方法'] : suffixes)}`;
  else t = `${a}${b && b !== a ? `与${b}` : ''}${r.pick(suffixes)}`;
  return cut(t, 120);
}

function makeAchievement(r: R, pools: Pool[]): AchievementData {
  const p = pickPool(r, pools);
  const v = vocabulary(r, p, r.int(3, 6));
  const keywords = v.keywords;
  const title = achievementTitle(r, p, v.head, v.mainKeywords, keywords);
  const abstract = cut(v.sentences.join(''), 4800);
  const maturity = pickW(
    r,
    [
      ['research', 35],
      ['small_pilot', 25],
      ['pilot', 22],
      ['industrial', 18],
    ] as const,
    (x) => x[1],
  )[0];
  const trlRange = { research: [2, 4], small_pilot: [4, 5], pilot: [5, 7], industrial: [7, 9] }[maturity];
  const year = r.int(2016, 2025);
  const ip: AchievementData['ip'] = [];
  for (let i = r.pick([0, 0, 1, 1, 1, 2, 3]); i > 0; i--) {
    const type = pickW(
      r,
      [
        ['invention', 55],
        ['utility_model', 25],
        ['software_copyright', 15],
        ['design', 5],
      ] as const,
      (x) => x[1],
    )[0];
    ip.push({
      type,
      number:
        type === 'software_copyright'
          ? `${year}SR${String(r.int(1, 9999999)).padStart(7, '0')}`
          : `ZL${year}${r.pick(['1', '2', '3'])}${String(r.int(1, 99999999)).padStart(8, '0')}.${r.int(0, 9)}`,
    });
  }
  const negotiable = r.chance(0.55);
  const min = negotiable && r.chance(0.6) ? null : r.pick([5, 10, 20, 30, 50, 80, 100, 150, 200, 300, 500]) * 10000 * 100;
  const max = min == null ? null : Math.round(min * r.pick([1, 1.5, 2, 3]));
  return {
    title,
    abstract,
    keywords,
    disciplineCode: p.disciplineCode,
    industryCode: r.chance(0.8) ? p.industries[0] : r.pick(p.industries),
    maturity,
    trl: r.chance(0.8) ? r.int(trlRange[0], trlRange[1]) : null,
    ip,
    transferModes: sample(r, TRANSFER_MODES, r.pick([1, 1, 2, 2, 3])),
    priceNegotiable: negotiable,
    priceMinFen: min,
    priceMaxFen: max,
    category: p.category,
  };
}

interface DemandData {
  title: string;
  description: string;
  industryCode: string;
  disciplineCode: string | null;
  maturityNeeded: Maturity | null;
  budgetNegotiable: boolean;
  budgetFen: number | null;
  deadline: string | null;
  cooperationModes: string[];
}

function makeDemand(r: R, pools: Pool[]): DemandData {
  // demands come from firms: the humanities' share is smaller still
  const p = pickW(r, pools, (x) => x.weight * (TECH_CATEGORIES.has(x.category) ? 1 : 0.5));
  const v = vocabulary(r, p, r.int(1, 3));
  const [k1, k2] = sample(r, v.mainKeywords, 2);
  const k3 = r.pick(v.keywords);
  const head = v.head ? cut(v.head, 20) : (k2 ?? k1);
  const k = r.next();
  const title = cut(
    k < 0.25
      ? `寻求${k1}技术`
      : k < 0.45
        ? `需要解决${head}中的${k1}问题`
        : k < 0.6
          ? `${k1}${r.pick(['技术难题', '关键技术', '工艺优化', '解决方案'])}征集`
          : k < 0.8
            ? `${k1}与${k2 ?? head}技术合作需求`
            : `关于${head}${r.pick(['的技术攻关需求', '的技术改进需求', '的成果转化需求'])}`,
    100,
  );
  const industryCode = r.chance(0.85) ? p.industries[0] : r.pick(p.industries);
  const maturityNeeded = r.chance(0.2)
    ? null
    : pickW(
        r,
        [
          ['research', 10],
          ['small_pilot', 20],
          ['pilot', 35],
          ['industrial', 35],
        ] as const,
        (x) => x[1],
      )[0];
  const negotiable = r.chance(0.4);
  const budget = negotiable && r.chance(0.5) ? null : r.pick([5, 10, 20, 30, 50, 80, 100, 200, 300, 500]) * 10000 * 100;
  const background = v.sentences.slice(0, 3).join('');
  const description = cut(
    [
      `我单位主要从事${INDUSTRY_NAME[industryCode] ?? '相关'}领域的生产与研发，目前在${k1}方面遇到技术瓶颈。`,
      `背景：${background}`,
      `需要解决${[k1, k2].filter(Boolean).join('、')}等关键问题，寻求${k3 ?? k1}相关技术或成熟方案，希望与高校、科研院所或科技型企业合作。`,
      maturityNeeded ? `要求技术成熟度达到${MATURITY_NAME[maturityNeeded]}，` : '',
      budget != null ? `预算约${budget / 1000000}万元${negotiable ? '，可面议' : ''}。` : '费用面议。',
    ].join(''),
    4800,
  );
  return {
    title,
    description,
    industryCode,
    disciplineCode: r.chance(0.5) ? p.disciplineCode : null,
    maturityNeeded,
    budgetNegotiable: negotiable,
    budgetFen: budget,
    deadline: r.chance(0.7) ? new Date(NOW + r.int(30, 365) * DAY).toISOString().slice(0, 10) : null,
    cooperationModes: sample(r, COOPERATION_MODES, r.pick([1, 1, 2, 2, 3])),
  };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂华文辉建国玉兰红云飞鹏宇浩然志远晓东海燕俊峰立新德明春林永庆小军雪梅思雨子涵博文嘉怡欣怡梓轩宏伟建华振华亚楠晓红丽萍永强学军';
const TITLES = [
  ['教授', 20],
  ['副教授', 18],
  ['研究员', 12],
  ['副研究员', 10],
  ['正高级工程师', 10],
  ['高级工程师', 16],
  ['工程师', 6],
  ['讲师', 5],
  ['主任医师', 3],
] as const;

function chineseName(r: R): string {
  const given = [...GIVEN];
  return `${SURNAMES[Math.floor(r.next() * SURNAMES.length)]}${given[Math.floor(r.next() * given.length)]}${r.chance(0.7) ? given[Math.floor(r.next() * given.length)] : ''}`;
}

// ------------------------------------------------------------------ loading

interface Loaded {
  orgs: number;
  experts: number;
  achievements: number;
  inventors: number;
  demands: number;
  seconds: Record<string, number>;
  bulkIndexing: {
    achievements: number;
    seconds: number;
    perSecond: number;
    textPipelineSeconds: number;
    insertWaitSeconds: number;
    lastMergeSeconds: number;
    rowsPerInsert: number;
  };
}

type Raw = Queryable & { rawQuery: (text: string, values?: unknown[]) => Promise<unknown> };

async function load(db: Database, raw: Raw): Promise<Loaded> {
  const seconds: Record<string, number> = {};
  const pools = loadCorpus();
  let t = performance.now();
  await migrate(db);
  await seedReferenceData(db);
  seconds.migrate = +secs(t);

  // owners: the generated directory; one member account per organization (one password hash for all)
  t = performance.now();
  const orgs: OrgInput[] = [...generateOrgs(ORGS, 5151)];
  const repo = new DirectoryRepository(db);
  for (let i = 0; i < orgs.length; i += 500)
    await db.transaction((tx) =>
      repo
        .with(tx)
        .insertMany(orgs.slice(i, i + 500))
        .then(() => undefined),
    );
  const owners = (
    await db.query<{ id: number; name: string; kinds: string[]; district: string | null }>(
      sql`SELECT id, name, kinds, district_code AS district FROM orgs ORDER BY id`,
    )
  ).rows.map((o) => ({ ...o, id: Number(o.id) }));
  const hash = await hashPassword(MEMBER_PASSWORD);
  await db.query(sql`INSERT INTO users (username, password_hash, role, display_name, org_id)
    SELECT 'bench-m-' || id, ${hash}, 'org_member', '测试用户' || id, id FROM orgs`);
  seconds.orgs = +secs(t);

  const fieldMap = new Map((await db.query<TechField>(sql`SELECT code, kind, name, name_en AS "nameEn" FROM tech_fields`)).rows.map((f) => [f.code, f]));
  const districts = (await db.query<{ code: string }>(sql`SELECT code FROM divisions WHERE valid_to IS NULL ORDER BY code`)).rows.map((d) => d.code);
  const seqIds = async (seq: string, n: number) =>
    (await db.query<{ id: number }>(sql`SELECT nextval(${seq}::regclass) AS id FROM generate_series(1, ${n}::int)`)).rows.map((r) => Number(r.id));
  // universities, research institutes and enterprises own achievements and employ experts; demands come mostly from enterprises
  const suppliers = owners.filter((o) =>
    o.kinds.some((k) => k === 'university' || k === 'research_institute' || k === 'enterprise' || k === 'service_provider'),
  );
  const enterprises = owners.filter((o) => o.kinds.includes('enterprise'));
  const supplierW = (o: (typeof owners)[number]) => (o.kinds.includes('university') || o.kinds.includes('research_institute') ? 6 : 1);

  // --- experts
  t = performance.now();
  const er = rng(771);
  const expertIds = await seqIds('experts_id_seq', EXPERTS);
  const expertsByCategory = new Map<string, number[]>();
  const batchesOf = function* <T>(n: number, make: (i: number) => T) {
    for (let i = 0; i < n; i += PER_INSERT) yield Array.from({ length: Math.min(PER_INSERT, n - i) }, (_, j) => make(i + j));
  };
  for (const batch of batchesOf(EXPERTS, (i) => {
    const p = pickPool(er, pools);
    const name = chineseName(er);
    const title = pickW(er, TITLES, (x) => x[1])[0];
    const org = pickW(er, suppliers, supplierW);
    const v = vocabulary(er, p, 2);
    const keywords = [...new Set([...v.keywords, ...sample(er, p.keywords, er.int(0, 3))])].slice(0, 8);
    const fields = [...new Set([p.disciplineCode, p.industries[0], ...(er.chance(0.3) ? [er.pick(p.industries)] : [])])];
    const biography = cut(
      `${name}，${title}，长期从事${keywords.slice(0, 3).join('、')}等方向的研究与技术服务工作。${v.sentences.slice(0, er.int(1, 2)).join('')}主持或参与国家及省部级科研项目${er.int(2, 30)}项，发表论文${er.int(5, 120)}篇，授权发明专利${er.int(0, 40)}项。`,
      4800,
    );
    const affiliation = er.chance(0.15)
      ? `${er.pick(['重庆大学', '西南大学', '重庆邮电大学', '重庆医科大学', '重庆交通大学', '中国科学院重庆绿色智能技术研究院'])}${er.pick(['', '退休', '（兼职）'])}`
      : null;
    const e = { name, title, affiliation, keywords, biography, fields };
    const c = expertSearchColumns(e, fieldMap);
    const id = expertIds[i];
    if (!expertsByCategory.has(p.category)) expertsByCategory.set(p.category, []);
    expertsByCategory.get(p.category)!.push(id);
    const consent = er.chance(0.4);
    const grade = er.chance(0.2) ? er.pick(['junior', 'intermediate', 'senior']) : null;
    const at = new Date(NOW - er.int(1, 900) * DAY).toISOString();
    return sql`(${id}, ${name}, ${title}, ${affiliation ? null : org.id}, ${affiliation}, ${fields}::text[], ${keywords}::text[], ${biography}, ${er.chance(0.5)},
      ${er.chance(0.3) ? '可提供技术咨询、工艺诊断与成果转化指导' : null}, ${grade}, ${er.chance(0.15)}, ${er.chance(0.6) && org.district ? org.district : er.pick(districts)},
      ${`1${er.pick(['3', '5', '7', '8', '9'])}${String(er.int(0, 999999999)).padStart(9, '0')}`}, ${`expert${id}@example.cn`}, ${consent}, ${consent ? at : null}::timestamptz,
      ${er.chance(0.95) ? 'active' : 'inactive'}, ${at}::timestamptz, ${at}::timestamptz, ${c.nameFolded}, ${c.namePinyin}, ${c.keyTerms}::text[], ${c.document})`;
  })) {
    await db.transaction((tx) =>
      tx.query(sql`INSERT INTO experts (id, name, title, affiliation_org_id, affiliation, fields, keywords, biography, consulting, consulting_note, tech_manager_grade,
        commissioner, district_code, phone, email, contact_consent, contact_consent_at, status, created_at, updated_at, name_folded, name_pinyin, key_terms, search_document)
        VALUES ${sql.join(batch)}`),
    );
  }
  seconds.experts = +secs(t);

  // --- achievements: text pipeline for the next batch in Node while the database inserts the last one
  t = performance.now();
  const ar = rng(20251123);
  const achievementIds = await seqIds('achievements_id_seq', ACHIEVEMENTS);
  const inv = { a: [] as number[], e: [] as number[], pos: [] as number[] };
  let textMs = 0;
  let waitMs = 0;
  let pending: Promise<unknown> = Promise.resolve();
  let done = 0;
  const tAch = performance.now();
  for (let i = 0; i < ACHIEVEMENTS; i += PER_INSERT) {
    const t0 = performance.now();
    const rows: Sql[] = [];
    for (let j = i; j < Math.min(ACHIEVEMENTS, i + PER_INSERT); j++) {
      const a = makeAchievement(ar, pools);
      const owner = pickW(ar, suppliers, supplierW);
      const c = achievementSearchColumns(a);
      const published = NOW - Math.floor(ar.next() * 730 * DAY);
      const created = published - ar.int(1, 30) * DAY;
      const id = achievementIds[j];
      rows.push(sql`(${id}, ${owner.id}, ${a.title}, ${a.abstract}, ${a.keywords}::text[], ${a.disciplineCode}, ${a.industryCode}, ${a.maturity}, ${a.trl}, ${JSON.stringify(a.ip)}::jsonb,
        ${a.transferModes}::text[], ${a.priceNegotiable}, ${a.priceMinFen}, ${a.priceMaxFen}, 'published', ${new Date(published).toISOString()}::timestamptz,
        ${new Date(created).toISOString()}::timestamptz, ${new Date(published).toISOString()}::timestamptz, ${c.titleFolded}, ${c.titlePinyin}, ${c.keyTerms}::text[], ${c.document})`);
      const pool = expertsByCategory.get(a.category) ?? expertIds;
      sample(ar, pool, ar.pick([0, 1, 1, 2, 2, 3])).forEach((e, k) => {
        inv.a.push(id);
        inv.e.push(e);
        inv.pos.push(k);
      });
    }
    textMs += performance.now() - t0;
    const t1 = performance.now();
    await pending; // one batch in the database while the next is built
    waitMs += performance.now() - t1;
    pending = db.transaction((tx) =>
      tx.query(sql`INSERT INTO achievements (id, owner_org_id, title, abstract, keywords, discipline_code, industry_code, maturity, trl, ip, transfer_modes,
        price_negotiable, price_min_fen, price_max_fen, status, published_at, created_at, updated_at, title_folded, title_pinyin, key_terms, search_document)
        VALUES ${sql.join(rows)}`),
    );
    done += rows.length;
    if (done % 20000 < PER_INSERT) log(`  … ${done.toLocaleString()} achievements (${secs(tAch)} s)`);
  }
  const t1 = performance.now();
  await pending;
  waitMs += performance.now() - t1;
  // the last achievements waiting beside the word lists (migration 0039) go in, as a server's clock would move
  // them: counted in the load, which ends when every achievement is found by its rare words
  const tMerge = performance.now();
  await raw.rawQuery('SELECT achievement_postings_merge()');
  const mergeMs = performance.now() - tMerge;
  const achSeconds = (performance.now() - tAch) / 1000;
  seconds.achievements = +secs(t);
  t = performance.now();
  for (let i = 0; i < inv.a.length; i += 20000) {
    await raw.rawQuery(`INSERT INTO achievement_inventors (achievement_id, expert_id, position) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[])`, [
      inv.a.slice(i, i + 20000),
      inv.e.slice(i, i + 20000),
      inv.pos.slice(i, i + 20000),
    ]);
  }
  seconds.inventors = +secs(t);

  // --- demands
  t = performance.now();
  const dr = rng(4711);
  const demandIds = await seqIds('demands_id_seq', DEMANDS);
  for (const batch of batchesOf(DEMANDS, (i) => {
    const d = makeDemand(dr, pools);
    const org = dr.chance(0.85) && enterprises.length ? dr.pick(enterprises) : dr.pick(owners);
    const c = demandSearchColumns(d);
    const published = NOW - Math.floor(dr.next() * 365 * DAY);
    return sql`(${demandIds[i]}, ${org.id}, ${d.title}, ${d.description}, ${d.industryCode}, ${d.disciplineCode}, ${d.maturityNeeded}, ${d.budgetNegotiable}, ${d.budgetFen},
      ${d.deadline}::date, ${d.cooperationModes}::text[], ${dr.chance(0.8) && org.district ? org.district : dr.pick(districts)}, ${chineseName(dr)},
      ${`1${dr.pick(['3', '5', '8'])}${String(dr.int(0, 999999999)).padStart(9, '0')}`}, 'published', ${new Date(published).toISOString()}::timestamptz,
      ${new Date(published - dr.int(1, 10) * DAY).toISOString()}::timestamptz, ${new Date(published).toISOString()}::timestamptz,
      ${c.titleFolded}, ${c.titlePinyin}, ${c.keyTerms}::text[], ${c.document})`;
  })) {
    await db.transaction((tx) =>
      tx.query(sql`INSERT INTO demands (id, org_id, title, description, industry_code, discipline_code, maturity_needed, budget_negotiable, budget_fen, deadline,
        cooperation_modes, district_code, contact_name, contact_phone, status, published_at, created_at, updated_at, title_folded, title_pinyin, key_terms, search_document)
        VALUES ${sql.join(batch)}`),
    );
  }
  seconds.demands = +secs(t);
  t = performance.now();
  await raw.rawQuery('VACUUM ANALYZE');
  seconds.vacuumAnalyze = +secs(t);
  return {
    orgs: owners.length,
    experts: EXPERTS,
    achievements: ACHIEVEMENTS,
    inventors: inv.a.length,
    demands: DEMANDS,
    seconds,
    bulkIndexing: {
      achievements: ACHIEVEMENTS,
      seconds: r1(achSeconds),
      perSecond: Math.round(ACHIEVEMENTS / achSeconds),
      textPipelineSeconds: r1(textMs / 1000),
      insertWaitSeconds: r1(waitMs / 1000),
      lastMergeSeconds: r1(mergeMs / 1000),
      rowsPerInsert: PER_INSERT,
    },
  };
}

// ------------------------------------------------------------------ the server and HTTP figures

interface Prepared {
  scale: Record<string, unknown>;
  achievements: { id: number; title: string; keywords: string[]; ownerOrgId: number; industry: string | null; maturity: string; discipline: string | null }[];
  demands: { id: number; orgId: number; title: string }[];
  experts: { name: string; keywords: string[] }[];
  pools: Pool[];
}

/** The data scale, and what the HTTP part picks from (read before the server starts: PGlite is one process). Deterministic samples (md5 order). */
async function prepare(q: (text: string) => Promise<Record<string, unknown>[]>): Promise<Prepared> {
  const scale = (
    await q(`SELECT (SELECT count(*) FROM orgs)::int AS orgs, (SELECT count(*) FROM users WHERE username LIKE 'bench-m-%')::int AS "memberAccounts",
    (SELECT count(*) FROM achievements WHERE status = 'published')::int AS achievements, (SELECT count(*) FROM achievements)::int AS "achievementsAll",
    (SELECT count(*) FROM achievement_inventors)::int AS inventors, (SELECT count(*) FROM demands WHERE status = 'published')::int AS demands,
    (SELECT count(*) FROM experts WHERE status = 'active')::int AS "expertsActive", (SELECT count(*) FROM experts)::int AS experts,
    (SELECT count(*) FROM instruments)::int AS instruments, (SELECT count(*) FROM achievement_term_df)::int AS "distinctTerms",
    (SELECT round(avg(cardinality(key_terms))) FROM achievements)::int AS "avgKeyTermsPerAchievement",
    pg_size_pretty(pg_total_relation_size('achievements')) AS "achievementsSize", pg_size_pretty(pg_database_size(current_database())) AS "dbSize"`)
  )[0];
  const achievements = (
    await q(`SELECT id, title, keywords, owner_org_id, industry_code, maturity, discipline_code FROM achievements WHERE status = 'published'
    ORDER BY md5(id::text) LIMIT 400`)
  ).map((x) => ({
    id: Number(x.id),
    title: String(x.title),
    keywords: x.keywords as string[],
    ownerOrgId: Number(x.owner_org_id),
    industry: x.industry_code as string | null,
    maturity: String(x.maturity),
    discipline: x.discipline_code as string | null,
  }));
  const demands = (await q(`SELECT id, org_id, title FROM demands WHERE status = 'published' ORDER BY md5(id::text || 'd') LIMIT 150`)).map((x) => ({
    id: Number(x.id),
    orgId: Number(x.org_id),
    title: String(x.title),
  }));
  const experts = (await q(`SELECT name, keywords FROM experts WHERE status = 'active' ORDER BY md5(id::text || 'e') LIMIT 60`)).map((x) => ({
    name: String(x.name),
    keywords: x.keywords as string[],
  }));
  return { scale, achievements, demands, experts, pools: loadCorpus() };
}

/** Broad single words of the vocabulary: the worst case of a search (thousands of matches to rank and count). */
const BROAD_WORDS = [
  '控制',
  '优化',
  '模型',
  '检测',
  '算法',
  '材料',
  '水稻',
  '传感器',
  '混凝土',
  '中药',
  '土壤',
  '催化剂',
  '图像识别',
  '深度学习',
  '锂电池',
  '有限元',
  '数值模拟',
  '污水',
  '小麦',
  '大数据',
];

interface Timed {
  group: string;
  ms: number;
  total: number;
  path: string;
}

function groupSummary(timed: Timed[], groups: string[]) {
  return Object.fromEntries(
    groups.map((g) => [
      g,
      {
        ...summary(timed.filter((x) => x.group === g).map((x) => x.ms)),
        medianTotal: pct(
          timed.filter((x) => x.group === g).map((x) => x.total),
          50,
        ),
      },
    ]),
  );
}

async function http(base: string, pre: Prepared, pid: number, pgUrl: string | null) {
  const admin = await signIn(base, 'admin', ADMIN_PASSWORD);
  const members = new Map<number, Client>();
  const member = async (orgId: number) => {
    if (!members.has(orgId)) members.set(orgId, await signIn(base, `bench-m-${orgId}`, MEMBER_PASSWORD));
    return members.get(orgId)!;
  };
  const results: Record<string, unknown> = {};
  const tw = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const r = rng(31);
  const A = pre.achievements;
  const twoKw = (a: Prepared['achievements'][number]) =>
    a.keywords.length >= 2 ? sample(r, a.keywords, 2).join(' ') : `${a.keywords[0] ?? ''} ${cut(a.title, 6)}`.trim();
  const enc = encodeURIComponent;
  const run = async (c: Client, list: { group: string; path: string }[], warm = 10) => {
    for (const s of list.slice(0, warm)) await c.get(s.path); // warm-up (not timed)
    const timed: Timed[] = [];
    for (const s of list) {
      const res = await c.get<{ total?: number; counts?: Record<string, number>; achievements?: unknown[] }>(s.path);
      if (res.status !== 200) throw new Error(`${s.path}: ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
      timed.push({ group: s.group, ms: res.ms, total: Number(res.body.total ?? res.body.achievements?.length ?? 0), path: decodeURIComponent(s.path) });
    }
    return timed;
  };
  const slowest = (timed: Timed[], n = 5) =>
    [...timed]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, n)
      .map((x) => ({ ms: r1(x.ms), total: x.total, path: x.path }));

  // --- achievement search: 320 queries of five kinds, signed in as admin (the public sees the same published rows)
  const searches: { group: string; path: string }[] = [];
  const ach = (q: string, extra = '') => `/api/v1/achievements?q=${enc(q)}${extra}`;
  A.slice(0, 100).forEach((a) => searches.push({ group: 'title', path: ach(a.title) }));
  A.slice(100, 200).forEach((a) => searches.push({ group: 'twoKeywords', path: ach(twoKw(a)) }));
  BROAD_WORDS.forEach((w) => searches.push({ group: 'singleWord', path: ach(w) }));
  A.slice(200, 220).forEach((a) => searches.push({ group: 'singleWord', path: ach(shortest(a.keywords) ?? cut(a.title, 4)) }));
  A.slice(220, 240).forEach((a) => searches.push({ group: 'traditional', path: ach(tw(a.title)) }));
  A.slice(240, 260).forEach((a) => searches.push({ group: 'traditional', path: ach(tw(twoKw(a))) }));
  A.slice(260, 300).forEach((a, i) =>
    searches.push({
      group: 'filtered',
      path: ach(
        i % 4 === 3 ? r.pick(BROAD_WORDS) : twoKw(a),
        i % 2 ? `&industry=${a.industry}` : `&maturity=${a.maturity}${i % 4 === 2 ? `&industry=${a.industry}` : ''}`,
      ),
    }),
  );
  // shuffled so that caches and the dispatcher do not favour one kind
  shuffle(r, searches);
  const timed = await run(admin, searches, 20);
  const groups = ['title', 'twoKeywords', 'singleWord', 'traditional', 'filtered'];
  const all = timed.map((x) => x.ms);
  results.achievementSearch = {
    ...summary(all),
    byGroup: groupSummary(timed, groups),
    medianTotal: pct(
      timed.map((x) => x.total),
      50,
    ),
    slowest: slowest(timed),
  };
  log(
    `achievement search (${timed.length} × GET /api/v1/achievements?q=…): p50 ${r1(pct(all, 50))} ms, p95 ${r1(pct(all, 95))} ms ${target(r1(pct(all, 95)), TARGETS.searchP95)}, max ${r1(Math.max(...all))} ms; median total ${pct(
      timed.map((x) => x.total),
      50,
    )}`,
  );
  for (const g of groups) {
    const s = (results.achievementSearch as { byGroup: Record<string, ReturnType<typeof summary> & { medianTotal: number }> }).byGroup[g];
    log(`  ${g.padEnd(12)} n=${s.n} p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms (median total ${s.medianTotal})`);
  }
  log(
    `  slowest: ${slowest(timed, 3)
      .map((x) => `${x.ms} ms ${x.path.replace('/api/v1/achievements?', '')} (${x.total})`)
      .join(' | ')}`,
  );

  // --- cross-kind search, demands, experts
  const cross: { group: string; path: string }[] = [];
  const s = (q: string) => `/api/v1/search?q=${enc(q)}`;
  A.slice(300, 320).forEach((a) => cross.push({ group: 'title', path: s(a.title) }));
  A.slice(320, 340).forEach((a) => cross.push({ group: 'twoKeywords', path: s(twoKw(a)) }));
  BROAD_WORDS.slice(0, 10).forEach((w) => cross.push({ group: 'singleWord', path: s(w) }));
  A.slice(340, 350).forEach((a) => cross.push({ group: 'traditional', path: s(tw(twoKw(a))) }));
  shuffle(r, cross);
  const crossTimed = await run(admin, cross);
  results.crossSearch = {
    ...summary(crossTimed.map((x) => x.ms)),
    byGroup: groupSummary(crossTimed, ['title', 'twoKeywords', 'singleWord', 'traditional']),
    slowest: slowest(crossTimed),
  };
  const cs = results.crossSearch as ReturnType<typeof summary>;
  log(
    `cross-kind search (${crossTimed.length} × GET /api/v1/search?q=…, counts of 5 kinds + one page): p50 ${cs.p50} ms, p95 ${cs.p95} ms ${target(cs.p95, TARGETS.searchP95)}, max ${cs.max} ms`,
  );

  const dq: { group: string; path: string }[] = [];
  const d = (q: string) => `/api/v1/demands?q=${enc(q)}`;
  pre.demands.slice(0, 20).forEach((x) => dq.push({ group: 'title', path: d(x.title) }));
  A.slice(350, 370).forEach((a) => dq.push({ group: 'twoKeywords', path: d(twoKw(a)) }));
  BROAD_WORDS.forEach((w) => dq.push({ group: 'singleWord', path: d(w) }));
  shuffle(r, dq);
  const dTimed = await run(admin, dq);
  results.demandSearch = {
    ...summary(dTimed.map((x) => x.ms)),
    byGroup: groupSummary(dTimed, ['title', 'twoKeywords', 'singleWord']),
    slowest: slowest(dTimed),
  };
  const ds = results.demandSearch as ReturnType<typeof summary>;
  log(`demand search (${dTimed.length} × GET /api/v1/demands?q=…): p50 ${ds.p50} ms, p95 ${ds.p95} ms ${target(ds.p95, TARGETS.searchP95)}, max ${ds.max} ms`);

  const eq: { group: string; path: string }[] = [];
  const e = (q: string) => `/api/v1/experts?q=${enc(q)}`;
  pre.experts.slice(0, 20).forEach((x) => eq.push({ group: 'name', path: e(x.name) }));
  pre.experts.slice(20, 40).forEach((x) => eq.push({ group: 'keyword', path: e(x.keywords[0]) }));
  A.slice(370, 390).forEach((a) => eq.push({ group: 'twoKeywords', path: e(twoKw(a)) }));
  shuffle(r, eq);
  const eTimed = await run(admin, eq);
  results.expertSearch = { ...summary(eTimed.map((x) => x.ms)), byGroup: groupSummary(eTimed, ['name', 'keyword', 'twoKeywords']), slowest: slowest(eTimed) };
  const es = results.expertSearch as ReturnType<typeof summary>;
  log(`expert search (${eTimed.length} × GET /api/v1/experts?q=…): p50 ${es.p50} ms, p95 ${es.p95} ms ${target(es.p95, TARGETS.searchP95)}, max ${es.max} ms`);

  // --- matching, as a member of the demand's (or achievement's owner) organization
  const matchRun = async (label: string, list: { orgId: number; path: string }[]) => {
    for (const x of list) await member(x.orgId); // sign-ins first (not timed)
    for (const x of list.slice(0, 5)) await (await member(x.orgId)).get(x.path); // warm-up
    const out: Timed[] = [];
    for (const x of list) {
      const res = await (await member(x.orgId)).get<{ achievements?: unknown[]; demands?: unknown[]; experts?: unknown[] }>(x.path);
      if (res.status !== 200) throw new Error(`${x.path}: ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
      const b = res.body;
      out.push({ group: label, ms: res.ms, total: (b.achievements ?? b.demands ?? []).length, path: x.path });
    }
    const sm = summary(out.map((x) => x.ms));
    log(
      `${label} (${out.length}): p50 ${sm.p50} ms, p95 ${sm.p95} ms ${target(sm.p95, TARGETS.matchingP95)}, max ${sm.max} ms; median results ${pct(
        out.map((x) => x.total),
        50,
      )}`,
    );
    return {
      ...sm,
      medianResults: pct(
        out.map((x) => x.total),
        50,
      ),
      slowest: slowest(out, 3),
    };
  };
  const dem = pre.demands.slice(0, 100);
  results.demandMatches = await matchRun(
    'demand matches, all kinds (GET /api/v1/demands/{id}/matches)',
    dem.map((x) => ({ orgId: x.orgId, path: `/api/v1/demands/${x.id}/matches` })),
  );
  results.demandMatchesAchievements = await matchRun(
    'demand matches, achievements only (…/matches?kind=achievement)',
    dem.map((x) => ({ orgId: x.orgId, path: `/api/v1/demands/${x.id}/matches?kind=achievement` })),
  );
  results.achievementMatches = await matchRun(
    'achievement matches (GET /api/v1/achievements/{id}/matches: demands + enterprises)',
    A.slice(0, 50).map((a) => ({ orgId: a.ownerOrgId, path: `/api/v1/achievements/${a.id}/matches` })),
  );

  // --- indexing through the API: create + publish, sequentially, as members of owner organizations
  const nr = rng(90210);
  const posters = [...new Set(A.map((a) => a.ownerOrgId))].slice(0, 10);
  for (const o of posters) await member(o);
  const createMs: number[] = [];
  const publishMs: number[] = [];
  const bothMs: number[] = [];
  const refused: Record<string, number> = {};
  const tApi = performance.now();
  for (let i = 0; i < NEW_VIA_API; i++) {
    const a = makeAchievement(nr, pre.pools);
    const c = await member(posters[i % posters.length]);
    const body = {
      title: a.title.length >= 4 ? a.title : `${a.title}关键技术`,
      abstract: a.abstract.length >= 20 ? a.abstract : `${a.abstract}本成果已完成实验室验证，具备推广应用条件。`,
      keywords: a.keywords.slice(0, 20),
      disciplineCode: a.disciplineCode,
      industryCode: a.industryCode,
      maturity: a.maturity,
      trl: a.trl,
      ip: a.ip,
      transferModes: a.transferModes,
      priceNegotiable: a.priceNegotiable,
      priceMinFen: a.priceMinFen,
      priceMaxFen: a.priceMaxFen,
    };
    const created = await c.post<{ id: number; error?: { code: string } }>('/api/v1/achievements', body);
    if (created.status !== 201) {
      const key = `${created.status} ${created.body.error?.code ?? ''} ${JSON.stringify(created.body).slice(0, 200)}`;
      refused[key] = (refused[key] ?? 0) + 1;
      continue;
    }
    const published = await c.post<{ status: string }>(`/api/v1/achievements/${created.body.id}/publish`);
    if (published.status !== 200 || published.body.status !== 'published') {
      const key = `publish ${published.status} ${JSON.stringify(published.body).slice(0, 200)}`;
      refused[key] = (refused[key] ?? 0) + 1;
      continue;
    }
    createMs.push(created.ms);
    publishMs.push(published.ms);
    bothMs.push(created.ms + published.ms);
  }
  const apiSeconds = (performance.now() - tApi) / 1000;
  const lastPublish = performance.now();
  // the match-alert handler runs after commit, from the outbox, every second: how long until it has caught up (PostgreSQL: read beside the server)
  let drain: Record<string, unknown> = { note: 'embedded: the database is the server process’s own; the backlog is read after it stops' };
  if (pgUrl) {
    const pc = new pg.Client({ connectionString: pgUrl });
    await pc.connect();
    try {
      let backlog = -1;
      for (;;) {
        const { rows } = await pc.query(`SELECT count(*)::int AS n FROM outbox_events e
          WHERE e.type = 'achievement.published' AND NOT EXISTS (SELECT 1 FROM event_consumers c WHERE c.name = 'market-match-alerts' AND (e.txid, e.id) <= (c.last_txid, c.last_id))`);
        backlog = rows[0].n;
        if (backlog === 0 || performance.now() - lastPublish > 300_000) break;
        await new Promise((res) => setTimeout(res, 200));
      }
      const alerts = (await pc.query(`SELECT count(*)::int AS n FROM match_alerts`)).rows[0].n;
      drain = { backlogLeft: backlog, secondsAfterLastPublish: r1((performance.now() - lastPublish) / 1000), matchAlerts: alerts };
    } finally {
      await pc.end();
    }
  }
  results.apiIndexing = {
    achievements: bothMs.length,
    seconds: r1(apiSeconds),
    perSecond: r1(bothMs.length / apiSeconds),
    create: summary(createMs),
    publish: summary(publishMs),
    createAndPublish: summary(bothMs),
    refused,
    matchAlertHandler: drain,
  };
  const ai = results.apiIndexing as { create: ReturnType<typeof summary>; publish: ReturnType<typeof summary>; createAndPublish: ReturnType<typeof summary> };
  log(
    `indexing through the API (${bothMs.length} × POST /api/v1/achievements + POST …/publish, sequential, ${posters.length} member accounts): ${r1(bothMs.length / apiSeconds)} achievements/s; create p50 ${ai.create.p50} / p95 ${ai.create.p95} ms, publish p50 ${ai.publish.p50} / p95 ${ai.publish.p95} ms, both p50 ${ai.createAndPublish.p50} / p95 ${ai.createAndPublish.p95} ms${Object.keys(refused).length ? `; refused: ${JSON.stringify(refused)}` : ''}`,
  );
  log(`  match-alert handler (achievement.published, run by the server's outbox dispatcher while the requests came in): ${JSON.stringify(drain)}`);
  results.serverPeakRssMb = Math.round(peakRssMb(pid));
  log(`server peak RSS ${results.serverPeakRssMb} MB`);
  return results;
}

// ------------------------------------------------------------------ EXPLAIN of the statements behind the slowest requests

async function explain(url: string, requests: { label: string; path: string; username: string; password: string }[]): Promise<string> {
  const { app, captured, pgc, setLabel, close } = await inProcessApp(url);
  const out: string[] = [];
  try {
    const cookies = new Map<string, string>();
    for (const q of requests) {
      if (cookies.has(q.username)) continue;
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: q.username, password: q.password } });
      cookies.set(q.username, String(login.headers['set-cookie']).split(';')[0]);
    }
    // each once first, uncaptured: the first request of a process pays for connections and caches
    for (const q of requests) await app.inject({ method: 'GET', url: q.path, headers: { cookie: cookies.get(q.username)! } });
    for (const q of requests) {
      setLabel(q.label);
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: q.path, headers: { cookie: cookies.get(q.username)! } });
      setLabel('');
      out.push(`### ${q.label}: GET ${decodeURIComponent(q.path)} → ${res.statusCode} in ${r1(performance.now() - t0)} ms (in process)`);
    }
    out.push('');
    await explainStatements(pgc, captured, out, 2000);
  } finally {
    await close();
  }
  return out.join('\n');
}

// ------------------------------------------------------------------ main

/** The code the figures are of: HEAD and whether the server's sources differ from it (read-only git). */
function codeState(): { head: string; dirtyServerFiles: string[] } {
  try {
    const head = execFileSync('git', ['log', '-1', '--format=%h %ad %s', '--date=format:%H:%M:%S'], { encoding: 'utf8' }).trim().slice(0, 140);
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src/server'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3));
    return { head, dirtyServerFiles: dirty };
  } catch {
    return { head: 'unknown', dirtyServerFiles: [] };
  }
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  log(
    `kefutong market bench · ${ENGINE} · ${ACHIEVEMENTS.toLocaleString()} achievements · ${DEMANDS.toLocaleString()} demands · ${EXPERTS.toLocaleString()} experts · ${ORGS} orgs · text from ${path.relative(process.cwd(), CSL)} · ${os.cpus().length} cores · node ${process.version}${REUSE_URL ? ' (reusing a loaded database: the scale below is what it holds)' : ''}`,
  );
  let url = REUSE_URL;
  let dataDir: string | null = null;
  let drop = async () => {};
  let loaded: Loaded | null = null;
  if (ENGINE === 'pglite') {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kft-mbench-'));
    drop = KEEP ? async () => log(`kept PGlite data in ${dataDir}`) : async () => fs.rmSync(dataDir!, { recursive: true, force: true });
  } else if (!url) {
    const scratch = await scratchDatabase(PG_URL, 'kft_mbench');
    url = scratch.url;
    drop = KEEP ? async () => log(`kept database ${url}`) : scratch.drop;
  }
  let child: ChildProcess | null = null;
  try {
    let pre: Prepared;
    const logLoaded = (l: Loaded, t0: number) => {
      log(`loaded in ${secs(t0)} s: ${JSON.stringify(l.seconds)} (s)`);
      const b = l.bulkIndexing;
      log(
        `bulk indexing of achievements (text pipeline in Node + INSERT of ${b.rowsPerInsert} rows per statement with the term-statistics trigger, in transactions): ${b.achievements.toLocaleString()} in ${b.seconds} s = ${b.perSecond.toLocaleString()} achievements/s (text pipeline ${b.textPipelineSeconds} s in Node, overlapping the inserts; ${b.insertWaitSeconds} s waiting for the database; the last merge into the word lists ${b.lastMergeSeconds} s, counted)`,
      );
    };
    if (dataDir) {
      const db = await openDatabase({ dataDir });
      try {
        const t0 = performance.now();
        loaded = await load(db, Object.assign(db, { rawQuery: (text: string, values?: unknown[]) => db.query(positional(text, values ?? [])) }));
        logLoaded(loaded, t0);
        pre = await prepare(async (text) => (await db.query<Record<string, unknown>>(positional(text, []))).rows);
      } finally {
        await db.close();
      }
    } else {
      if (!REUSE_URL) {
        const db = await openDatabase({ databaseUrl: url, poolSize: 2 });
        const pool = new pg.Pool({ connectionString: url, max: 2 });
        const raw = Object.assign(db, { rawQuery: (text: string, values?: unknown[]) => pool.query(text, values) });
        const t0 = performance.now();
        try {
          loaded = await load(db, raw);
        } finally {
          await pool.end();
          await db.close();
        }
        logLoaded(loaded, t0);
      }
      const check = new pg.Client({ connectionString: url });
      await check.connect();
      try {
        pre = await prepare(async (text) => (await check.query(text)).rows);
      } finally {
        await check.end();
      }
    }
    log(`data scale: ${JSON.stringify(pre.scale)}`);
    if (LOAD_ONLY) return;
    const writeExplain = async (figures: Record<string, unknown> | null) => {
      if (!url) return log('(--explain is for PostgreSQL only)');
      const reqs: { label: string; path: string; username: string; password: string }[] = [];
      const slow = (k: string) => ((figures?.[k] as { slowest?: { path: string }[] } | undefined)?.slowest ?? []).map((x) => x.path);
      const enc = (p: string) => p.replace(/q=([^&]*)/, (_, q) => `q=${encodeURIComponent(q)}`);
      const a = pre.achievements;
      const achPaths = slow('achievementSearch').length
        ? slow('achievementSearch').slice(0, 3)
        : [`/api/v1/achievements?q=${BROAD_WORDS[0]}`, `/api/v1/achievements?q=${a[0].title}`];
      achPaths.forEach((p, i) => reqs.push({ label: `achievement search #${i + 1}`, path: enc(p), username: 'admin', password: ADMIN_PASSWORD }));
      const crossPaths = slow('crossSearch').length ? slow('crossSearch').slice(0, 1) : [`/api/v1/search?q=${BROAD_WORDS[1]}`];
      crossPaths.forEach((p) => reqs.push({ label: 'cross-kind search', path: enc(p), username: 'admin', password: ADMIN_PASSWORD }));
      const demandOrg = new Map(pre.demands.map((d) => [d.id, d.orgId]));
      const achOwner = new Map(a.map((x) => [x.id, x.ownerOrgId]));
      const matchPaths = slow('demandMatches').length ? slow('demandMatches').slice(0, 2) : [`/api/v1/demands/${pre.demands[0].id}/matches`];
      matchPaths.forEach((p, i) =>
        reqs.push({ label: `demand matches #${i + 1}`, path: p, username: `bench-m-${demandOrg.get(Number(p.split('/')[4]))}`, password: MEMBER_PASSWORD }),
      );
      const amPaths = slow('achievementMatches').length ? slow('achievementMatches').slice(0, 1) : [`/api/v1/achievements/${a[0].id}/matches`];
      amPaths.forEach((p) =>
        reqs.push({ label: 'achievement matches', path: p, username: `bench-m-${achOwner.get(Number(p.split('/')[4]))}`, password: MEMBER_PASSWORD }),
      );
      const text = await explain(url, reqs);
      const efile = path.join(OUT, `market-explain-${ENGINE}.txt`);
      fs.writeFileSync(efile, `-- code: ${JSON.stringify(codeState())}\n${text}`);
      log(
        `written ${efile}:\n${text
          .split('\n')
          .filter((l) => l.startsWith('###') || l.startsWith('========'))
          .join('\n')}`,
      );
    };
    if (EXPLAIN_ONLY) {
      log(`EXPLAIN of the code: ${JSON.stringify(codeState())}`);
      const prev = path.join(OUT, `market-${ENGINE}.json`);
      return await writeExplain(fs.existsSync(prev) ? JSON.parse(fs.readFileSync(prev, 'utf8')) : null);
    }
    const code = codeState();
    log(`code measured: ${code.head}${code.dirtyServerFiles.length ? `; uncommitted changes in ${code.dirtyServerFiles.join(', ')}` : ''}`);
    const server = await startServer(dataDir ? { DATA_DIR: dataDir } : { DATABASE_URL: url! });
    child = server.child;
    // this machine is shared: the load average says whether something else ran beside the benchmark
    const loadBefore = os.loadavg().map(r1);
    log(`load average before the HTTP part: ${loadBefore.join(' / ')} (1 / 5 / 15 min, ${os.cpus().length} cores)`);
    const figures = await http(server.base, pre, child.pid!, url ?? null);
    figures.loadAverage = { before: loadBefore, after: os.loadavg().map(r1) };
    log(`load average after the HTTP part: ${(figures.loadAverage as { after: number[] }).after.join(' / ')}`);
    child.kill('SIGTERM');
    await new Promise((res) => child!.once('exit', res));
    child = null;
    if (dataDir) {
      // the match-alert backlog the embedded server left (its dispatcher runs every second; shutdown waits for a running batch)
      const db = await openDatabase({ dataDir });
      try {
        const { rows } = await db.query<{ backlog: number; alerts: number }>(sql`SELECT
          (SELECT count(*)::int FROM outbox_events e WHERE e.type = 'achievement.published'
             AND NOT EXISTS (SELECT 1 FROM event_consumers c WHERE c.name = 'market-match-alerts' AND (e.txid, e.id) <= (c.last_txid, c.last_id))) AS backlog,
          (SELECT count(*)::int FROM match_alerts) AS alerts`);
        const h = { backlogLeftAtShutdown: rows[0].backlog, matchAlerts: rows[0].alerts };
        (figures.apiIndexing as Record<string, unknown>).matchAlertHandler = h;
        log(`  match-alert handler (embedded), after the server stopped: ${JSON.stringify(h)}`);
      } finally {
        await db.close();
      }
    }
    const out = {
      at: new Date().toISOString(),
      engine: ENGINE,
      code,
      machine: { cores: os.cpus().length, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      scale: pre.scale,
      load: loaded,
      targets: TARGETS,
      ...figures,
    };
    const file = path.join(OUT, `market-${ENGINE}.json`);
    fs.writeFileSync(file, JSON.stringify(out, null, 2));
    log(`written ${file}`);
    // in a fresh process: this one loaded the server's modules when it started, and they may have changed since
    if (EXPLAIN && url) {
      const ex = spawn(process.execPath, ['--import', 'tsx', process.argv[1], '--explain', 'only', '--engine', ENGINE, '--database-url', url], {
        stdio: 'inherit',
      });
      await new Promise((res) => ex.once('exit', res));
    } else if (EXPLAIN) log('(--explain is for PostgreSQL only)');
  } finally {
    if (child) {
      child.kill('SIGTERM');
      await new Promise((res) => child!.once('exit', res));
    }
    await drop();
  }
}

/** "… $1 … $2 …" with its values as an Sql fragment (for PGlite, which the loader reaches through the app's interface). */
function positional(text: string, values: unknown[]): Sql {
  const parts = text.split(/\$(\d+)/);
  return new Sql(
    parts.filter((_, i) => i % 2 === 0),
    parts.filter((_, i) => i % 2 === 1).map((n) => values[Number(n) - 1]),
  );
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
