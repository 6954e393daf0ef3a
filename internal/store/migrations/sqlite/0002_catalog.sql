-- Catalog: products; uploads kept for import previews.
CREATE TABLE products (
    id          TEXT PRIMARY KEY,
    company_id  TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    sku         TEXT,
    description TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL DEFAULT '',
    unit        TEXT NOT NULL DEFAULT 'each',
    price       INTEGER NOT NULL CHECK (price >= 0),
    stock       INTEGER NOT NULL CHECK (stock BETWEEN 0 AND 1000000000),
    is_active   BOOLEAN NOT NULL DEFAULT TRUE,
    image       TEXT,
    sort_name   TEXT NOT NULL,
    search_text TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    CONSTRAINT products_company_sku_key UNIQUE (company_id, sku)
);
CREATE INDEX products_company_name ON products (company_id, sort_name, id);
CREATE INDEX products_company_category ON products (company_id, category, sort_name, id);
CREATE INDEX products_company_price ON products (company_id, price, id);
CREATE INDEX products_company_stock ON products (company_id, stock, id);
CREATE INDEX products_company_created ON products (company_id, id);
-- The storefront: counts, category pills and the default order of active products.
CREATE INDEX products_company_active ON products (company_id, is_active, category, sort_name, id);
-- A narrow index for counting active products.
CREATE INDEX products_company_active_count ON products (company_id, is_active);
CREATE INDEX products_image ON products (image);

CREATE TABLE imports (
    id          TEXT PRIMARY KEY,
    company_id  TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    content     BLOB NOT NULL,
    overrides   TEXT NOT NULL DEFAULT '{}',
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    applied_at  TIMESTAMP,
    result      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX imports_company ON imports (company_id, kind, id);
CREATE INDEX imports_expires ON imports (expires_at);
