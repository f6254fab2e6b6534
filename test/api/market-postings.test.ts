/**
 * The word → achievements lists matching probes by (achievement_postings, migration 0037): kept by the same
 * transactions that publish, edit and close achievements, they must always equal the lists computed afresh from
 * the table, and a demand's matches must follow them (a draft never found, an edit's new words found at once).
 * Achievements a bulk insert adds as published wait beside the lists (migration 0039) until a merge moves them in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { achievementInput, demandInput, orgWithMember, published } from '../helpers/market.ts';
import { sql } from '../../src/server/platform/db/sql.ts';
import { MatchRepository, SOURCES } from '../../src/server/modules/market/matching/repository.ts';

describe.each(engines())('achievement postings on %s', (engine) => {
  let t: TestApp;
  let lab: Awaited<ReturnType<typeof orgWithMember>>;
  let firm: Awaited<ReturnType<typeof orgWithMember>>;
  let demandId: number;
  beforeAll(async () => {
    t = await startApp(engine);
    lab = await orgWithMember(t, 'lab', { name: '重庆光电材料研究所', kinds: ['research_institute'], categories: ['rd', 'transfer'] });
    firm = await orgWithMember(t, 'firm', { name: '重庆钙钛矿光伏有限公司', kinds: ['enterprise'], categories: [], districtCode: '500112' });
    demandId = await published(
      t,
      'demands',
      firm.cookie,
      demandInput({ title: '钙钛矿组件封装技术需求', description: '我公司需要钙钛矿光伏组件的封装工艺，解决湿热老化问题。', industryCode: null }),
    );
  });
  afterAll(() => t.close());

  /** The lists as the triggers keep them, and as they follow from the achievements now. */
  async function lists() {
    const kept = await t.db.query<{ term: string; ids: string[] | null }>(
      sql`SELECT term, CASE WHEN bool_or(ids IS NULL) THEN NULL ELSE coalesce(array_agg(i) FILTER (WHERE i IS NOT NULL), '{}')::text[] END AS ids
          FROM achievement_postings LEFT JOIN LATERAL unnest(ids) i ON true GROUP BY term
          HAVING bool_or(ids IS NULL) OR count(i) > 0 ORDER BY term`,
    );
    const fresh = await t.db.query<{ term: string; ids: string[] }>(
      sql`SELECT t AS term, array_agg(a.id ORDER BY a.id)::text[] AS ids FROM achievements a, unnest(a.key_terms) t WHERE a.status = 'published' GROUP BY t ORDER BY t`,
    );
    const sorted = (ids: string[] | null) => (ids ? [...ids].sort((x, y) => Number(x) - Number(y)) : null);
    return { kept: kept.rows.map((r) => [r.term, sorted(r.ids)]), fresh: fresh.rows.map((r) => [r.term, r.ids]) };
  }
  const matched = async () => {
    const res = await t.request({ url: `/api/v1/demands/${demandId}/matches?kind=achievement`, headers: { cookie: firm.cookie } });
    expect(res.statusCode).toBe(200);
    return res.json().achievements.map((m: { id: number }) => m.id) as number[];
  };
  const create = async (over: Record<string, unknown>) => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/achievements',
      headers: { cookie: lab.cookie },
      body: achievementInput({ industryCode: null, ...over }),
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: number; version: number };
  };

  it('lists a published achievement under its words, never a draft, and follows edits and closing', async () => {
    const draft = await create({
      title: '钙钛矿组件边缘封装胶膜',
      abstract: '丁基胶边缘封装阻隔水汽，钙钛矿组件湿热老化一千小时效率保持九成。',
      keywords: ['钙钛矿', '封装'],
    });
    const shown = await published(
      t,
      'achievements',
      lab.cookie,
      achievementInput({
        industryCode: null,
        title: '钙钛矿光伏组件封装工艺',
        abstract: '原子层沉积阻隔层封装钙钛矿组件，通过湿热老化测试。',
        keywords: ['钙钛矿', '封装工艺'],
      }),
    );
    expect(await matched()).toEqual([shown]);
    let l = await lists();
    expect(l.kept).toEqual(l.fresh);
    expect(l.kept).toContainEqual(['钙钛矿', [String(shown)]]);

    const pub = await t.request({ method: 'POST', url: `/api/v1/achievements/${draft.id}/publish`, headers: { cookie: lab.cookie } });
    expect(pub.statusCode).toBe(200);
    expect((await matched()).sort()).toEqual([shown, draft.id].sort());

    // an edit that takes the demand's words out of the record takes the record out of their lists
    const now = (await t.request({ url: `/api/v1/achievements/${shown}`, headers: { cookie: lab.cookie } })).json();
    const edit = await t.request({
      method: 'PATCH',
      url: `/api/v1/achievements/${shown}`,
      headers: { cookie: lab.cookie },
      body: {
        version: now.version,
        title: '重庆小面调味料标准化生产工艺',
        abstract: '小面调料配方标准化与自动化灌装工艺，保质期延长至十二个月，适用于方便食品企业。',
        keywords: ['调味料'],
      },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(await matched()).toEqual([draft.id]);
    l = await lists();
    expect(l.kept).toEqual(l.fresh);
    expect(l.kept).toContainEqual(['调味料', [String(shown)]]);

    const close = await t.request({ method: 'POST', url: `/api/v1/achievements/${draft.id}/close`, headers: { cookie: lab.cookie } });
    expect(close.statusCode).toBe(200);
    expect(await matched()).toEqual([]);
    l = await lists();
    expect(l.kept).toEqual(l.fresh);
    expect(l.kept.find(([term]) => term === '钙钛矿')).toBeUndefined();
  });

  it('keeps a list in rows by ranges of ids; a bulk insert waits beside the lists until a merge moves it in', async () => {
    const insert = (from: number, n: number) =>
      t.db.query(sql`
        INSERT INTO achievements (id, owner_org_id, title, abstract, keywords, maturity, status, published_at, title_folded, title_pinyin, key_terms, search_document)
        SELECT i, ${lab.orgId}, '批量导入成果', '批量导入', '{}', 'pilot', 'published', now(), '批量导入成果', 'piliangdaoru', '{批量导入}', to_tsvector('simple', '批量导入')
        FROM generate_series(${from}::bigint, ${from + n - 1}::bigint) i`);
    // ids 16,300–16,749 in one statement (a bulk load), across the rows of ids below and from 16,384 (id >> 14)
    await insert(16_300, 450);
    for (let i = 0; i < 3; i++) await insert(40_000 + i, 1);
    const rows = async () =>
      (
        await t.db.query<{ bucket: number; n: number }>(
          sql`SELECT bucket, cardinality(ids) AS n FROM achievement_postings WHERE term = '批量导入' ORDER BY bucket`,
        )
      ).rows;
    const waiting = async () =>
      Number((await t.db.query<{ n: number }>(sql`SELECT coalesce(sum(cardinality(ids)), 0) AS n FROM achievement_postings_pending`)).rows[0].n);
    const repo = new MatchRepository(t.db);
    const probe = () => repo.candidatesByTerms([{ term: '批量导入', weight: 1, df: 453, probe: true }], SOURCES.achievements(), 500);
    // fewer than 8,000 wait: no list row yet, so rare-word probes do not find them yet (the server merges every 5 s)
    expect(await rows()).toEqual([]);
    expect(await waiting()).toBe(453);
    expect(await probe()).toEqual([]);
    // closing or editing one while it waits takes it out of the waiting list: an edited one goes into the lists as it is now
    await t.db.query(sql`UPDATE achievements SET status = 'closed' WHERE id = 16500`);
    await t.db.query(sql`UPDATE achievements SET key_terms = '{批量导出}' WHERE id = 16501`);
    expect(await waiting()).toBe(451);
    expect(await probe()).toEqual([]);
    expect((await lists()).kept).toContainEqual(['批量导出', ['16501']]);
    // the bulk statement's word statistics wait too (the single inserts' and the edit's are counted at once)
    const statistics = async () => {
      const kept = await t.db.query<{ term: string; df: number }>(
        sql`SELECT term, df FROM achievement_term_df WHERE term IN ('', '批量导入', '批量导出') ORDER BY term`,
      );
      const fresh = await t.db.query<{ n: number; a: number; b: number }>(
        sql`SELECT count(*) AS n, count(*) FILTER (WHERE '批量导入' = ANY(key_terms)) AS a, count(*) FILTER (WHERE '批量导出' = ANY(key_terms)) AS b FROM achievements`,
      );
      const f = fresh.rows[0];
      return {
        kept: kept.rows.map((r) => [r.term, Number(r.df)]),
        fresh: [
          ['', Number(f.n)],
          ['批量导入', Number(f.a)],
          ['批量导出', Number(f.b)],
        ],
      };
    };
    expect((await statistics()).kept).toContainEqual(['批量导入', 2]);
    expect(await repo.mergeWaitingPostings()).toBe(451);
    const counted = await statistics();
    expect(counted.kept).toEqual(counted.fresh);
    expect(await waiting()).toBe(0);
    expect(await rows()).toEqual([
      { bucket: 0, n: 84 },
      { bucket: 1, n: 364 },
      { bucket: 2, n: 3 },
    ]);
    let l = await lists();
    expect(l.kept).toEqual(l.fresh);
    expect(l.kept).toContainEqual(['批量导出', ['16501']]);
    // once in the lists, a closing takes the record out of its row
    await t.db.query(sql`UPDATE achievements SET status = 'closed' WHERE id = 16600`);
    expect(await rows()).toEqual([
      { bucket: 0, n: 84 },
      { bucket: 1, n: 363 },
      { bucket: 2, n: 3 },
    ]);
    l = await lists();
    expect(l.kept).toEqual(l.fresh);
    // a probe reads the rows in order, at most the ids asked
    expect((await probe()).length).toBe(450);
    expect(await repo.mergeWaitingPostings()).toBe(0);
  });

  it('loses no edit made while the lists take the waiting achievements, however the two interleave', async () => {
    await t.db.query(sql`
      INSERT INTO achievements (id, owner_org_id, title, abstract, keywords, maturity, status, published_at, title_folded, title_pinyin, key_terms, search_document)
      SELECT i, ${lab.orgId}, '并发导入成果', '并发导入', '{}', 'pilot', 'published', now(), '并发导入成果', 'bingfadaoru', '{并发导入}', to_tsvector('simple', '并发导入')
      FROM generate_series(60000::bigint, 60599::bigint) i`);
    const repo = new MatchRepository(t.db);
    // edits of waiting achievements (a new word, a closing) racing three merges, on as many connections as the pool has
    const edits = Array.from({ length: 24 }, (_, i) =>
      i % 3 === 0
        ? t.db.query(sql`UPDATE achievements SET status = 'closed' WHERE id = ${60000 + i * 20}`)
        : t.db.query(sql`UPDATE achievements SET key_terms = '{并发导入,并发改词}' WHERE id = ${60000 + i * 20}`),
    );
    const merged = await Promise.all([repo.mergeWaitingPostings(), ...edits, repo.mergeWaitingPostings(), repo.mergeWaitingPostings()]);
    await repo.mergeWaitingPostings();
    const moved = [merged[0], merged[25], merged[26]].map(Number);
    expect(moved.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(600);
    const l = await lists();
    expect(l.kept).toEqual(l.fresh);
    expect(l.kept.find(([term]) => term === '并发改词')?.[1]).toHaveLength(16);
  });

  it('drops the list of a word too common to keep one, and then probes that word through the text index', async () => {
    // 8,000 published achievements sharing a word, inserted as one statement as a bulk load would: as many as
    // may wait beside the lists, so that statement moves them in itself
    await t.db.query(sql`
      INSERT INTO achievements (owner_org_id, title, abstract, keywords, maturity, status, published_at, title_folded, title_pinyin, key_terms, search_document)
      SELECT ${lab.orgId}, '湿热老化试验 ' || i, '湿热老化', '{}', 'pilot', 'published', now(), '湿热老化试验', 'shirelaohua', '{湿热老化,试验批量}', to_tsvector('simple', '湿热老化 试验批量')
      FROM generate_series(1, 8000) i`);
    expect(Number((await t.db.query<{ n: number }>(sql`SELECT count(*) AS n FROM achievement_postings_pending`)).rows[0].n)).toBe(0);
    const { rows } = await t.db.query<{ ids: string[] | null }>(sql`SELECT bucket, ids::text[] AS ids FROM achievement_postings WHERE term = '湿热老化'`);
    expect(rows).toEqual([{ bucket: -1, ids: null }]);
    const l = await lists();
    expect(l.kept.filter(([, ids]) => ids !== null)).toEqual(l.fresh.filter(([term]) => term !== '湿热老化' && term !== '试验批量'));
    // a word without a list is still probed, through the text index; one no published record uses finds nothing
    const repo = new MatchRepository(t.db);
    const probe = (term: string) => repo.candidatesByTerms([{ term, weight: 1, df: 8000, probe: true }], SOURCES.achievements(), 20);
    expect((await probe('湿热老化')).length).toBe(20);
    expect(await probe('丁基胶')).toEqual([]);
  });
});
