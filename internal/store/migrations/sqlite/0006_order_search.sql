-- Orders text search through a trigram index. The FTS5 table holds no copy
-- of the text (contentless, with deletes); its rowid is the integer key
-- order_search_keys gives each order, since orders have a text id (and the
-- implicit rowid of orders may change on VACUUM). Triggers keep both in
-- step with orders, also through ON DELETE CASCADE from companies. Matches
-- are candidates: the store checks search_text LIKE on the order itself, so
-- results stay exactly the substring matches they were.
CREATE TABLE order_search_keys (
    id       INTEGER PRIMARY KEY,
    order_id TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE order_search USING fts5(
    search_text,
    content = '',
    contentless_delete = 1,
    tokenize = 'trigram'
);

CREATE TRIGGER orders_search_insert AFTER INSERT ON orders BEGIN
    INSERT INTO order_search_keys (order_id) VALUES (new.id);
    INSERT INTO order_search (rowid, search_text)
        VALUES ((SELECT id FROM order_search_keys WHERE order_id = new.id), new.search_text);
END;

CREATE TRIGGER orders_search_update AFTER UPDATE OF search_text ON orders
WHEN new.search_text IS NOT old.search_text BEGIN
    DELETE FROM order_search WHERE rowid = (SELECT id FROM order_search_keys WHERE order_id = old.id);
    INSERT INTO order_search (rowid, search_text)
        VALUES ((SELECT id FROM order_search_keys WHERE order_id = new.id), new.search_text);
END;

CREATE TRIGGER orders_search_delete AFTER DELETE ON orders BEGIN
    DELETE FROM order_search WHERE rowid = (SELECT id FROM order_search_keys WHERE order_id = old.id);
    DELETE FROM order_search_keys WHERE order_id = old.id;
END;

-- Orders placed before this migration.
INSERT INTO order_search_keys (order_id) SELECT id FROM orders ORDER BY id;
INSERT INTO order_search (rowid, search_text)
    SELECT k.id, o.search_text FROM order_search_keys k JOIN orders o ON o.id = k.order_id;
