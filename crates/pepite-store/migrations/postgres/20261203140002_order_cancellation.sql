-- F5: a buyer cancels until the first parcel is dispatched. The first dispatch writes
-- `dispatched_at` on the order row and a cancellation writes `cancelled_at` on the same row,
-- each by a compare-and-set on the other being NULL: the row decides which came first, also
-- under PostgreSQL's READ COMMITTED, where two statements on different rows could both pass.
ALTER TABLE orders ADD COLUMN dispatched_at BIGINT NULL;
ALTER TABLE orders ADD COLUMN cancelled_at BIGINT NULL;
