-- REST API v1: keys, per-key request counters and idempotent POST replies.
CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    company_id   TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,          -- the key's first 12 characters, for display
    key_hash     TEXT NOT NULL UNIQUE,   -- hex SHA-256 of the whole key
    scopes       TEXT NOT NULL,          -- space-separated
    created_by   TEXT NOT NULL,          -- the staff user who made it
    creator_name TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ
);
CREATE INDEX api_keys_company ON api_keys (company_id, id);

CREATE TABLE api_rate_windows (
    key_id       TEXT NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    window_start BIGINT NOT NULL,        -- Unix seconds of the minute
    requests     BIGINT NOT NULL,
    PRIMARY KEY (key_id, window_start)
);

CREATE TABLE api_idempotency (
    key_id       TEXT NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    idem_key     TEXT NOT NULL,
    company_id   TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    request_hash TEXT NOT NULL,          -- SHA-256 of method, path and body
    status       INTEGER NOT NULL,       -- 0 while the first request runs
    content_type TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (key_id, idem_key)
);
CREATE INDEX api_idempotency_created ON api_idempotency (created_at);

-- Keyset lists of the API filter on these beside the id.
CREATE INDEX products_company_category_id ON products (company_id, category, id);
