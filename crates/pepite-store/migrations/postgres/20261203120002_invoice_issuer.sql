-- O11/P3: the legal identity printed on an order's invoice is the one in force when it was
-- paid, kept as JSON on the order; a later edit of the policy reprints no past invoice.
ALTER TABLE orders ADD COLUMN issuer TEXT;
