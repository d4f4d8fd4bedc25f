-- F5/R5: how many refunds an order has had, counted on the order row by each refund's own
-- transaction. A cancellation gives back the whole order, so its compare-and-set requires none
-- (`refund_count = 0`); a refund and a cancellation of one order thus queue on the same row and
-- the row decides which came first, also under PostgreSQL's READ COMMITTED.
ALTER TABLE orders ADD COLUMN refund_count BIGINT NOT NULL DEFAULT 0;
UPDATE orders SET refund_count = (SELECT COUNT(*) FROM refunds WHERE refunds.order_id = orders.id);
