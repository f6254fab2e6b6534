/** HTTP routes of the market's vocabulary: tech fields and the synonym list. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { mayEditVocabulary } from '../policy.ts';
import { z } from 'zod';
import { errorResponses, PUBLIC, SESSION } from '../../../platform/http/contract.ts';
import { requireAllowed } from '../../auth/index.ts';
import type { VocabularyService } from './service.ts';
import {
  SynonymGroupView,
  SynonymInput,
  SynonymListView,
  SynonymParams,
  TechFieldInput,
  TechFieldListView,
  TechFieldParams,
  TechFieldView,
} from './schemas.ts';

const tags = ['reference'];

export async function vocabularyRoutes(app: FastifyInstance, opts: { vocabulary: VocabularyService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opts.vocabulary;
  r.get(
    '/api/v1/tech-fields',
    {
      schema: {
        operationId: 'listTechFields',
        tags,
        summary: '学科与产业领域 Disciplines and industry fields',
        security: PUBLIC,
        response: { 200: TechFieldListView },
      },
    },
    async () => ({ items: await svc.fields() }),
  );
  r.put(
    '/api/v1/tech-fields/:code',
    {
      schema: {
        operationId: 'renameTechField',
        tags,
        summary: '修改领域名称 Rename a field (city admin)',
        security: SESSION,
        params: TechFieldParams,
        body: TechFieldInput,
        response: { 200: TechFieldView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.updateField(req.params.code, req.body, requireAllowed(req, mayEditVocabulary)),
  );
  r.get(
    '/api/v1/synonyms',
    {
      schema: {
        operationId: 'listSynonyms',
        tags,
        summary: '同义词表 The synonym list search expands queries with',
        security: PUBLIC,
        response: { 200: SynonymListView },
      },
    },
    async () => ({ items: await svc.synonyms() }),
  );
  r.post(
    '/api/v1/synonyms',
    {
      schema: {
        operationId: 'createSynonymGroup',
        tags,
        summary: '添加同义词组 Add a group (city admin)',
        security: SESSION,
        body: SynonymInput,
        response: { 201: SynonymGroupView, ...errorResponses(401, 403) },
      },
    },
    async (req, reply) => {
      const user = requireAllowed(req, mayEditVocabulary);
      reply.code(201);
      return svc.saveSynonyms(null, req.body.terms, user);
    },
  );
  r.put(
    '/api/v1/synonyms/:id',
    {
      schema: {
        operationId: 'updateSynonymGroup',
        tags,
        summary: '修改同义词组 Edit a group (city admin)',
        security: SESSION,
        params: SynonymParams,
        body: SynonymInput,
        response: { 200: SynonymGroupView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.saveSynonyms(req.params.id, req.body.terms, requireAllowed(req, mayEditVocabulary)),
  );
  r.delete(
    '/api/v1/synonyms/:id',
    {
      schema: {
        operationId: 'deleteSynonymGroup',
        tags,
        summary: '删除同义词组 Delete a group (city admin)',
        security: SESSION,
        params: SynonymParams,
        response: { 204: z.null().describe('已删除 Deleted (no body)'), ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await svc.deleteSynonyms(req.params.id, requireAllowed(req, mayEditVocabulary));
      return reply.code(204).send(null);
    },
  );
}
