-- The back office's dashboard counts each day's sales and orders, and finance exports the
-- ledger's entries over a date range: both read these by time.
CREATE INDEX orders_paid_at ON orders (paid_at);
CREATE INDEX orders_created_at ON orders (created_at);
CREATE INDEX ledger_entries_created_at ON ledger_entries (created_at);
