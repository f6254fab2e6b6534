/** Shapes of the webhooks API: subscriptions, the secret (shown once), deliveries with their attempts. */
import { z } from 'zod';
import { IdParam } from '../../platform/http/fields.ts';
import { Timestamp } from '../../platform/http/contract.ts';
import { issue, labelled } from '../../platform/http/validation.ts';
import { EVENT_TYPES } from './policy.ts';

export const WEBHOOK_STATUSES = ['active', 'paused'] as const;
export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

export const EventType = z
  .enum(EVENT_TYPES as [string, ...string[]])
  .meta({ id: 'WebhookEventKind', description: 'an event type (GET /api/v1/webhooks/event-types names them)' });

const Url = labelled(
  z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .superRefine((v, ctx) => {
      if (!URL.canParse(v)) issue(ctx, 'webhooks.url.invalid');
    }),
  'webhooks.label.url',
);
const EventTypes = labelled(z.array(EventType).min(1).max(EVENT_TYPES.length), 'webhooks.label.eventTypes');

export const WebhookInput = z.object({ url: Url, eventTypes: EventTypes });
export const WebhookPatch = z.object({
  url: Url.optional(),
  eventTypes: EventTypes.optional(),
  status: labelled(z.enum(WEBHOOK_STATUSES), 'webhooks.label.status').optional(),
});
export type WebhookInput = z.infer<typeof WebhookInput>;
export type WebhookPatch = z.infer<typeof WebhookPatch>;

export const WebhookView = z
  .object({
    id: z.number().int(),
    orgId: z.number().int().nullable().meta({ description: 'the organization it belongs to; null: the platform (administrators)' }),
    url: z.string(),
    eventTypes: z.array(EventType),
    status: z.enum(WEBHOOK_STATUSES),
    pausedReason: z.string().nullable(),
    pausedAt: Timestamp.nullable(),
    consecutiveFailures: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Webhook' });
export const WebhookListView = z.object({ items: z.array(WebhookView) });
export const SecretView = z.object({ secret: z.string().meta({ description: 'the signing secret; shown only now' }) });
export const WebhookCreatedView = z.object({ webhook: WebhookView, secret: z.string() });

export const EventTypeView = z.object({ type: EventType, name: z.string(), description: z.string() }).meta({ id: 'WebhookEventType' });
export const EventTypeListView = z.object({ items: z.array(EventTypeView) });

export const AttemptView = z.object({
  id: z.number().int(),
  attemptedAt: Timestamp,
  statusCode: z.number().int().nullable(),
  responseExcerpt: z.string().nullable().meta({ description: 'the first 2 KB of the answer' }),
  durationMs: z.number().int(),
  error: z.string().nullable(),
});
export const DeliveryView = z
  .object({
    id: z.number().int(),
    eventId: z.number().int(),
    eventType: EventType,
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: Timestamp.nullable().meta({ description: 'when the next attempt is due; null unless pending' }),
    lastStatusCode: z.number().int().nullable(),
    createdAt: Timestamp,
    attemptLog: z.array(AttemptView).meta({ description: 'newest first' }),
  })
  .meta({ id: 'WebhookDelivery' });
export const DeliveryListView = z.object({ items: z.array(DeliveryView) });

export const WebhookParams = z.object({ id: IdParam });
export const DeliveryParams = z.object({ id: IdParam, deliveryId: IdParam });
