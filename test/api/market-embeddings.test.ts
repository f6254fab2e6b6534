import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { achievementInput, demandInput, orgWithMember, published } from '../helpers/market.ts';
import { conceptVector, startEmbeddingsServer, type EmbeddingsServer } from '../helpers/embeddings-server.ts';
import { EmbeddingError, HttpEmbeddingProvider, cosine, unit } from '../../src/server/platform/text/embeddings.ts';
import { loadConfig } from '../../src/server/config.ts';

type MatchJson = { id: number; reasons: string[]; breakdown: Record<string, number> };

describe('the HTTP embedding provider against a real /v1/embeddings server', () => {
  let server: EmbeddingsServer;
  beforeAll(async () => {
    server = await startEmbeddingsServer();
  });
  afterAll(() => server.close());

  it('sends the model and key, puts vectors back in order by index, batches long lists, and returns unit vectors', async () => {
    const p = new HttpEmbeddingProvider({ url: server.url, model: 'm1', apiKey: 'sk-1', timeoutMs: 2000 });
    const texts = Array.from({ length: 40 }, (_, i) => (i % 2 ? `锂电池热失控 ${i}` : `隧道结构监测 ${i}`));
    server.requests.length = 0;
    const vectors = await p.embed(texts);
    expect(server.requests.map((r) => r.input.length)).toEqual([32, 8]);
    expect(server.requests.every((r) => r.model === 'm1' && r.authorization === 'Bearer sk-1')).toBe(true);
    expect(vectors).toHaveLength(40);
    vectors.forEach((v, i) => expect(cosine(v, unit(conceptVector(texts[i])))).toBeCloseTo(1, 5));
    expect(Math.hypot(...vectors[0])).toBeCloseTo(1, 5);
  });

  it('reports a failing or an absent server as an EmbeddingError naming the endpoint', async () => {
    const p = new HttpEmbeddingProvider({ url: server.url, model: 'm1', timeoutMs: 2000 });
    server.failWith = 503;
    await expect(p.embed(['x'])).rejects.toThrow(new RegExp(`${server.url}/v1/embeddings: HTTP 503`));
    server.failWith = null;
    const gone = new HttpEmbeddingProvider({ url: 'http://127.0.0.1:9/v1/embeddings', model: 'm1', timeoutMs: 2000 });
    await expect(gone.embed(['x'])).rejects.toBeInstanceOf(EmbeddingError);
  });

  it('is off unless EMBEDDINGS_URL is set, and refuses a URL that is not http(s)', () => {
    expect(loadConfig({ DEMO: 'false' }).embeddings).toBeNull();
    expect(loadConfig({ DEMO: 'false', EMBEDDINGS_URL: 'http://10.0.0.5:8080/' }).embeddings).toMatchObject({ url: 'http://10.0.0.5:8080', model: 'bge-m3' });
    expect(() => loadConfig({ DEMO: 'false', EMBEDDINGS_URL: 'ftp://10.0.0.5' })).toThrow(/EMBEDDINGS_URL/);
  });
});

describe.each(engines())('matching ranked also by an embedding model (EMBEDDINGS_URL) on %s', (engine) => {
  let t: TestApp;
  let server: EmbeddingsServer;
  let firm: Awaited<ReturnType<typeof orgWithMember>>;
  let lab: Awaited<ReturnType<typeof orgWithMember>>;
  const ids: Record<string, number> = {};
  const matches = async (demandId: number, lang = 'zh-CN') => {
    const res = await t.request({ url: `/api/v1/demands/${demandId}/matches?kind=achievement`, headers: { cookie: firm.cookie }, lang });
    expect(res.statusCode).toBe(200);
    return res.json().achievements as MatchJson[];
  };
  beforeAll(async () => {
    server = await startEmbeddingsServer();
    t = await startApp(engine, { EMBEDDINGS_URL: server.url, EMBEDDINGS_MODEL: 'test-embed', EMBEDDINGS_API_KEY: 'sk-test' });
    lab = await orgWithMember(t, 'lab', { name: '重庆储能安全研究院', kinds: ['research_institute'], categories: ['rd'] });
    firm = await orgWithMember(t, 'firm', { name: '重庆长川储能科技有限公司', kinds: ['enterprise'], categories: [] });
    const a = (title: string, abstract: string, keywords: string[]) =>
      published(t, 'achievements', lab.cookie, achievementInput({ title, abstract, keywords, industryCode: null, disciplineCode: 'engineering' }));
    // both share only 监测 with the demand below; one is about the demand's subject in other words
    ids.battery = await a('锂离子电池热失控监测系统', '对锂电池组的温度与电压进行在线监测，在热失控发生前发出信号。', ['锂电池', '热失控', '监测']);
    ids.tunnel = await a('隧道结构健康监测系统', '对山地城市隧道衬砌的裂缝与沉降进行长期监测，评估结构安全。', ['隧道', '结构健康', '监测']);
    ids.noodle = await a('重庆小面调味料标准化生产工艺', '小面调料配方标准化与自动化灌装工艺，保质期延长至十二个月。', ['调味料', '食品加工']);
  });
  afterAll(async () => {
    await t.close();
    await server.close();
  });

  it('gives a result close in meaning points and a reason in zh-CN and en, and none to one that only shares a word', async () => {
    const demandId = await published(
      t,
      'demands',
      firm.cookie,
      demandInput({ title: '储能电芯过热监测', description: '我公司运营储能电站，需要对电芯过热进行监测，提前发现起火风险。', industryCode: null }),
    );
    const zh = await matches(demandId);
    const battery = zh.find((m) => m.id === ids.battery)!;
    const tunnel = zh.find((m) => m.id === ids.tunnel)!;
    expect(battery.breakdown.semantic).toBeGreaterThan(15);
    expect(battery.reasons.some((r) => /^内容语义相近（语义模型相似度 0\.\d\d）$/.test(r))).toBe(true);
    expect(tunnel.breakdown.semantic).toBe(0);
    expect(tunnel.reasons.join(' ')).not.toMatch(/语义/);
    expect(zh.findIndex((m) => m.id === ids.battery)).toBeLessThan(zh.findIndex((m) => m.id === ids.tunnel));
    expect(zh.some((m) => m.id === ids.noodle)).toBe(false);
    const en = await matches(demandId, 'en');
    expect(en.find((m) => m.id === ids.battery)!.reasons.some((r) => /^Close in meaning \(similarity 0\.\d\d by the language model\)$/.test(r))).toBe(true);

    // the model server saw the configured model and key, the demand's text and the candidates' texts
    expect(server.requests.every((r) => r.model === 'test-embed' && r.authorization === 'Bearer sk-test')).toBe(true);
    const sent = server.requests.flatMap((r) => r.input);
    expect(sent).toContain('储能电芯过热监测\n我公司运营储能电站，需要对电芯过热进行监测，提前发现起火风险。');
    expect(sent.some((x) => x.startsWith('锂离子电池热失控监测系统\n锂电池、热失控、监测\n'))).toBe(true);
  });

  it('embeds each record version once: asking again sends nothing, an edited record is embedded again alone', async () => {
    const demandId = await published(
      t,
      'demands',
      firm.cookie,
      demandInput({ title: '电芯热失控监测需求', description: '我公司需要在线监测储能电站电芯的温度变化，及早发现异常。', industryCode: null }),
    );
    await matches(demandId);
    const before = server.requests.length;
    await matches(demandId);
    expect(server.requests.length).toBe(before);

    const current = (await t.request({ url: `/api/v1/achievements/${ids.tunnel}`, headers: { cookie: lab.cookie } })).json();
    const edit = await t.request({
      method: 'PATCH',
      url: `/api/v1/achievements/${ids.tunnel}`,
      headers: { cookie: lab.cookie },
      body: { abstract: '对隧道衬砌裂缝进行长期监测，评估结构安全与沉降。', version: current.version },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    await matches(demandId);
    const again = server.requests.slice(before).flatMap((r) => r.input);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatch(/^隧道结构健康监测系统\n/);
  });

  it('matches without the model when its server fails, and leaves it alone for a while', async () => {
    server.failWith = 503;
    try {
      const demandId = await published(
        t,
        'demands',
        firm.cookie,
        demandInput({ title: '储能电芯温度监测', description: '我公司希望实时监测储能电芯温度，防止电站起火造成损失。', industryCode: null }),
      );
      const asked = server.requests.length;
      const found = await matches(demandId);
      expect(server.requests.length).toBe(asked + 1);
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((m) => !('semantic' in m.breakdown) && !m.reasons.some((r) => r.includes('语义')))).toBe(true);
      // within the back-off the server is not asked again: a match never waits on a server that is down
      await matches(demandId);
      expect(server.requests.length).toBe(asked + 1);
    } finally {
      server.failWith = null;
    }
  });
});
