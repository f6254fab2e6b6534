/**
 * A word that matches more than EXACT_LIMIT organizations is answered in bounded work (issue 13): its total is
 * an estimate, said so (`approximate`), its page puts names holding the word first, its facets are a scaled
 * sample; a narrow word and a filtered broad word stay exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/server/platform/db/sql.ts';
import { EXACT_LIMIT } from '../../src/server/modules/directory/repository.ts';
import { engines, orgInput, startApp, uscc, type TestApp } from '../helpers/app.ts';

const CATEGORIES = ['testing', 'rd', 'transfer'];
const DISTRICTS = ['500103', '500104', '500105', '500106'];
const NAMED = 700; // with 检测 in the name
const DESCRIBED = 700; // with 检测 only in the description

describe.each(engines())('broad directory searches on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(engine);
    const inputs: ReturnType<typeof orgInput>[] = [];
    for (let i = 0; i < NAMED + DESCRIBED; i++) {
      const named = i < NAMED;
      inputs.push(
        orgInput({
          uscc: uscc(DISTRICTS[i % 4]),
          name: named ? `重庆宽${i}号检测技术有限公司` : `重庆宽${i}号工程技术有限公司`,
          description: named ? '提供计量校准服务' : '提供材料检测服务',
          categories: [CATEGORIES[i % 3]],
          districtCode: DISTRICTS[i % 4],
        }),
      );
    }
    for (let i = 0; i < inputs.length; i += 500)
      await t.db.transaction(async (tx) => void (await t.services.directory.repo.with(tx).insertMany(inputs.slice(i, i + 500) as never)));
    // what autovacuum does on a live server: the planner's estimate comes from these statistics
    await t.db.query(sql`ANALYZE orgs`);
  });
  afterAll(() => t.close());

  it('estimates the total of a broad word, says so, and lists the names holding it first', async () => {
    const res = await t.request({ url: `/api/v1/orgs?q=${encodeURIComponent('检测')}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.approximate).toBe(true);
    expect(body.facetsApproximate).toBe(true);
    expect(body.total).toBeGreaterThan(EXACT_LIMIT);
    // an estimate, but near the truth (1,400 and the member organization of the test app)
    expect(body.total).toBeGreaterThan(1000);
    expect(body.total).toBeLessThan(2500);
    expect(body.items).toHaveLength(20);
    for (const o of body.items) expect(o.name).toContain('检测');
    // scaled sample: every category and district is there, in proportion
    const cat = Object.fromEntries(body.facets.category.map((x: { code: string; count: number }) => [x.code, x.count]));
    for (const c of CATEGORIES) expect(cat[c]).toBeGreaterThan(body.total / 3 / 2);
    const sum = body.facets.district.reduce((n: number, x: { count: number }) => n + x.count, 0);
    expect(Math.abs(sum - body.total) / body.total).toBeLessThan(0.1);
  });

  it('pages through a broad word without repeating an organization', async () => {
    const seen = new Set<number>();
    for (const page of [1, 2, 3]) {
      const body = (await t.request({ url: `/api/v1/orgs?q=${encodeURIComponent('检测')}&page=${page}` })).json();
      for (const o of body.items) {
        expect(seen.has(o.id)).toBe(false);
        seen.add(o.id);
      }
    }
    expect(seen.size).toBe(60);
  });

  it('counts exactly when the filters leave few, and when the word is narrow', async () => {
    const filtered = (await t.request({ url: `/api/v1/orgs?q=${encodeURIComponent('检测')}&district=500104&category=rd` })).json();
    expect(filtered.approximate).toBe(false);
    const exact = (
      await t.db.query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM orgs WHERE district_code = '500104' AND 'rd' = ANY(categories) AND (name LIKE '%检测%' OR description LIKE '%检测%')`,
      )
    ).rows[0].n;
    expect(filtered.total).toBe(exact);
    const narrow = (await t.request({ url: `/api/v1/orgs?q=${encodeURIComponent('宽707号')}` })).json();
    expect(narrow.approximate).toBe(false);
    expect(narrow.facetsApproximate).toBe(false);
    expect(narrow.items.map((o: { name: string }) => o.name)).toContain('重庆宽707号工程技术有限公司');
  });
});
