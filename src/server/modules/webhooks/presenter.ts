/** What a caller sees: never the secret (only at creation and rotation), reasons and errors in their language. */
import { translate, type Locale } from '../../platform/http/i18n.ts';
import type { AttemptRow, DeliveryRow, SubscriptionRow } from './repository.ts';
import { EVENT_CATALOGUE } from './policy.ts';

export const eventName = (type: string, locale: Locale) => translate(locale, `webhooks.event.${type}`);

export function presentEventTypes(types: string[], locale: Locale) {
  return types.map((type) => ({
    type,
    name: eventName(type, locale),
    description: translate(locale, EVENT_CATALOGUE[type].length ? 'webhooks.eventAbout' : 'webhooks.eventAdminOnly'),
  }));
}

export function presentWebhook(r: SubscriptionRow, locale: Locale) {
  return {
    id: r.id,
    orgId: r.org_id == null ? null : Number(r.org_id),
    url: r.url,
    eventTypes: r.event_types,
    status: r.status,
    pausedReason: r.paused_reason ? translate(locale, `webhooks.paused.${r.paused_reason}`) : null,
    pausedAt: r.paused_at,
    consecutiveFailures: r.consecutive_failures,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** An attempt's error is stored as `code` or `code:detail` (sender.ts); a user reads its sentence. */
function attemptError(error: string | null, locale: Locale): string | null {
  if (!error) return null;
  const [code, ...rest] = error.split(':');
  return translate(locale, `webhooks.attempt.${code}`, { detail: rest.join(':') });
}

export function presentDelivery(d: DeliveryRow, attempts: AttemptRow[], locale: Locale) {
  return {
    id: d.id,
    eventId: d.event_id,
    eventType: d.event_type,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? d.next_attempt_at : null,
    lastStatusCode: d.last_status_code,
    createdAt: d.created_at,
    attemptLog: attempts.map((a) => ({
      id: a.id,
      attemptedAt: a.attempted_at,
      statusCode: a.status_code,
      responseExcerpt: a.response_excerpt,
      durationMs: a.duration_ms,
      error: attemptError(a.error, locale),
    })),
  };
}
