-- Webhooks: a company's endpoints, one delivery per (event, endpoint) made in
-- the change's transaction from the outbox row, and every attempt.
CREATE TABLE webhook_endpoints (
    id                   TEXT PRIMARY KEY,
    company_id           TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    url                  TEXT NOT NULL,
    events               TEXT NOT NULL, -- space-separated event names
    is_active            BOOLEAN NOT NULL DEFAULT TRUE,
    secret               TEXT NOT NULL, -- whsec_…, kept as is: HMAC signing needs it
    previous_secret      TEXT,          -- still signs until previous_expires_at
    previous_expires_at  TIMESTAMPTZ,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhook_endpoints_company ON webhook_endpoints (company_id, id);

CREATE TABLE webhook_deliveries (
    id              TEXT PRIMARY KEY,
    company_id      TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    endpoint_id     TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id        TEXT NOT NULL REFERENCES webhook_outbox (id) ON DELETE CASCADE,
    event           TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    deadline        TIMESTAMPTZ NOT NULL, -- retries stop after this (the event's time + 24 h)
    claimed_until   TIMESTAMPTZ,          -- a worker's lease
    last_status     BIGINT,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (company_id, endpoint_id, id);
-- The worker's claim: pending deliveries by due time.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
-- The outbox clean-up (and the cascade from an outbox row) by event.
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);
-- The clean-up of finished deliveries.
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (updated_at) WHERE status <> 'pending';

CREATE TABLE webhook_attempts (
    id           TEXT PRIMARY KEY,
    company_id   TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    delivery_id  TEXT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempted_at TIMESTAMPTZ NOT NULL,
    status_code  BIGINT,
    response     TEXT NOT NULL DEFAULT '', -- the first 2000 characters
    error        TEXT NOT NULL DEFAULT '',
    duration_ms  BIGINT NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
