/** The indicator system's routes: schema in → service out. Reading is public (statistics are published). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireUser } from '../auth/index.ts';
import { errorResponses, PUBLIC, SESSION } from '../../platform/http/contract.ts';
import type { StatisticsService } from './service.ts';
import { HistoryView, IdParams, IndicatorInput, IndicatorList, IndicatorListQuery, IndicatorPatch, IndicatorView, ValueInput, ValueList } from './schemas.ts';

const tags = ['statistics'];

export async function indicatorRoutes(app: FastifyInstance, opts: { statistics: StatisticsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { statistics } = opts;

  r.get(
    '/api/v1/indicators',
    {
      schema: {
        operationId: 'listIndicators',
        tags,
        security: PUBLIC,
        summary: '指标体系 Every indicator with its targets, baselines, latest value and progress',
        description:
          'Indicators are keyed as the documents’ targets are: indicator, scope (chongqing, district:<code>, cluster:<id>) and category. ' +
          'latest says whether the figure was computed from the platform’s records, surveyed or entered; progress gives each target’s percentage ' +
          'and whether the figure is on the straight path from the baseline.',
        querystring: IndicatorListQuery,
        response: { 200: IndicatorList, ...errorResponses(400) },
      },
    },
    async (req) => {
      const items = await statistics.list(req.query);
      return { items, total: items.length };
    },
  );

  r.get(
    '/api/v1/indicators/:id',
    {
      schema: {
        operationId: 'getIndicator',
        tags,
        security: PUBLIC,
        summary: '指标 Indicator',
        params: IdParams,
        response: { 200: IndicatorView, ...errorResponses(404) },
      },
    },
    async (req) => statistics.get(req.params.id),
  );

  r.get(
    '/api/v1/indicators/:id/values',
    {
      schema: {
        operationId: 'listIndicatorValues',
        tags,
        security: PUBLIC,
        summary: '指标历期数值 The indicator’s values by period, oldest first (the trend)',
        params: IdParams,
        response: { 200: ValueList, ...errorResponses(404) },
      },
    },
    async (req) => ({ items: await statistics.values(req.params.id) }),
  );

  r.get(
    '/api/v1/indicators/:id/history',
    {
      schema: {
        operationId: 'getIndicatorHistory',
        tags,
        security: SESSION,
        summary: '指标修改记录 Changes to the indicator and the figures entered (offices)',
        params: IdParams,
        response: { 200: HistoryView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const indicator = await statistics.get(req.params.id);
      statistics.assertMayEdit(user, indicator.scope);
      return { items: await statistics.history(req.params.id) };
    },
  );

  r.post(
    '/api/v1/indicators',
    {
      schema: {
        operationId: 'createIndicator',
        tags,
        security: SESSION,
        summary: '新增指标 Add an indicator of an office’s own plan (city admin; a district admin for its district)',
        body: IndicatorInput,
        response: { 201: IndicatorView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const created = await statistics.create(req.body, requireUser(req));
      return reply.code(201).send(created);
    },
  );

  r.patch(
    '/api/v1/indicators/:id',
    {
      schema: {
        operationId: 'updateIndicator',
        tags,
        security: SESSION,
        summary: '修改指标 Change an indicator’s names, definition, unit, targets or baselines',
        params: IdParams,
        body: IndicatorPatch,
        response: { 200: IndicatorView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => statistics.update(req.params.id, req.body, requireUser(req)),
  );

  r.post(
    '/api/v1/indicators/:id/values',
    {
      schema: {
        operationId: 'enterIndicatorValue',
        tags,
        security: SESSION,
        summary: '填报指标数值 Enter the official figure of a period (not for computed indicators)',
        params: IdParams,
        body: ValueInput,
        response: { 200: IndicatorView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => statistics.enterValue(req.params.id, req.body, requireUser(req)),
  );
}
