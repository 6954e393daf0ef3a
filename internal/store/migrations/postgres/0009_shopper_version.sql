-- The shopper version: one counter per customer, bumped by triggers in the
-- same transaction as every change to that customer's cart lines (any
-- holder's: added, quantity changed, removed, emptied by an order, removed
-- by a cascade) and addresses (added, edited, made the default, deleted).
-- It is read with the session, so a cache of what the cart beside the
-- catalog shows is valid while the shopper version (and the catalog
-- version, for prices and stock) it was built at are the current ones, in
-- every process that shares the database.
--
-- As the catalog version's (0007), the triggers are deferred to commit and
-- bump once per transaction per customer (bumped_by holds the transaction
-- id): the row is locked only at the very end, after every other lock the
-- transaction takes, and an order that empties a long cart bumps it once.
--
-- No foreign key to customers: the triggers also fire for rows deleted by a
-- customer's or company's cascade, and must not fail that delete.
CREATE TABLE shopper_versions (
    customer_id TEXT PRIMARY KEY,
    version     BIGINT NOT NULL,
    bumped_by   BIGINT NOT NULL DEFAULT 0
);

CREATE FUNCTION bump_shopper_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cid TEXT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        cid := OLD.customer_id;
    ELSE
        cid := NEW.customer_id;
    END IF;
    INSERT INTO shopper_versions AS v (customer_id, version, bumped_by) VALUES (cid, 1, txid_current())
        ON CONFLICT (customer_id) DO UPDATE SET version = v.version + 1, bumped_by = excluded.bumped_by
        WHERE v.bumped_by <> excluded.bumped_by;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER cart_items_version AFTER INSERT OR UPDATE OR DELETE ON cart_items
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_shopper_version();
CREATE CONSTRAINT TRIGGER customer_addresses_version AFTER INSERT OR UPDATE OR DELETE ON customer_addresses
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_shopper_version();
