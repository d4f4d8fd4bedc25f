-- O7: payments whose answer never came stay 'pending'; the settling job finds them here.
CREATE INDEX payments_pending ON payments (updated_at) WHERE state = 'pending';

-- O7: a key claimed by a request that died must not block it forever. A claim holds the key
-- until `lease_until`; a retry after that takes it over by compare-and-set on `attempt`, and
-- only the current attempt may store the answer or release the key.
ALTER TABLE idempotency_keys ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE idempotency_keys ADD COLUMN attempt BIGINT NOT NULL DEFAULT 1;
