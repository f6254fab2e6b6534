/** HTTP route of the search across kinds (综合搜索). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PUBLIC } from '../../../platform/http/contract.ts';
import type { SearchService } from './service.ts';
import { SearchQuery, SearchResultView } from './schemas.ts';

export async function searchRoutes(app: FastifyInstance, opts: { search: SearchService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/search',
    {
      schema: {
        operationId: 'searchAll',
        tags: ['search'],
        summary: '综合搜索 Search achievements, demands, experts, organizations and instruments',
        description:
          'Traditional/simplified and full-width folding, jieba segmentation, the synonym list, pinyin typo fallback. Returns the count of every kind (for tabs) and one kind’s page with highlighted segments.',
        security: PUBLIC,
        querystring: SearchQuery,
        response: { 200: SearchResultView },
      },
    },
    async (req) => opts.search.search(req.query),
  );
}
