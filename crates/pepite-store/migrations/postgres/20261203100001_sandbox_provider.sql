-- O7: the built-in sandbox payment provider keeps its own books here, as a real provider keeps
-- them on its side: its payment references and outcomes survive a restart and are the same
-- for every instance on this database. Nothing else reads these tables.
CREATE TABLE sandbox_payments (
    id              BIGSERIAL PRIMARY KEY,
    -- The caller's idempotency key: a repeated request finds its first payment here.
    idempotency_key TEXT   NOT NULL UNIQUE,
    -- A digest of what must match for a repeat to be the same request.
    fingerprint     TEXT   NOT NULL,
    -- Our own reference ("order-42"), the metadata an unknown outcome is searched by.
    reference       TEXT   NOT NULL,
    amount_cents    BIGINT NOT NULL CHECK (amount_cents > 0),
    status          TEXT   NOT NULL CHECK (status IN ('succeeded', 'requires_action', 'declined', 'canceled')),
    decline_code    TEXT   NULL,
    refunded_cents  BIGINT NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0 AND refunded_cents <= amount_cents)
);
CREATE INDEX sandbox_payments_reference ON sandbox_payments (reference, id);

CREATE TABLE sandbox_refunds (
    id              BIGSERIAL PRIMARY KEY,
    idempotency_key TEXT   NOT NULL UNIQUE,
    payment_id      BIGINT NOT NULL REFERENCES sandbox_payments (id),
    amount_cents    BIGINT NOT NULL CHECK (amount_cents > 0)
);
