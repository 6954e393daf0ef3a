-- Customers, contacts, addresses, price overrides, setup links, storefront
-- sessions and sign-in identities; orders and their lines.
CREATE TABLE customers (
    id                TEXT PRIMARY KEY,
    company_id        TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    email             TEXT NOT NULL,
    name              TEXT,
    password_hash     TEXT,
    status            TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'BLOCKED')),
    notes             TEXT,
    credit_limit      INTEGER CHECK (credit_limit >= 0),
    tax_rate_override INTEGER CHECK (tax_rate_override BETWEEN 0 AND 30000),
    email_verified    BOOLEAN NOT NULL DEFAULT FALSE,
    search_text       TEXT NOT NULL,
    sort_name         TEXT NOT NULL,
    order_count       INTEGER NOT NULL DEFAULT 0,
    total_spent       INTEGER NOT NULL DEFAULT 0,
    last_order_at     TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00+00:00',
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    CONSTRAINT customers_company_email_key UNIQUE (company_id, email)
);
CREATE INDEX customers_company_id ON customers (company_id, id);
CREATE INDEX customers_company_status ON customers (company_id, status, id);
-- Searches scan this narrow index instead of the table.
CREATE INDEX customers_company_search ON customers (company_id, search_text, id);
CREATE INDEX customers_company_name ON customers (company_id, sort_name, id);
CREATE INDEX customers_company_spent ON customers (company_id, total_spent, id);
CREATE INDEX customers_company_orders ON customers (company_id, order_count, id);
CREATE INDEX customers_company_last_order ON customers (company_id, last_order_at, id);

-- Every e-mail that can sign in at a company's storefront: customers'
-- primary e-mails and contacts'. The primary key makes them unique together.
CREATE TABLE sign_in_identities (
    company_id  TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    contact_id  TEXT,
    PRIMARY KEY (company_id, email)
);
CREATE INDEX sign_in_identities_customer ON sign_in_identities (customer_id);

CREATE TABLE customer_contacts (
    id             TEXT PRIMARY KEY,
    company_id     TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    customer_id    TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    email          TEXT NOT NULL,
    name           TEXT,
    role           TEXT NOT NULL CHECK (role IN ('ADMIN', 'BUYER', 'VIEWER')),
    is_active      BOOLEAN NOT NULL DEFAULT TRUE,
    password_hash  TEXT,
    email_verified BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    CONSTRAINT customer_contacts_company_email_key UNIQUE (company_id, email)
);
CREATE INDEX customer_contacts_customer ON customer_contacts (company_id, customer_id, id);

CREATE TABLE customer_addresses (
    id          TEXT PRIMARY KEY,
    company_id  TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    label       TEXT NOT NULL DEFAULT '',
    line1       TEXT NOT NULL,
    line2       TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL,
    region      TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL,
    is_default  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX customer_addresses_customer ON customer_addresses (company_id, customer_id, id);

CREATE TABLE price_overrides (
    company_id  TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    product_id  TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    price       INTEGER NOT NULL CHECK (price >= 0),
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (customer_id, product_id)
);
CREATE INDEX price_overrides_company ON price_overrides (company_id, customer_id);
CREATE INDEX price_overrides_product ON price_overrides (product_id);

CREATE TABLE setup_links (
    id          TEXT PRIMARY KEY,
    company_id  TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    contact_id  TEXT REFERENCES customer_contacts (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP,
    cancelled_at TIMESTAMP
);
CREATE INDEX setup_links_account ON setup_links (company_id, customer_id, contact_id);

CREATE TABLE customer_sessions (
    token_hash  TEXT PRIMARY KEY,
    company_id  TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    contact_id  TEXT REFERENCES customer_contacts (id) ON DELETE CASCADE,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    ended       TEXT -- why the session was ended early (BLOCKED), shown once at sign-in
);
CREATE INDEX customer_sessions_customer ON customer_sessions (company_id, customer_id);
CREATE INDEX customer_sessions_contact ON customer_sessions (contact_id);
CREATE INDEX customer_sessions_expires ON customer_sessions (expires_at);

CREATE TABLE order_numbers (
    company_id  TEXT PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    last_number INTEGER NOT NULL
);

CREATE TABLE orders (
    id              TEXT PRIMARY KEY,
    company_id      TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    number          INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('SUBMITTED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
    customer_id     TEXT REFERENCES customers (id) ON DELETE RESTRICT,
    customer_email  TEXT NOT NULL DEFAULT '',
    customer_name   TEXT NOT NULL DEFAULT '',
    placed_by_type  TEXT NOT NULL CHECK (placed_by_type IN ('CUSTOMER', 'CONTACT', 'STAFF', 'API')),
    placed_by_id    TEXT,
    placed_by_label TEXT NOT NULL,
    po_number       TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    ship_label      TEXT NOT NULL DEFAULT '',
    ship_line1      TEXT NOT NULL DEFAULT '',
    ship_line2      TEXT NOT NULL DEFAULT '',
    ship_city       TEXT NOT NULL DEFAULT '',
    ship_region     TEXT NOT NULL DEFAULT '',
    ship_postal     TEXT NOT NULL DEFAULT '',
    ship_country    TEXT NOT NULL DEFAULT '',
    subtotal        INTEGER NOT NULL,
    tax             INTEGER NOT NULL,
    tax_rate        INTEGER NOT NULL,
    shipping        INTEGER NOT NULL,
    total           INTEGER NOT NULL,
    search_text     TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    CONSTRAINT orders_company_number_key UNIQUE (company_id, number)
);
CREATE INDEX orders_company_id ON orders (company_id, id);
CREATE INDEX orders_company_customer ON orders (company_id, customer_id, id);
CREATE INDEX orders_company_status ON orders (company_id, status, id DESC);
CREATE INDEX orders_company_total ON orders (company_id, total, id);
CREATE INDEX orders_company_search ON orders (company_id, search_text, id);

CREATE TABLE order_items (
    id           TEXT PRIMARY KEY,
    company_id   TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    order_id     TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    product_id   TEXT NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
    product_name TEXT NOT NULL,
    product_sku  TEXT NOT NULL DEFAULT '',
    quantity     INTEGER NOT NULL CHECK (quantity > 0),
    unit_price   INTEGER NOT NULL CHECK (unit_price >= 0),
    line_total   INTEGER NOT NULL
);
CREATE INDEX order_items_order ON order_items (order_id, position);
CREATE INDEX order_items_product ON order_items (product_id);
