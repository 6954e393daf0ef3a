-- Orders text search through a trigram index: pg_trgm's GIN operator class
-- serves search_text LIKE '%…%' (the pattern a store query binds, with its
-- escapes, is folded to a constant under plan_cache_mode=force_custom_plan).
-- pg_trgm ships in PostgreSQL's contrib and is a trusted extension (13+):
-- a role with CREATE on the database may install it (see docs/OPERATIONS.md).
-- Building the index takes a write lock on orders for its duration.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX orders_search_trgm ON orders USING gin (search_text gin_trgm_ops);
