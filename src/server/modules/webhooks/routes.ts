import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, OkView, SESSION } from '../../platform/http/contract.ts';
import { requestLocale } from '../../platform/http/i18n.ts';
import { requireUser } from '../auth/index.ts';
import { presentDelivery, presentEventTypes, presentWebhook } from './presenter.ts';
import {
  DeliveryListView,
  DeliveryParams,
  DeliveryView,
  EventTypeListView,
  SecretView,
  WebhookCreatedView,
  WebhookInput,
  WebhookListView,
  WebhookParams,
  WebhookPatch,
  WebhookView,
} from './schemas.ts';
import type { WebhookService } from './service.ts';

const tags = ['webhooks'];

export async function webhookRoutes(app: FastifyInstance, opts: { webhooks: WebhookService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { webhooks } = opts;
  r.get(
    '/api/v1/webhooks/event-types',
    {
      schema: {
        operationId: 'listWebhookEventTypes',
        tags,
        security: SESSION,
        summary: '可订阅的事件类型 Event types the caller may subscribe to',
        response: { 200: EventTypeListView, ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: presentEventTypes(webhooks.eventTypes(requireUser(req)), requestLocale(req)) }),
  );
  r.get(
    '/api/v1/webhooks',
    {
      schema: {
        operationId: 'listWebhooks',
        tags,
        security: SESSION,
        summary: 'Webhook 订阅列表 Webhook subscriptions',
        response: { 200: WebhookListView, ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: (await webhooks.list(requireUser(req))).map((w) => presentWebhook(w, requestLocale(req))) }),
  );
  r.post(
    '/api/v1/webhooks',
    {
      schema: {
        operationId: 'createWebhook',
        tags,
        security: SESSION,
        summary: '新建订阅（密钥仅此一次显示） Subscribe a URL (the secret is shown only now)',
        body: WebhookInput,
        response: { 201: WebhookCreatedView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const { row, secret } = await webhooks.create(req.body, requireUser(req), requestLocale(req));
      reply.code(201);
      return { webhook: presentWebhook(row, requestLocale(req)), secret };
    },
  );
  r.patch(
    '/api/v1/webhooks/:id',
    {
      schema: {
        operationId: 'updateWebhook',
        tags,
        security: SESSION,
        summary: '修改、暂停或恢复订阅 Change, pause or resume a subscription',
        params: WebhookParams,
        body: WebhookPatch,
        response: { 200: WebhookView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => presentWebhook(await webhooks.update(req.params.id, req.body, requireUser(req), requestLocale(req)), requestLocale(req)),
  );
  r.delete(
    '/api/v1/webhooks/:id',
    {
      schema: {
        operationId: 'deleteWebhook',
        tags,
        security: SESSION,
        summary: '删除订阅 Delete a subscription',
        params: WebhookParams,
        response: { 200: OkView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      await webhooks.remove(req.params.id, requireUser(req));
      return { ok: true as const };
    },
  );
  r.post(
    '/api/v1/webhooks/:id/rotate-secret',
    {
      schema: {
        operationId: 'rotateWebhookSecret',
        tags,
        security: SESSION,
        summary: '更换签名密钥 Rotate the signing secret (shown only now)',
        params: WebhookParams,
        response: { 200: SecretView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => ({ secret: await webhooks.rotateSecret(req.params.id, requireUser(req)) }),
  );
  r.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        operationId: 'listWebhookDeliveries',
        tags,
        security: SESSION,
        summary: '投递记录（最新在前） Deliveries, newest first, with their attempts',
        params: WebhookParams,
        response: { 200: DeliveryListView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => ({
      items: (await webhooks.deliveries(req.params.id, requireUser(req))).map((d) => presentDelivery(d.delivery, d.attempts, requestLocale(req))),
    }),
  );
  r.post(
    '/api/v1/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      schema: {
        operationId: 'redeliverWebhook',
        tags,
        security: SESSION,
        summary: '重新投递 Redeliver',
        params: DeliveryParams,
        response: { 200: DeliveryView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const d = await webhooks.redeliver(req.params.id, req.params.deliveryId, requireUser(req));
      return presentDelivery(d.delivery, d.attempts, requestLocale(req));
    },
  );
}
