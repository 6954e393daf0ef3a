-- Storefront carts, staff notifications and the webhook outbox.
CREATE TABLE cart_items (
    company_id  TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    holder      TEXT NOT NULL, -- '' for the primary account holder, else the contact id
    product_id  TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    quantity    BIGINT NOT NULL CHECK (quantity > 0),
    added_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (company_id, customer_id, holder, product_id)
);

CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type       TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    link       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    read_at    TIMESTAMPTZ
);
CREATE INDEX notifications_user ON notifications (company_id, user_id, id);

CREATE TABLE webhook_outbox (
    id         TEXT PRIMARY KEY,
    company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    event      TEXT NOT NULL,
    payload    TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhook_outbox_company ON webhook_outbox (company_id, id);
