-- The catalog version: one counter per company, bumped by triggers in the
-- same transaction as every change to what the storefront catalog shows
-- (a product inserted, updated or deleted — including stock taken by an
-- order — and a price override set or removed). Caches of catalog pages are
-- valid while the version they were built at is the current one, in every
-- process that shares the database.
--
-- No foreign key to companies: the triggers also fire for rows deleted by a
-- company's cascade, and must not fail that delete.
CREATE TABLE catalog_versions (
    company_id TEXT PRIMARY KEY,
    version    INTEGER NOT NULL
);
INSERT INTO catalog_versions (company_id, version) SELECT id, 1 FROM companies;

CREATE TRIGGER products_version_insert AFTER INSERT ON products BEGIN
    INSERT INTO catalog_versions (company_id, version) VALUES (NEW.company_id, 1)
        ON CONFLICT (company_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER products_version_update AFTER UPDATE ON products BEGIN
    INSERT INTO catalog_versions (company_id, version) VALUES (NEW.company_id, 1)
        ON CONFLICT (company_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER products_version_delete AFTER DELETE ON products BEGIN
    INSERT INTO catalog_versions (company_id, version) VALUES (OLD.company_id, 1)
        ON CONFLICT (company_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER price_overrides_version_insert AFTER INSERT ON price_overrides BEGIN
    INSERT INTO catalog_versions (company_id, version) VALUES (NEW.company_id, 1)
        ON CONFLICT (company_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER price_overrides_version_update AFTER UPDATE ON price_overrides BEGIN
    INSERT INTO catalog_versions (company_id, version) VALUES (NEW.company_id, 1)
        ON CONFLICT (company_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER price_overrides_version_delete AFTER DELETE ON price_overrides BEGIN
    INSERT INTO catalog_versions (company_id, version) VALUES (OLD.company_id, 1)
        ON CONFLICT (company_id) DO UPDATE SET version = version + 1;
END;
