import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { achievementInput, demandInput, orgWithMember, published } from '../helpers/market.ts';

type Seg = { text: string; hit: boolean };
const marked = (segs: Seg[]) => segs.filter((s) => s.hit).map((s) => s.text);

describe.each(engines())('achievements and demands on %s', (engine) => {
  let t: TestApp;
  let lab: Awaited<ReturnType<typeof orgWithMember>>;
  let firm: Awaited<ReturnType<typeof orgWithMember>>;
  beforeAll(async () => {
    t = await startApp(engine);
    lab = await orgWithMember(t, 'lab', { name: '重庆大学新能源材料研究院', kinds: ['university'], categories: ['rd', 'transfer'] });
    firm = await orgWithMember(t, 'firm', { name: '重庆长川动力电池有限公司', kinds: ['enterprise'], categories: [], districtCode: '500112' });
  });
  afterAll(() => t.close());

  it('keeps a draft to its organization, lets nobody else edit it, and publishes it with history', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/achievements',
      headers: { cookie: lab.cookie },
      body: achievementInput({ title: '钠离子电池正极材料量产工艺' }),
    });
    expect(created.statusCode).toBe(201);
    const a = created.json();
    expect(a).toMatchObject({ ownerOrgId: lab.orgId, status: 'draft', version: 1, ip: [{ type: 'invention', number: 'ZL202310123456.7' }] });
    expect((await t.request({ url: `/api/v1/achievements/${a.id}` })).statusCode).toBe(404);
    expect((await t.request({ url: `/api/v1/achievements/${a.id}`, headers: { cookie: firm.cookie } })).statusCode).toBe(404);
    const drafts = (cookie?: string) =>
      t
        .request({ url: '/api/v1/achievements?status=draft,in_review,published', ...(cookie ? { headers: { cookie } } : {}) })
        .then((r) => r.json().items.map((x: { id: number }) => x.id));
    expect(await drafts(lab.cookie)).toContain(a.id);
    expect(await drafts(firm.cookie)).not.toContain(a.id);
    expect(await drafts()).not.toContain(a.id);
    const foreign = await t.request({ method: 'PATCH', url: `/api/v1/achievements/${a.id}`, role: 'member', body: { title: '改成别人的' } });
    expect(foreign.statusCode).toBe(404); // a draft of another organization does not exist for them
    const pub = await t.request({ method: 'POST', url: `/api/v1/achievements/${a.id}/publish`, headers: { cookie: lab.cookie } });
    expect(pub.json()).toMatchObject({ status: 'published', version: 2 });
    const stillForeign = await t.request({
      method: 'PATCH',
      url: `/api/v1/achievements/${a.id}`,
      headers: { cookie: firm.cookie },
      body: { title: '改成别人的' },
    });
    expect(stillForeign.statusCode).toBe(403);
    expect(stillForeign.json().error.message).toContain('成果所属机构');
    const again = await t.request({ method: 'POST', url: `/api/v1/achievements/${a.id}/publish`, headers: { cookie: lab.cookie } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('当前状态为“已发布”，不能发布。');
    const stale = await t.request({ method: 'PATCH', url: `/api/v1/achievements/${a.id}`, headers: { cookie: lab.cookie }, body: { trl: 7, version: 1 } });
    expect(stale.statusCode).toBe(409);
    const edit = await t.request({ method: 'PATCH', url: `/api/v1/achievements/${a.id}`, headers: { cookie: lab.cookie }, body: { trl: 7, version: 2 } });
    expect(edit.json()).toMatchObject({ trl: 7, status: 'published', priceNegotiable: false, transferModes: ['license', 'joint_development'] });
    const history = await t.request({ url: `/api/v1/achievements/${a.id}/history`, headers: { cookie: lab.cookie } });
    expect(history.json().items.map((h: { action: string }) => h.action)).toEqual(['update', 'publish', 'create']);
  });

  it("lists filtered achievements most recently published first, an owner's drafts after them", async () => {
    const ids: number[] = [];
    for (const n of ['一', '二', '三'])
      ids.push(await published(t, 'achievements', lab.cookie, achievementInput({ title: `装备排序第${n}号成果`, industryCode: 'equipment' })));
    const res = await t.request({ url: '/api/v1/achievements?industry=equipment&pageSize=100' });
    expect(res.statusCode).toBe(200);
    const order = res
      .json()
      .items.map((x: { id: number }) => x.id)
      .filter((id: number) => ids.includes(id));
    expect(order).toEqual([...ids].reverse());
    // the owner's own list with its drafts: a draft has no publication date, and comes after the published ones
    const draft = await t.request({
      method: 'POST',
      url: '/api/v1/achievements',
      headers: { cookie: lab.cookie },
      body: achievementInput({ title: '装备排序草稿成果', industryCode: 'equipment' }),
    });
    expect(draft.statusCode).toBe(201);
    const mine = await t.request({ url: '/api/v1/achievements?industry=equipment&status=draft,published&pageSize=100', headers: { cookie: lab.cookie } });
    const withDraft = mine
      .json()
      .items.map((x: { id: number }) => x.id)
      .filter((id: number) => ids.includes(id) || id === draft.json().id);
    expect(withDraft).toEqual([...[...ids].reverse(), draft.json().id]);
  });

  it('refuses bad input field by field, in Chinese and English, and stores nothing', async () => {
    const before = (await t.request({ url: '/api/v1/achievements?status=draft,published', role: 'admin' })).json().total;
    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/achievements',
      headers: { cookie: lab.cookie },
      body: achievementInput({
        abstract: '太短',
        transferModes: [],
        priceMinFen: 500,
        priceMaxFen: 100,
        ip: [{ type: 'invention', number: '专利' }],
        industryCode: 'nope',
      }),
    });
    expect(bad.statusCode).toBe(400);
    const fields = Object.fromEntries(bad.json().error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(fields).toMatchObject({
      abstract: '成果简介至少 20 个字，请说明技术内容、创新点和应用场景。',
      transferModes: '请至少选择一种转化方式。',
      priceMaxFen: '最高报价不能低于最低报价。',
      'ip.0.number': '专利号或登记号格式不正确（示例：ZL202310123456.7、2023SR0123456）。',
    });
    const unknownField = await t.request({
      method: 'POST',
      url: '/api/v1/achievements',
      headers: { cookie: lab.cookie },
      lang: 'en',
      body: achievementInput({ industryCode: 'nope' }),
    });
    expect(unknownField.json().error.fields).toEqual([{ path: 'industryCode', message: 'Unknown industry field: nope.' }]);
    const noBudget = await t.request({
      method: 'POST',
      url: '/api/v1/demands',
      headers: { cookie: firm.cookie },
      lang: 'en',
      body: demandInput({ budgetFen: null, contactPhone: '12345' }),
    });
    expect(noBudget.json().error.fields).toEqual(
      expect.arrayContaining([
        { path: 'budgetFen', message: 'Budget: enter an amount, or choose "negotiable".' },
        { path: 'contactPhone', message: expect.stringContaining('phone number') },
      ]),
    );
    expect((await t.request({ url: '/api/v1/achievements?status=draft,published', role: 'admin' })).json().total).toBe(before);
  });

  it('names every field by its label in the caller’s language, never in zod’s words', async () => {
    const post = (lang: 'zh-CN' | 'en', body: Record<string, unknown>) =>
      t.request({ method: 'POST', url: '/api/v1/achievements', headers: { cookie: lab.cookie }, lang, body });
    const zh = (await post('zh-CN', achievementInput({ title: '电池' }))).json().error.fields;
    expect(zh).toEqual([{ path: 'title', message: '「成果名称」至少 4 个字（现有 2 个）。' }]);
    const en = (await post('en', achievementInput({ title: '电池' }))).json().error.fields;
    expect(en).toEqual([{ path: 'title', message: 'Title needs at least 4 characters (has 2).' }]);
    // other checks zod makes: a wrong option, a number out of range, a wrong type, in a list and a query
    const many = await post('zh-CN', achievementInput({ maturity: 'beta', trl: 12, keywords: ['x'.repeat(41)], priceNegotiable: 'yes' }));
    const demandQuery = await t.request({ url: '/api/v1/demands?cooperationMode=gift&pageSize=500', lang: 'en' });
    for (const res of [many, demandQuery]) {
      expect(res.statusCode).toBe(400);
      for (const f of res.json().error.fields) {
        expect(f.message).not.toContain('{');
        expect(f.message).not.toContain('期望');
        expect(f.message).not.toMatch(/expected|Invalid/);
      }
    }
    expect(Object.fromEntries(many.json().error.fields.map((f: { path: string; message: string }) => [f.path, f.message]))).toMatchObject({
      maturity: expect.stringContaining('「成熟度」'),
      trl: '「技术就绪度」不能大于 9。',
      'keywords.0': expect.stringContaining('「关键词」'),
      priceNegotiable: expect.stringContaining('「价格面议」'),
    });
    expect(demandQuery.json().error.fields.map((f: { path: string; message: string }) => f.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Cooperation modes /), 'Page size cannot be more than 100.']),
    );
  });

  it('finds achievements in simplified and traditional characters, with synonyms and highlighted matches', async () => {
    const id = await published(
      t,
      'achievements',
      lab.cookie,
      achievementInput({
        title: '基于人工智能的电池健康状态预测系统',
        keywords: ['人工智能', '电池管理'],
        abstract: '利用深度学习模型预测动力电池健康状态和剩余寿命，预测误差小于百分之二，已在新能源汽车电池管理系统中应用。',
      }),
    );
    const simplified = (await t.request({ url: `/api/v1/achievements?q=${encodeURIComponent('电池健康状态')}` })).json();
    const traditional = (await t.request({ url: `/api/v1/achievements?q=${encodeURIComponent('電池健康狀態')}` })).json();
    expect(simplified.items[0].id).toBe(id);
    expect(traditional.items.map((a: { id: number }) => a.id)).toEqual(simplified.items.map((a: { id: number }) => a.id));
    // the record's own characters are marked, whatever script the query used
    expect(marked(traditional.items[0].highlight.title).join('')).toContain('电池健康状态');
    // facets count the matches: every match has one maturity, and may offer several transfer modes
    const battery = (await t.request({ url: `/api/v1/achievements?q=${encodeURIComponent('电池')}&pageSize=1` })).json();
    expect(battery.items).toHaveLength(1);
    expect(battery.facets.maturity.reduce((n: number, f: { count: number }) => n + f.count, 0)).toBe(battery.total);
    expect(battery.facets.transferMode.find((f: { code: string }) => f.code === 'license').count).toBe(battery.total);
    const pilots = (await t.request({ url: `/api/v1/achievements?q=${encodeURIComponent('电池')}&maturity=pilot` })).json();
    expect(pilots.total).toBe(battery.facets.maturity.find((f: { code: string }) => f.code === 'pilot').count);
    const ai = (await t.request({ url: '/api/v1/achievements?q=AI' })).json();
    expect(ai.items.map((a: { id: number }) => a.id)).toContain(id);
    expect(marked(ai.items.find((a: { id: number }) => a.id === id).highlight.title)).toContain('人工智能');
    const fullWidth = (await t.request({ url: `/api/v1/achievements?q=${encodeURIComponent('ＡＩ 电池')}` })).json();
    expect(fullWidth.items.map((a: { id: number }) => a.id)).toContain(id);
  });

  it('lets admins edit the synonym list, which the search uses at once', async () => {
    const id = await published(
      t,
      'achievements',
      lab.cookie,
      achievementInput({
        title: '农业无人机精准施药控制技术',
        keywords: ['植保', '施药'],
        abstract: '面向丘陵山区的植保无人机变量施药控制方法，药液利用率提高百分之三十，适合柑橘和茶园。',
      }),
    );
    const before = (await t.request({ url: `/api/v1/achievements?q=${encodeURIComponent('飞防')}` })).json();
    expect(before.total).toBe(0);
    const denied = await t.request({ method: 'POST', url: '/api/v1/synonyms', headers: { cookie: lab.cookie }, body: { terms: ['植保', '飞防'] } });
    expect(denied.statusCode).toBe(403);
    const tooFew = await t.request({ method: 'POST', url: '/api/v1/synonyms', role: 'admin', body: { terms: ['飞防', '飛防'] } });
    expect(tooFew.json().error.fields).toEqual([{ path: 'terms', message: '同义词组至少包含两个不同的词。' }]); // one word in two scripts
    const added = await t.request({ method: 'POST', url: '/api/v1/synonyms', role: 'admin', body: { terms: ['植保', '飛防'] } });
    expect(added.statusCode).toBe(201);
    expect(added.json().terms).toEqual(['植保', '飞防']);
    const after = (await t.request({ url: `/api/v1/achievements?q=${encodeURIComponent('飞防')}` })).json();
    expect(after.items.map((a: { id: number }) => a.id)).toEqual([id]);
    await t.request({ method: 'DELETE', url: `/api/v1/synonyms/${added.json().id}`, role: 'admin' });
    expect((await t.request({ url: `/api/v1/achievements?q=${encodeURIComponent('飞防')}` })).json().total).toBe(0);
  });

  it('tolerates an input-method typo in a title', async () => {
    const id = await published(
      t,
      'achievements',
      lab.cookie,
      achievementInput({
        title: '柔性钙钛矿太阳能电池',
        keywords: ['钙钛矿'],
        abstract: '一种可弯折的钙钛矿薄膜太阳能电池，光电转换效率百分之二十一，适用于建筑一体化光伏。',
      }),
    );
    const typo = (await t.request({ url: `/api/v1/achievements?q=${encodeURIComponent('盖钛矿太阳能')}` })).json();
    expect(typo.fuzzy).toBe(true);
    expect(typo.items[0].id).toBe(id);
    expect(typo.total).toBeGreaterThanOrEqual(1);
    const maturity = achievementInput({}).maturity;
    expect(typo.facets.maturity).toContainEqual({ code: maturity, count: expect.any(Number) });
    // real words that only a filter ruled out are not a typo: an empty list, not the near matches
    // (here a title that sounds the same) that happen to pass the filter
    const other = ['research', 'small_pilot', 'pilot', 'industrial'].find((m) => m !== maturity)!;
    await published(
      t,
      'achievements',
      lab.cookie,
      achievementInput({
        title: '高效盖钛矿太阳能组件',
        maturity: other,
        keywords: ['组件'],
        abstract: '一种太阳能组件的层压封装工艺，提高组件在湿热环境下的可靠性，适合屋顶电站。',
      }),
    );
    const filtered = (await t.request({ url: `/api/v1/achievements?q=${encodeURIComponent('钙钛矿太阳能')}&maturity=${other}` })).json();
    expect(filtered).toMatchObject({ total: 0, fuzzy: false, items: [] });
  });

  it('shows a demand’s contact person and phone to signed-in users only', async () => {
    const id = await published(t, 'demands', firm.cookie, demandInput({ title: '电池包结构轻量化设计需求' }));
    const anonymous = await t.request({ url: `/api/v1/demands/${id}` });
    expect(anonymous.json()).toMatchObject({ contactName: null, contactPhone: null, contactHidden: true, districtCode: '500112' });
    expect(anonymous.body).not.toContain('李工');
    const signedIn = (await t.request({ url: `/api/v1/demands/${id}`, headers: { cookie: lab.cookie } })).json();
    expect(signedIn).toMatchObject({ contactName: '李工', contactPhone: '13812345678', contactHidden: false });
    const listed = await t.request({ url: `/api/v1/demands?q=${encodeURIComponent('輕量化')}` });
    expect(listed.json().items[0]).toMatchObject({ id, contactName: null, contactPhone: null, contactHidden: true });
    expect(listed.body).not.toContain('李工');
    expect((await t.request({ url: `/api/v1/demands?q=${encodeURIComponent('輕量化')}`, headers: { cookie: lab.cookie } })).json().items[0]).toMatchObject({
      id,
      contactName: '李工',
    });
    // nor does the search across kinds carry it
    expect((await t.request({ url: `/api/v1/search?q=${encodeURIComponent('轻量化')}` })).body).not.toContain('李工');
  });

  it('searches every kind at once, with the count of each for the tabs', async () => {
    await t.request({
      method: 'POST',
      url: '/api/v1/experts',
      role: 'admin',
      body: { name: '王储能', title: '教授', fields: ['energy'], keywords: ['固态电池', '储能材料'], biography: '长期从事锂电池固态电解质研究。' },
    });
    const res = (await t.request({ url: `/api/v1/search?q=${encodeURIComponent('固態電池')}` })).json();
    expect(res.counts.achievement).toBeGreaterThanOrEqual(1);
    expect(res.counts.expert).toBe(1);
    expect(res.kind).toBe('achievement');
    const experts = (await t.request({ url: `/api/v1/search?q=${encodeURIComponent('固態電池')}&kind=expert` })).json();
    expect(experts.items[0]).toMatchObject({ kind: 'expert', meta: { title: '教授' } });
    expect(marked(experts.items[0].snippet).join('')).toContain('固态电池');
    const empty = await t.request({ url: '/api/v1/search?q=' });
    expect(empty.json().error.fields).toEqual([{ path: 'query.q', message: '请输入搜索内容。' }]);
  });
});

describe.each(engines())('matching, feedback and alerts on %s', (engine) => {
  let t: TestApp;
  let lab: Awaited<ReturnType<typeof orgWithMember>>;
  let lab2: Awaited<ReturnType<typeof orgWithMember>>;
  let firm: Awaited<ReturnType<typeof orgWithMember>>;
  let demandId: number;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await startApp(engine);
    lab = await orgWithMember(t, 'lab', {
      name: '重庆大学新能源材料研究院',
      kinds: ['university'],
      categories: ['rd', 'transfer'],
      districtCode: '500106',
      description: '动力电池材料研发与技术转移',
    });
    lab2 = await orgWithMember(t, 'lab2', { name: '重庆理工大学材料学院', kinds: ['university'], categories: ['rd'], districtCode: '500112' });
    firm = await orgWithMember(t, 'firm', {
      name: '重庆长川动力电池有限公司',
      kinds: ['enterprise'],
      categories: [],
      districtCode: '500112',
      description: '新能源汽车动力电池包生产',
    });
    ids.solid = await published(t, 'achievements', lab.cookie, achievementInput());
    ids.flame = await published(
      t,
      'achievements',
      lab2.cookie,
      achievementInput({
        title: '锂电池阻燃电解液添加剂',
        abstract: '一种磷系阻燃添加剂，使锂电池电解液不可燃，针刺测试不起火，已完成小试。',
        keywords: ['阻燃', '电解液', '锂电池'],
        maturity: 'small_pilot',
        priceNegotiable: true,
        priceMinFen: null,
        priceMaxFen: null,
      }),
    );
    ids.noodle = await published(
      t,
      'achievements',
      lab2.cookie,
      achievementInput({
        title: '重庆小面调味料标准化生产工艺',
        abstract: '小面调料配方标准化与自动化灌装工艺，保质期延长至十二个月。',
        keywords: ['调味料', '食品加工'],
        industryCode: 'agrifood',
        disciplineCode: 'agriculture',
        maturity: 'industrial',
      }),
    );
    demandId = await published(t, 'demands', firm.cookie, demandInput());
  });
  afterAll(() => t.close());

  it('ranks achievements for a demand with reasons and a score breakdown, for the demand’s organization only', async () => {
    const res = await t.request({ url: `/api/v1/demands/${demandId}/matches`, headers: { cookie: firm.cookie } });
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.achievements.map((a: { id: number }) => a.id).slice(0, 2)).toEqual([ids.solid, ids.flame]);
    expect(m.achievements.map((a: { id: number }) => a.id)).not.toContain(ids.noodle);
    const top = m.achievements[0];
    expect(Object.keys(top.breakdown).sort()).toEqual(['district', 'feedback', 'field', 'maturity', 'price', 'terms', 'topic']);
    expect(top.breakdown).toMatchObject({ field: 10, maturity: 10, price: 10 });
    expect(top.sharedTerms).toEqual(expect.arrayContaining(['固态', '电解质', '动力电池']));
    expect(top.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^共同关键词：/),
        '同属“新能源与新型储能”领域',
        '成熟度中试，满足“中试”的要求',
        '报价 300 万元，在预算 800 万元以内',
      ]),
    );
    const flame = m.achievements[1];
    expect(flame.reasons).toEqual(expect.arrayContaining(['成熟度小试，比要求的“中试”低一档', '价格面议', '同在渝北区']));
    const english = (await t.request({ url: `/api/v1/demands/${demandId}/matches?kind=achievement`, headers: { cookie: firm.cookie }, lang: 'en' })).json();
    expect(english.achievements[0].reasons).toContain('Asks ¥3M, within the budget of ¥8M');
    const englishFlame = english.achievements.find((a: { id: number }) => a.id === ids.flame);
    expect(englishFlame.reasons).toContain('Same district: Yubei District');
    expect(m.terms.length).toBeGreaterThan(3);
    expect(m.providers.map((p: { title: string }) => p.title)).toContain('重庆大学新能源材料研究院');
    expect((await t.request({ url: `/api/v1/demands/${demandId}/matches`, headers: { cookie: lab.cookie } })).statusCode).toBe(403);
    expect((await t.request({ url: `/api/v1/demands/${demandId}/matches` })).statusCode).toBe(401);
  });

  it('learns from feedback: a result marked not relevant drops below, a relevant one rises', async () => {
    const before = (await t.request({ url: `/api/v1/demands/${demandId}/matches?kind=achievement`, headers: { cookie: firm.cookie } })).json();
    expect(before.achievements.map((a: { id: number }) => a.id).slice(0, 2)).toEqual([ids.solid, ids.flame]);
    const denied = await t.request({
      method: 'POST',
      url: '/api/v1/matches/feedback',
      headers: { cookie: lab.cookie },
      body: { demandId, kind: 'achievement', targetId: ids.solid, verdict: 'relevant' },
    });
    expect(denied.statusCode).toBe(403);
    const down = await t.request({
      method: 'POST',
      url: '/api/v1/matches/feedback',
      headers: { cookie: firm.cookie },
      body: { demandId, kind: 'achievement', targetId: ids.solid, verdict: 'not_relevant' },
    });
    expect(down.statusCode).toBe(200);
    const order = down.json().items.map((a: { id: number }) => a.id);
    expect(order.indexOf(ids.flame)).toBeLessThan(order.indexOf(ids.solid));
    const solid = down.json().items.find((a: { id: number }) => a.id === ids.solid);
    expect(solid).toMatchObject({ feedback: 'not_relevant', breakdown: { feedback: -60 } });
    expect(solid.reasons).toContain('您标记为不相关');
    const up = await t.request({
      method: 'POST',
      url: '/api/v1/matches/feedback',
      headers: { cookie: firm.cookie },
      body: { demandId, kind: 'achievement', targetId: ids.flame, verdict: 'contacted' },
    });
    expect(up.json().items[0]).toMatchObject({ id: ids.flame, feedback: 'contacted' });
    // the words shared only with the result marked not relevant weigh less now, those of the contacted one more
    const after = (await t.request({ url: `/api/v1/demands/${demandId}/matches?kind=achievement`, headers: { cookie: firm.cookie } })).json().terms;
    const weight = (terms: { term: string; weight: number }[], term: string) => terms.find((x) => x.term === term)?.weight ?? 0;
    const onlySolid = before.achievements[0].sharedTerms.filter((x: string) => !before.achievements[1].sharedTerms.includes(x));
    const onlyFlame = before.achievements[1].sharedTerms.filter((x: string) => !before.achievements[0].sharedTerms.includes(x));
    expect(onlySolid.length).toBeGreaterThan(0);
    expect(onlyFlame.length).toBeGreaterThan(0);
    for (const term of onlySolid) expect(weight(after, term)).toBeLessThan(weight(before.terms, term));
    for (const term of onlyFlame) expect(weight(after, term)).toBeGreaterThan(weight(before.terms, term));
    const withdrawn = await t.request({
      method: 'POST',
      url: '/api/v1/matches/feedback',
      headers: { cookie: firm.cookie },
      body: { demandId, kind: 'achievement', targetId: ids.solid, verdict: null },
    });
    expect(withdrawn.json().items.find((a: { id: number }) => a.id === ids.solid).feedback).toBeNull();
    const unknown = await t.request({
      method: 'POST',
      url: '/api/v1/matches/feedback',
      headers: { cookie: firm.cookie },
      body: { demandId, kind: 'expert', targetId: 999999, verdict: 'relevant' },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('ranks open demands and enterprises for an achievement', async () => {
    const res = (await t.request({ url: `/api/v1/achievements/${ids.solid}/matches`, headers: { cookie: lab.cookie } })).json();
    expect(res.demands[0]).toMatchObject({ id: demandId, kind: 'demand', subtitle: '重庆长川动力电池有限公司' });
    expect(res.enterprises.map((e: { title: string }) => e.title)).toContain('重庆长川动力电池有限公司');
  });

  it('tells the demand’s organization when a newly published achievement fits, once', async () => {
    const id = await published(
      t,
      'achievements',
      lab.cookie,
      achievementInput({
        title: '动力电池热失控预警与阻燃防护技术',
        keywords: ['热失控', '动力电池', '阻燃'],
        abstract: '基于多传感器融合的动力电池热失控早期预警方法，配合固态电解质和阻燃隔膜，针刺条件下不起火，已完成中试，可用于新能源汽车电池包。',
      }),
    );
    await t.services.events.drain();
    await t.services.events.drain();
    const mine = (await t.request({ url: '/api/v1/notifications', headers: { cookie: firm.cookie } })).json();
    const alert = mine.items.find((n: { kind: string }) => n.kind === 'market.match');
    expect(alert).toMatchObject({ link: `/demands/${demandId}?tab=achievement`, title: '新成果匹配您的需求' });
    expect(alert.body).toContain('动力电池热失控预警与阻燃防护技术');
    // closing and publishing it again does not repeat the alert
    await t.request({ method: 'POST', url: `/api/v1/achievements/${id}/close`, headers: { cookie: lab.cookie } });
    await t.request({ method: 'POST', url: `/api/v1/achievements/${id}/publish`, headers: { cookie: lab.cookie } });
    await t.services.events.drain();
    const again = (await t.request({ url: '/api/v1/notifications', headers: { cookie: firm.cookie } })).json();
    expect(
      again.items.filter((n: { kind: string; body: string }) => n.kind === 'market.match' && n.body.includes('动力电池热失控预警与阻燃防护技术')),
    ).toHaveLength(1);
    // the noodle seasoning, published before, did not fit the battery demand
    expect(again.items.some((n: { body: string }) => n.body.includes('小面'))).toBe(false);
    // the achievement's owner is not told about their own achievement
    const labs = (await t.request({ url: '/api/v1/notifications', headers: { cookie: lab.cookie } })).json();
    expect(labs.items.filter((n: { kind: string }) => n.kind === 'market.match')).toHaveLength(0);
  });
});

describe.each(engines())('experts and deals on %s', (engine) => {
  let t: TestApp;
  let lab: Awaited<ReturnType<typeof orgWithMember>>;
  let firm: Awaited<ReturnType<typeof orgWithMember>>;
  let other: Awaited<ReturnType<typeof orgWithMember>>;
  beforeAll(async () => {
    t = await startApp(engine);
    lab = await orgWithMember(t, 'lab', { name: '重庆大学新能源材料研究院', kinds: ['university'] });
    firm = await orgWithMember(t, 'firm', { name: '重庆长川动力电池有限公司', kinds: ['enterprise'] });
    other = await orgWithMember(t, 'other', { name: '重庆第三方科技有限公司', kinds: ['enterprise'] });
  });
  afterAll(() => t.close());

  it('shows an expert’s phone and email only to signed-in organization members, after the expert agreed', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/experts',
      headers: { cookie: lab.cookie },
      body: {
        name: '陈志远',
        title: '研究员',
        fields: ['energy', 'engineering'],
        keywords: ['固态电池'],
        techManagerGrade: 'senior',
        consulting: true,
        phone: '13900001111',
        email: 'chen@example.cn',
      },
    });
    expect(created.statusCode).toBe(201);
    const e = created.json();
    expect(e).toMatchObject({ isMe: true, contact: { phone: '13900001111', email: 'chen@example.cn' }, affiliation: '重庆大学新能源材料研究院' });
    const view = async (cookie?: string, role?: 'admin' | 'district') =>
      (await t.request({ url: `/api/v1/experts/${e.id}`, ...(cookie ? { headers: { cookie } } : {}), role })).json();
    expect(await view()).toMatchObject({ contact: null, contactHidden: 'no_consent' });
    expect(await view(firm.cookie)).toMatchObject({ contact: null, contactHidden: 'no_consent' });
    const byAdmin = await t.request({ method: 'PUT', url: `/api/v1/experts/${e.id}/consent`, role: 'admin', body: { contactVisible: true } });
    expect(byAdmin.statusCode).toBe(403);
    expect(byAdmin.json().error.message).toBe('只有专家本人可以决定是否公开联系方式。');
    const consent = await t.request({ method: 'PUT', url: `/api/v1/experts/${e.id}/consent`, headers: { cookie: lab.cookie }, body: { contactVisible: true } });
    expect(consent.json()).toMatchObject({ contactConsent: true });
    expect(await view(firm.cookie)).toMatchObject({ contact: { phone: '13900001111' }, contactHidden: null });
    expect(await view()).toMatchObject({ contact: null, contactHidden: 'sign_in' });
    expect(await view(undefined, 'district')).toMatchObject({ contact: null, contactHidden: 'sign_in' });
    const listed = (await t.request({ url: `/api/v1/experts?q=${encodeURIComponent('陳志遠')}` })).json();
    expect(listed.items[0]).toMatchObject({ id: e.id, contact: null });
    expect(JSON.stringify(listed)).not.toContain('13900001111');
    const history = (await t.request({ url: `/api/v1/experts/${e.id}/history`, role: 'admin' })).json();
    expect(history.items[0].action).toBe('consent');
    expect(JSON.stringify(history)).not.toContain('13900001111');
    const foreignEdit = await t.request({ method: 'PATCH', url: `/api/v1/experts/${e.id}`, headers: { cookie: firm.cookie }, body: { title: '教授' } });
    expect(foreignEdit.statusCode).toBe(403);
    const forOther = await t.request({ method: 'POST', url: '/api/v1/experts', headers: { cookie: firm.cookie }, body: { name: '别人', userId: 1 } });
    expect(forOther.statusCode).toBe(403);
    const badRefs = await t.request({
      method: 'POST',
      url: '/api/v1/experts',
      role: 'admin',
      body: { name: '李四', fields: ['energy', 'nope'], userId: 999999 },
    });
    expect(badRefs.json().error.fields).toEqual([
      { path: 'fields.1', message: '未知的领域：nope。' },
      { path: 'userId', message: '未找到编号为 999999 的账号。' },
    ]);
    const taken = await t.request({ method: 'POST', url: '/api/v1/experts', role: 'admin', body: { name: '陈志远二', userId: lab.userId } });
    expect(taken.json().error.fields).toEqual([{ path: 'userId', message: '该账号已关联其他专家。' }]);
  });

  it('runs a deal from inquiry through negotiation to agreement, visible only to the two sides', async () => {
    const achievementId = await published(t, 'achievements', lab.cookie, achievementInput());
    const own = await t.request({ method: 'POST', url: '/api/v1/deals', headers: { cookie: lab.cookie }, body: { achievementId, message: '自己问自己' } });
    expect(own.statusCode).toBe(409);
    const empty = await t.request({ method: 'POST', url: '/api/v1/deals', headers: { cookie: firm.cookie }, body: { achievementId, message: '' } });
    expect(empty.json().error.fields).toEqual([{ path: 'message', message: '请填写留言（至少 2 个字）。' }]);
    const opened = await t.request({
      method: 'POST',
      url: '/api/v1/deals',
      headers: { cookie: firm.cookie },
      body: { achievementId, message: '请问可以先小批量试用吗？' },
    });
    expect(opened.statusCode).toBe(201);
    const deal = opened.json();
    expect(deal).toMatchObject({
      kind: 'inquiry',
      status: 'inquiry',
      mySide: 'initiator',
      subject: { kind: 'achievement', id: achievementId },
      counterpart: { orgId: lab.orgId },
    });
    const second = await t.request({
      method: 'POST',
      url: '/api/v1/deals',
      headers: { cookie: firm.cookie },
      body: { achievementId, message: '补充：我们在渝北区。' },
    });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ id: deal.id, messages: [{ body: '请问可以先小批量试用吗？' }, { body: '补充：我们在渝北区。' }] });
    expect((await t.request({ url: `/api/v1/deals/${deal.id}`, headers: { cookie: other.cookie } })).statusCode).toBe(404);
    const early = await t.request({ method: 'POST', url: `/api/v1/deals/${deal.id}/agree`, headers: { cookie: firm.cookie } });
    expect(early.statusCode).toBe(409);
    const notice = (await t.request({ url: '/api/v1/notifications', headers: { cookie: lab.cookie } })).json();
    expect(notice.items.map((n: { kind: string; link: string }) => [n.kind, n.link])).toContainEqual(['deal.opened', `/deals/${deal.id}`]);
    const reply = await t.request({
      method: 'POST',
      url: `/api/v1/deals/${deal.id}/messages`,
      headers: { cookie: lab.cookie },
      body: { body: '可以，许可费按销售额提成。' },
    });
    expect(reply.json()).toMatchObject({ status: 'negotiating', mySide: 'counterpart' });
    expect(reply.json().messages.map((m: { side: string }) => m.side)).toEqual(['initiator', 'initiator', 'counterpart']);
    const one = (await t.request({ method: 'POST', url: `/api/v1/deals/${deal.id}/agree`, headers: { cookie: firm.cookie } })).json();
    expect(one).toMatchObject({ status: 'negotiating', agreedByInitiator: true, agreedByCounterpart: false });
    const both = (await t.request({ method: 'POST', url: `/api/v1/deals/${deal.id}/agree`, headers: { cookie: lab.cookie } })).json();
    expect(both).toMatchObject({ status: 'agreed' });
    const late = await t.request({ method: 'POST', url: `/api/v1/deals/${deal.id}/messages`, headers: { cookie: lab.cookie }, body: { body: '还有一件事' } });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('洽谈已达成一致，不能再操作。');
    const adminReads = await t.request({ url: `/api/v1/deals/${deal.id}`, role: 'admin' });
    expect(adminReads.json().mySide).toBeNull();
    const history = (await t.request({ url: `/api/v1/deals/${deal.id}/history`, headers: { cookie: firm.cookie } })).json();
    expect(history.items.map((h: { action: string }) => h.action)).toEqual(['agree', 'agree', 'reply', 'open']);
    const mine = (await t.request({ url: '/api/v1/deals', headers: { cookie: other.cookie } })).json();
    expect(mine.total).toBe(0);
  });

  it('lets either side withdraw an offer on a demand with a reason', async () => {
    const demandId = await published(t, 'demands', firm.cookie, demandInput());
    const offer = (
      await t.request({ method: 'POST', url: '/api/v1/deals', headers: { cookie: other.cookie }, body: { demandId, message: '我们有成熟的阻燃电解液方案。' } })
    ).json();
    expect(offer).toMatchObject({ kind: 'offer', counterpart: { orgId: firm.orgId } });
    const noReason = await t.request({ method: 'POST', url: `/api/v1/deals/${offer.id}/withdraw`, headers: { cookie: firm.cookie }, body: { reason: '' } });
    expect(noReason.statusCode).toBe(400);
    const withdrawn = (
      await t.request({ method: 'POST', url: `/api/v1/deals/${offer.id}/withdraw`, headers: { cookie: firm.cookie }, body: { reason: '已选定其他方案' } })
    ).json();
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawnReason: '已选定其他方案' });
    const told = (await t.request({ url: '/api/v1/notifications', headers: { cookie: other.cookie } })).json();
    expect(told.items[0]).toMatchObject({ kind: 'deal.withdrawn', body: expect.stringContaining('已选定其他方案') });
  });
});

describe.each(engines())('admin review on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(engine, { MARKET_REVIEW: 'true' });
  });
  afterAll(() => t.close());

  it('holds publication for a city admin, who approves or returns with a reason', async () => {
    const lab = await orgWithMember(t, 'lab', { name: '重庆大学新能源材料研究院', kinds: ['university'] });
    const id = (await t.request({ method: 'POST', url: '/api/v1/achievements', headers: { cookie: lab.cookie }, body: achievementInput() })).json().id;
    const submitted = (await t.request({ method: 'POST', url: `/api/v1/achievements/${id}/publish`, headers: { cookie: lab.cookie } })).json();
    expect(submitted.status).toBe('in_review');
    expect((await t.request({ url: `/api/v1/achievements/${id}` })).statusCode).toBe(404);
    const selfApprove = await t.request({ method: 'POST', url: `/api/v1/achievements/${id}/review`, headers: { cookie: lab.cookie }, body: { approve: true } });
    expect(selfApprove.statusCode).toBe(403);
    const noReason = await t.request({ method: 'POST', url: `/api/v1/achievements/${id}/review`, role: 'admin', body: { approve: false } });
    expect(noReason.json().error.fields).toEqual([{ path: 'reason', message: '退回时请填写理由。' }]);
    const returned = (
      await t.request({ method: 'POST', url: `/api/v1/achievements/${id}/review`, role: 'admin', body: { approve: false, reason: '请补充专利号' } })
    ).json();
    expect(returned).toMatchObject({ status: 'draft', reviewNote: '请补充专利号' });
    await t.request({ method: 'POST', url: `/api/v1/achievements/${id}/publish`, headers: { cookie: lab.cookie } });
    const approved = (await t.request({ method: 'POST', url: `/api/v1/achievements/${id}/review`, role: 'admin', body: { approve: true } })).json();
    expect(approved).toMatchObject({ status: 'published', reviewNote: null });
    expect((await t.request({ url: `/api/v1/achievements/${id}` })).statusCode).toBe(200);
  });
});

describe.each(engines())('a broad query on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(engine);
    const lab = await orgWithMember(t, 'lab', { name: '重庆光伏材料研究院', kinds: ['research_institute'] });
    // 1,100 published achievements mentioning 光伏, one in ten with it in the title, newest first by number
    await t.db.query(sql`
      INSERT INTO achievements (owner_org_id, title, abstract, maturity, status, published_at, title_folded, title_pinyin, search_document)
      SELECT ${lab.orgId}, t, '一种用于光伏组件的封装材料及其制备方法。', CASE WHEN g % 2 = 0 THEN 'pilot' ELSE 'research' END, 'published',
             now() - g * interval '1 minute', t, '', setweight(to_tsvector('simple', w), 'A') || to_tsvector('simple', '光伏 组件 封装 材料')
      FROM generate_series(1, 1100) g,
        LATERAL (SELECT CASE WHEN g % 10 = 0 THEN '光伏组件封装技术' || g ELSE '封装材料' || g END AS t, CASE WHEN g % 10 = 0 THEN '光伏 组件 封装 技术' ELSE '封装 材料' END AS w) x`);
    await t.db.query(sql`ANALYZE achievements`); // as autovacuum would: the search asks the planner how broad a query is
  });
  afterAll(() => t.close());

  it('answers with an estimated total, scaled facets and title matches first, newest first', async () => {
    const res = (await t.request({ url: `/api/v1/achievements?q=${encodeURIComponent('光伏')}&pageSize=5` })).json();
    expect(res.approximate).toBe(true);
    expect(res.total).toBeGreaterThan(1000);
    expect(res.items.map((a: { title: string }) => a.title)).toEqual([
      '光伏组件封装技术10',
      '光伏组件封装技术20',
      '光伏组件封装技术30',
      '光伏组件封装技术40',
      '光伏组件封装技术50',
    ]);
    const maturity = res.facets.maturity.reduce((n: number, f: { count: number }) => n + f.count, 0);
    expect(Math.abs(maturity - res.total)).toBeLessThanOrEqual(2);
    // past the title matches, the rest follow newest first
    const later = (await t.request({ url: `/api/v1/achievements?q=${encodeURIComponent('光伏')}&pageSize=5&page=23` })).json();
    expect(later.items.map((a: { title: string }) => a.title)).toEqual(['封装材料1', '封装材料2', '封装材料3', '封装材料4', '封装材料5']);
    const narrow = (await t.request({ url: `/api/v1/achievements?q=${encodeURIComponent('光伏组件封装技术1000')}` })).json();
    expect(narrow).toMatchObject({ approximate: false, total: 1 });
    const all = (await t.request({ url: `/api/v1/search?q=${encodeURIComponent('光伏')}&pageSize=3` })).json();
    expect(all.approximate).toEqual(['achievement']);
    expect(all.counts.achievement).toBe(res.total);
    expect(all.items[0].title.map((s: Seg) => s.text).join('')).toBe('光伏组件封装技术10');
  });
});
