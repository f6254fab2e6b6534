/** HTTP routes of matching: a demand's matches, an achievement's, and feedback on one result. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { mayGiveMatchFeedback } from '../policy.ts';
import { errorResponses, SESSION } from '../../../platform/http/contract.ts';
import { requestLocale } from '../../../platform/http/i18n.ts';
import { requireAllowed, requireUser } from '../../auth/index.ts';
import { IdParams } from '../schemas.ts';
import type { MatchService } from './service.ts';
import type { MatchPresenter } from './presenter.ts';
import { AchievementMatchesView, DemandMatchesQuery, DemandMatchesView, FeedbackInput, FeedbackResultView } from './schemas.ts';

export async function matchRoutes(app: FastifyInstance, opts: { matches: MatchService; presenter: MatchPresenter }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { matches, presenter } = opts;

  r.get(
    '/api/v1/demands/:id/matches',
    {
      schema: {
        operationId: 'listDemandMatches',
        tags: ['demands'],
        summary: '供需匹配 Achievements, experts, providers and instruments for a demand, with reasons (its organization)',
        security: SESSION,
        params: IdParams,
        querystring: DemandMatchesQuery,
        response: { 200: DemandMatchesView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) =>
      presenter.present(await matches.forDemand(req.params.id, requireUser(req), req.query.kind ? [req.query.kind] : undefined), requestLocale(req)),
  );

  r.get(
    '/api/v1/achievements/:id/matches',
    {
      schema: {
        operationId: 'listAchievementMatches',
        tags: ['achievements'],
        summary: '匹配的需求与企业 Demands and enterprises this achievement fits (editors)',
        security: SESSION,
        params: IdParams,
        response: { 200: AchievementMatchesView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => presenter.present(await matches.forAchievement(req.params.id, requireUser(req)), requestLocale(req)),
  );

  r.post(
    '/api/v1/matches/feedback',
    {
      schema: {
        operationId: 'rateMatch',
        tags: ['demands'],
        summary: '匹配反馈 Relevant / not relevant / contacted (null withdraws); returns the new ranking of that kind',
        security: SESSION,
        body: FeedbackInput,
        response: { 200: FeedbackResultView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireAllowed(req, mayGiveMatchFeedback);
      return presenter.present({ items: await matches.feedback(req.body, user) }, requestLocale(req));
    },
  );
}
