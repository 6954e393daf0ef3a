-- The shopper version: one counter per customer, bumped by triggers in the
-- same transaction as every change to that customer's cart lines (any
-- holder's: added, quantity changed, removed, emptied by an order, removed
-- by a cascade) and addresses (added, edited, made the default, deleted).
-- It is read with the session, so a cache of what the cart beside the
-- catalog shows is valid while the shopper version (and the catalog
-- version, for prices and stock) it was built at are the current ones, in
-- every process that shares the database.
--
-- No foreign key to customers: the triggers also fire for rows deleted by a
-- customer's or company's cascade, and must not fail that delete.
CREATE TABLE shopper_versions (
    customer_id TEXT PRIMARY KEY,
    version     INTEGER NOT NULL
);

CREATE TRIGGER cart_items_version_insert AFTER INSERT ON cart_items BEGIN
    INSERT INTO shopper_versions (customer_id, version) VALUES (NEW.customer_id, 1)
        ON CONFLICT (customer_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER cart_items_version_update AFTER UPDATE ON cart_items BEGIN
    INSERT INTO shopper_versions (customer_id, version) VALUES (NEW.customer_id, 1)
        ON CONFLICT (customer_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER cart_items_version_delete AFTER DELETE ON cart_items BEGIN
    INSERT INTO shopper_versions (customer_id, version) VALUES (OLD.customer_id, 1)
        ON CONFLICT (customer_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER customer_addresses_version_insert AFTER INSERT ON customer_addresses BEGIN
    INSERT INTO shopper_versions (customer_id, version) VALUES (NEW.customer_id, 1)
        ON CONFLICT (customer_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER customer_addresses_version_update AFTER UPDATE ON customer_addresses BEGIN
    INSERT INTO shopper_versions (customer_id, version) VALUES (NEW.customer_id, 1)
        ON CONFLICT (customer_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER customer_addresses_version_delete AFTER DELETE ON customer_addresses BEGIN
    INSERT INTO shopper_versions (customer_id, version) VALUES (OLD.customer_id, 1)
        ON CONFLICT (customer_id) DO UPDATE SET version = version + 1;
END;
