/** Webhooks' queries and writes: the event types the caller may subscribe to, subscriptions, deliveries. */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

export type Webhook = Schemas['Webhook'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type WebhookEventType = Schemas['WebhookEventType'];
export type WebhookEventKind = Schemas['WebhookEventKind'];
export type WebhookBody = paths['/api/v1/webhooks']['post']['requestBody']['content']['application/json'];
export type WebhookPatch = paths['/api/v1/webhooks/{id}']['patch']['requestBody']['content']['application/json'];

export const webhookKeys = {
  all: ['webhooks'] as const,
  deliveries: (id: number) => ['webhooks', 'deliveries', id] as const,
};

/** The names come in the caller's language, so the language is part of the key (switching asks again). */
export const eventTypesQuery = (lang: string) =>
  queryOptions({
    queryKey: ['webhooks', 'event-types', lang],
    queryFn: async () => (await unwrap(api.GET('/api/v1/webhooks/event-types'))).items,
    staleTime: Infinity,
  });

export const webhooksQuery = queryOptions({
  queryKey: [...webhookKeys.all, 'list'],
  queryFn: async () => (await unwrap(api.GET('/api/v1/webhooks'))).items,
});

export const deliveriesQuery = (id: number) =>
  queryOptions({
    queryKey: webhookKeys.deliveries(id),
    queryFn: async () => (await unwrap(api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id } } }))).items,
    // while a delivery waits to be sent, the log looks again now and then, so its outcome appears without a reload
    refetchInterval: (q) => (q.state.data?.some((d) => d.status === 'pending') ? 3000 : false),
  });

export const createWebhook = (body: WebhookBody) => unwrap(api.POST('/api/v1/webhooks', { body }));
export const updateWebhook = (id: number, body: WebhookPatch) => unwrap(api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id } }, body }));
export const deleteWebhook = (id: number) => unwrap(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } }));
export const rotateSecret = (id: number) => unwrap(api.POST('/api/v1/webhooks/{id}/rotate-secret', { params: { path: { id } } }));
export const redeliver = (id: number, deliveryId: number) =>
  unwrap(api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', { params: { path: { id, deliveryId } } }));
