import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { achievementInput, demandInput, orgWithMember, published } from '../helpers/market.ts';

type MatchJson = { id: number; reasons: string[]; breakdown: Record<string, number>; sharedTerms: string[] };

describe.each(engines())('matching by topic (related words of the best results) on %s', (engine) => {
  let t: TestApp;
  let firm: Awaited<ReturnType<typeof orgWithMember>>;
  const ids: Record<string, number> = {};
  let demandId: number;
  beforeAll(async () => {
    t = await startApp(engine);
    const lab = await orgWithMember(t, 'lab', { name: '重庆大学新能源材料研究院', kinds: ['university'], categories: ['rd', 'transfer'] });
    firm = await orgWithMember(t, 'firm', { name: '重庆长川动力电池有限公司', kinds: ['enterprise'], categories: [], districtCode: '500112' });
    const a = (title: string, abstract: string, keywords: string[]) =>
      published(t, 'achievements', lab.cookie, achievementInput({ title, abstract, keywords, industryCode: null, disciplineCode: 'engineering' }));
    ids.direct = await a('硫化物固态电解质界面改性方法', '针对固态电解质与正极界面阻抗高的问题，采用界面改性降低阻抗，循环寿命提升一倍。', [
      '固态电解质',
      '界面改性',
      '硫化物',
    ]);
    // neither shares a word of the demand below; each shares a keyword with the direct hit
    ids.sulfide = await a('硫化物材料空气稳定性提升工艺', '通过元素掺杂抑制硫化物材料遇水分解产生硫化氢，暴露空气后电导率保持九成。', ['硫化物', '空气稳定性']);
    ids.interface = await a('钠离子正极材料界面改性工艺', '采用原子层沉积包覆钠离子正极颗粒，界面改性后容量衰减显著减缓。', ['界面改性', '原子层沉积']);
    // of another discipline: the likely discipline's points need records outside it to tell apart (TUNING.likelyShare)
    ids.science = await published(
      t,
      'achievements',
      lab.cookie,
      achievementInput({
        title: '固态电解质离子输运的第一性原理计算',
        abstract: '以第一性原理计算固态电解质中锂离子的迁移势垒，给出掺杂元素的筛选规则。',
        keywords: ['第一性原理', '离子输运'],
        industryCode: null,
        disciplineCode: 'science',
      }),
    );
    ids.noodle = await a('重庆小面调味料标准化生产工艺', '小面调料配方标准化与自动化灌装工艺，保质期延长至十二个月。', ['调味料', '食品加工']);
    demandId = await published(
      t,
      'demands',
      firm.cookie,
      demandInput({ title: '固态电解质技术需求', description: '我公司需要一种固态电解质，用于锂电池，希望提高循环寿命。', industryCode: null }),
    );
  });
  afterAll(() => t.close());

  it('finds records that share only related words, and says which in zh-CN and en', async () => {
    const zh = (await t.request({ url: `/api/v1/demands/${demandId}/matches?kind=achievement`, headers: { cookie: firm.cookie } })).json();
    const found = zh.achievements.map((m: MatchJson) => m.id);
    expect(found[0]).toBe(ids.direct);
    expect(found).toEqual(expect.arrayContaining([ids.sulfide, ids.interface]));
    expect(found).not.toContain(ids.noodle);
    const sulfide = zh.achievements.find((m: MatchJson) => m.id === ids.sulfide);
    expect(sulfide.breakdown.terms).toBe(0);
    expect(sulfide.breakdown.topic).toBeGreaterThan(0);
    expect(sulfide.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^相近主题：.*硫化物/)]));
    expect(zh.achievements.find((m: MatchJson) => m.id === ids.interface).reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^相近主题：.*界面/)]),
    );
    // the direct hit is ranked by the demand's own words first
    expect(zh.achievements[0].reasons[0]).toMatch(/^共同关键词：.*固态/);
    const en = (await t.request({ url: `/api/v1/demands/${demandId}/matches?kind=achievement`, headers: { cookie: firm.cookie }, lang: 'en' })).json();
    expect(en.achievements.find((m: MatchJson) => m.id === ids.sulfide).reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Similar topic: .*硫化物/)]),
    );
  });

  it('ranks again from the new words when the demand changes (its first pass is kept per demand text)', async () => {
    const url = `/api/v1/demands/${demandId}/matches?kind=achievement`;
    const ids0 = (await t.request({ url, headers: { cookie: firm.cookie } })).json().achievements.map((m: MatchJson) => m.id);
    // asked again: the kept first pass gives the same ranking
    expect((await t.request({ url, headers: { cookie: firm.cookie } })).json().achievements.map((m: MatchJson) => m.id)).toEqual(ids0);
    const { version } = (await t.request({ url: `/api/v1/demands/${demandId}`, headers: { cookie: firm.cookie } })).json();
    const patch = (body: Record<string, unknown>) => t.request({ method: 'PATCH', url: `/api/v1/demands/${demandId}`, headers: { cookie: firm.cookie }, body });
    const edited = await patch({ title: '小面调味料标准化需求', description: '我公司需要调味料配方标准化与自动化灌装工艺，延长保质期。', version });
    expect(edited.statusCode).toBe(200);
    try {
      const after = (await t.request({ url, headers: { cookie: firm.cookie } })).json().achievements.map((m: MatchJson) => m.id);
      expect(ids0[0]).toBe(ids.direct);
      expect(after[0]).toBe(ids.noodle);
    } finally {
      const back = await patch({
        title: '固态电解质技术需求',
        description: '我公司需要一种固态电解质，用于锂电池，希望提高循环寿命。',
        version: edited.json().version,
      });
      expect(back.statusCode).toBe(200);
    }
    expect((await t.request({ url, headers: { cookie: firm.cookie } })).json().achievements.map((m: MatchJson) => m.id)).toEqual(ids0);
  });

  it('infers the likely discipline of a demand that gave none from its best results', async () => {
    const zh = (await t.request({ url: `/api/v1/demands/${demandId}/matches?kind=achievement`, headers: { cookie: firm.cookie } })).json();
    const top = zh.achievements[0];
    expect(top.reasons).toContain('需求看来属于“工学”领域，该成果也是');
    expect(top.breakdown.field).toBeGreaterThan(5);
    // the record of another discipline gets only what a field-less demand gives everyone
    const science = zh.achievements.find((m: MatchJson) => m.id === ids.science);
    expect(science.breakdown.field).toBe(5);
    expect(science.reasons.join(' ')).not.toMatch(/需求看来属于/);
  });
});
