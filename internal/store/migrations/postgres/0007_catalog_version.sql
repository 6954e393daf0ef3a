-- The catalog version: one counter per company, bumped by triggers in the
-- same transaction as every change to what the storefront catalog shows
-- (a product inserted, updated or deleted — including stock taken by an
-- order — and a price override set or removed). Caches of catalog pages are
-- valid while the version they were built at is the current one, in every
-- process that shares the database.
--
-- The triggers are deferred to commit and bump once per transaction
-- (bumped_by holds the transaction id): the row is locked only at the very
-- end, after every other lock the transaction takes, so it cannot take part
-- in a deadlock, and a 10,000-row import updates it once.
--
-- No foreign key to companies: the triggers also fire for rows deleted by a
-- company's cascade, and must not fail that delete.
CREATE TABLE catalog_versions (
    company_id TEXT PRIMARY KEY,
    version    BIGINT NOT NULL,
    bumped_by  BIGINT NOT NULL DEFAULT 0
);
INSERT INTO catalog_versions (company_id, version) SELECT id, 1 FROM companies;

CREATE FUNCTION bump_catalog_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cid TEXT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        cid := OLD.company_id;
    ELSE
        cid := NEW.company_id;
    END IF;
    INSERT INTO catalog_versions AS v (company_id, version, bumped_by) VALUES (cid, 1, txid_current())
        ON CONFLICT (company_id) DO UPDATE SET version = v.version + 1, bumped_by = excluded.bumped_by
        WHERE v.bumped_by <> excluded.bumped_by;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER products_version AFTER INSERT OR UPDATE OR DELETE ON products
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_catalog_version();
CREATE CONSTRAINT TRIGGER price_overrides_version AFTER INSERT OR UPDATE OR DELETE ON price_overrides
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_catalog_version();
