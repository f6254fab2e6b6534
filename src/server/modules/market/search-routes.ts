/** HTTP routes of the cross-kind search, match feedback and the market's reference data. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth/index.ts';
import { requestLocale } from '../../platform/http/i18n.ts';
import { actorOf } from '../auth/index.ts';
import type { SearchService } from './search.ts';
import type { MatchService } from './match-service.ts';
import type { MatchPresenter } from './match-presenter.ts';
import type { MarketReference } from './reference.ts';
import { FeedbackInput, SearchQuery, SynonymInput, TechFieldInput } from './schemas.ts';

export async function searchRoutes(app: FastifyInstance, opts: { search: SearchService; matches: MatchService; presenter: MatchPresenter; reference: MarketReference }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: '综合搜索 Search achievements, demands, experts, organizations and instruments',
        description: 'Traditional/simplified and full-width folding, jieba segmentation, the synonym list, pinyin typo fallback. Returns the count of every kind (for tabs) and one kind’s page with highlighted segments.',
        querystring: SearchQuery,
      },
    },
    async (req) => opts.search.search(req.query),
  );
  r.post('/api/v1/matches/feedback', { schema: { tags: ['demands'], summary: '匹配反馈 Relevant / not relevant / contacted (null withdraws); returns the new ranking of that kind', body: FeedbackInput } }, async (req) => {
    const user = requireRole(req, 'org_member', 'admin');
    const items = await opts.matches.feedback(req.body, user);
    return opts.presenter.present({ items }, requestLocale(req));
  });

  const tags = ['reference'];
  r.get('/api/v1/tech-fields', { schema: { tags, summary: '学科与产业领域 Disciplines and industry fields' } }, async () => ({ items: await opts.reference.fields() }));
  r.put('/api/v1/tech-fields/:code', { schema: { tags, summary: '修改领域名称 Rename a field (city admin)', params: z.object({ code: z.string().max(32) }), body: TechFieldInput } }, async (req) =>
    opts.reference.updateField(req.params.code, req.body, actorOf(requireRole(req, 'admin'))),
  );
  r.get('/api/v1/synonyms', { schema: { tags, summary: '同义词表 The synonym list search expands queries with' } }, async () => ({ items: await opts.reference.synonyms() }));
  r.post('/api/v1/synonyms', { schema: { tags, summary: '添加同义词组 Add a group (city admin)', body: SynonymInput } }, async (req, reply) => {
    reply.code(201);
    return opts.reference.saveSynonyms(null, req.body.terms, actorOf(requireRole(req, 'admin')));
  });
  r.put('/api/v1/synonyms/:id', { schema: { tags, summary: '修改同义词组 Edit a group (city admin)', params: z.object({ id: z.coerce.number().int().positive() }), body: SynonymInput } }, async (req) =>
    opts.reference.saveSynonyms(req.params.id, req.body.terms, actorOf(requireRole(req, 'admin'))),
  );
  r.delete('/api/v1/synonyms/:id', { schema: { tags, summary: '删除同义词组 Delete a group (city admin)', params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req, reply) => {
    await opts.reference.deleteSynonyms(req.params.id, actorOf(requireRole(req, 'admin')));
    return reply.code(204).send();
  });
}
