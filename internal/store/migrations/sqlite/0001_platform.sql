-- Platform: companies, staff users, memberships, sessions, sign-in attempts, audit log.
CREATE TABLE companies (
    id                     TEXT PRIMARY KEY,
    name                   TEXT NOT NULL,
    slug                   TEXT NOT NULL,
    tax_rate               INTEGER NOT NULL DEFAULT 0,
    shipping_fee           INTEGER NOT NULL DEFAULT 0,
    return_window_days     INTEGER NOT NULL DEFAULT 30,
    limit_customers        INTEGER,
    limit_products         INTEGER,
    limit_seats            INTEGER,
    limit_orders_per_month INTEGER,
    created_at             TIMESTAMP NOT NULL,
    updated_at             TIMESTAMP NOT NULL,
    CONSTRAINT companies_slug_key UNIQUE (slug)
);

CREATE TABLE company_slugs (
    slug       TEXT PRIMARY KEY,
    company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX company_slugs_company ON company_slugs (company_id);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    email         TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE memberships (
    company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER')),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (company_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);
CREATE UNIQUE INDEX memberships_one_owner ON memberships (company_id) WHERE role = 'OWNER';

CREATE TABLE staff_sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company_id   TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL
);
CREATE INDEX staff_sessions_user ON staff_sessions (user_id);
CREATE INDEX staff_sessions_expires ON staff_sessions (expires_at);

-- Sign-in throttling per e-mail and scope ("staff", "store:<company id>").
CREATE TABLE login_throttle (
    scope        TEXT NOT NULL,
    email        TEXT NOT NULL,
    failures     INTEGER NOT NULL DEFAULT 0,
    window_start TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    PRIMARY KEY (scope, email)
);

CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    company_id  TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    created_at  TIMESTAMP NOT NULL,
    actor_type  TEXT NOT NULL CHECK (actor_type IN ('USER', 'CUSTOMER', 'SYSTEM')),
    actor_id    TEXT,
    actor_label TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   TEXT,
    details     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_company ON audit_log (company_id, id);
CREATE INDEX audit_log_company_action ON audit_log (company_id, action, id);
CREATE INDEX audit_log_company_entity ON audit_log (company_id, entity_type, id);
