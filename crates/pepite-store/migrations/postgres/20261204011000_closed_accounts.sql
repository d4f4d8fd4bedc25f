-- A person closes their own account (issue 11, item 8). The row stays, so orders, invoices,
-- returns and ledger journals keep the id they point at; `closed_at` is set once, by a
-- compare-and-set (`closed_at IS NULL`), in the transaction that erases the personal data.
-- Placing an order touches the same row with the same condition, so the row orders the two.
ALTER TABLE users ADD COLUMN closed_at BIGINT NULL;
-- A closed account's shop: its page is gone, its past sales keep the shop's name.
ALTER TABLE sellers ADD COLUMN closed_at BIGINT NULL;
