-- Webhooks: subscriptions of an HTTPS URL to event types, and one delivery row per (subscription, event),
-- written by the `webhooks` outbox consumer in the event's delivery transaction, so each event becomes a
-- delivery exactly once. A worker claims due rows (FOR UPDATE SKIP LOCKED, then a lease on
-- next_attempt_at), so two app processes never send one delivery at once; each attempt is logged.
CREATE TABLE webhook_subscriptions (
  id                    bigserial PRIMARY KEY,
  org_id                bigint,                 -- null: the platform's own (city administrators'); else the organization's
  url                   text NOT NULL,
  secret                text NOT NULL,          -- kept to sign with (an HMAC key cannot be a hash); never shown again
  event_types           text[] NOT NULL,
  status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  paused_reason         text,
  paused_at             timestamptz,
  consecutive_failures  integer NOT NULL DEFAULT 0,
  created_by            bigint NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscriptions_org_idx ON webhook_subscriptions (org_id, id DESC);
CREATE INDEX webhook_subscriptions_active_idx ON webhook_subscriptions USING gin (event_types) WHERE status = 'active';

CREATE TABLE webhook_deliveries (
  id               bigserial PRIMARY KEY,
  subscription_id  bigint NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  event_id         bigint NOT NULL,
  event_type       text NOT NULL,
  body             text NOT NULL,             -- the exact bytes signed and sent, so a redelivery is the same body
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_status_code integer,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, id DESC);

CREATE TABLE webhook_attempts (
  id               bigserial PRIMARY KEY,
  delivery_id      bigint NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempted_at     timestamptz NOT NULL DEFAULT now(),
  status_code      integer,
  response_excerpt text,                      -- the first 2 KB of the answer
  duration_ms      integer NOT NULL,
  error            text
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, id DESC);
