-- Commerce: carts, addresses, orders and their holds on pieces, payments, gift cards and
-- vouchers, discount codes, the double-entry ledger, idempotency keys, webhook receipts and
-- the shop's policy as data. Instants are BIGINT microseconds; money is BIGINT cents.

-- A piece is held for one order while its payment runs (all pieces of the order or none).
-- The hold is a deadline: once `held_until` has passed it holds nothing, whoever reads it.
ALTER TABLE pieces ADD COLUMN held_by_order BIGINT NULL;
ALTER TABLE pieces ADD COLUMN held_until BIGINT NULL;

-- P3: the shop's policy, one JSON document, edited by an admin; absent = built-in defaults.
CREATE TABLE policies (
    id         BIGINT PRIMARY KEY CHECK (id = 1),
    body       TEXT   NOT NULL,
    version    BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT NULL
);

-- K1: a cart is a wish list with prices as they were; it reserves nothing.
CREATE TABLE carts (
    id            INTEGER PRIMARY KEY,
    user_id       BIGINT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    token_hash    TEXT   NULL UNIQUE,
    discount_code TEXT   NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    CHECK (user_id IS NOT NULL OR token_hash IS NOT NULL)
);
CREATE TABLE cart_lines (
    cart_id      BIGINT NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
    piece_id     BIGINT NOT NULL REFERENCES pieces (id) ON DELETE CASCADE,
    added_cents  BIGINT NOT NULL,
    added_at     BIGINT NOT NULL,
    PRIMARY KEY (cart_id, piece_id)
);
CREATE INDEX cart_lines_piece ON cart_lines (piece_id);

CREATE TABLE addresses (
    id          INTEGER PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    full_name   TEXT   NOT NULL,
    line1       TEXT   NOT NULL,
    line2       TEXT   NOT NULL DEFAULT '',
    postal_code TEXT   NOT NULL,
    city        TEXT   NOT NULL,
    country     TEXT   NOT NULL,
    phone       TEXT   NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL
);
CREATE INDEX addresses_user ON addresses (user_id, id);

-- O8: the rule is JSON (pepite_domain::commerce::DiscountRule); the use counter is guarded by
-- a check so that the last use is given once, whoever races for it.
CREATE TABLE discount_codes (
    id         INTEGER PRIMARY KEY,
    code       TEXT   NOT NULL UNIQUE,
    rule       TEXT   NOT NULL,
    max_uses   BIGINT NULL,
    uses       BIGINT NOT NULL DEFAULT 0,
    active     INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (uses >= 0 AND (max_uses IS NULL OR uses <= max_uses))
);

CREATE TABLE orders (
    id                  INTEGER PRIMARY KEY,
    buyer_id            BIGINT NOT NULL REFERENCES users (id),
    state               TEXT   NOT NULL CHECK (state IN ('awaiting_payment', 'paid', 'failed')),
    number              TEXT   NULL UNIQUE,
    mode                TEXT   NOT NULL CHECK (mode IN ('direct', 'grouped')),
    country             TEXT   NOT NULL,
    quote               TEXT   NOT NULL,
    goods_cents         BIGINT NOT NULL,
    shipping_cents      BIGINT NOT NULL,
    qc_fee_cents        BIGINT NOT NULL,
    discount_cents      BIGINT NOT NULL,
    bulk_discount_cents BIGINT NOT NULL,
    total_cents         BIGINT NOT NULL,
    instruments_cents   BIGINT NOT NULL,
    card_cents          BIGINT NOT NULL,
    commission_bps      BIGINT NOT NULL,
    discount_code_id    BIGINT NULL REFERENCES discount_codes (id),
    payment_method      TEXT   NOT NULL,
    billing_address     TEXT   NOT NULL,
    delivery_address    TEXT   NOT NULL,
    needed_before       TEXT   NULL,
    hold_until          BIGINT NOT NULL,
    failure_code        TEXT   NULL,
    created_at          BIGINT NOT NULL,
    paid_at             BIGINT NULL,
    closed_at           BIGINT NULL,
    CHECK (total_cents = instruments_cents + card_cents)
);
CREATE INDEX orders_buyer ON orders (buyer_id, id);
CREATE INDEX orders_state ON orders (state, id);

CREATE TABLE order_lines (
    order_id         BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    piece_id         BIGINT NOT NULL REFERENCES pieces (id),
    seller_id        BIGINT NOT NULL REFERENCES sellers (id),
    parcel           BIGINT NOT NULL,
    title            TEXT   NOT NULL,
    brand            TEXT   NOT NULL,
    size_label       TEXT   NOT NULL,
    price_cents      BIGINT NOT NULL,
    commission_cents BIGINT NOT NULL,
    ship_to          TEXT   NOT NULL CHECK (ship_to IN ('buyer', 'workshop')),
    PRIMARY KEY (order_id, piece_id)
);
CREATE INDEX order_lines_seller ON order_lines (seller_id, order_id);
CREATE INDEX order_lines_piece ON order_lines (piece_id);

CREATE TABLE order_parcels (
    order_id       BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    parcel         BIGINT NOT NULL,
    seller_id      BIGINT NULL REFERENCES sellers (id),
    weight_g       BIGINT NOT NULL,
    shipping_cents BIGINT NOT NULL,
    PRIMARY KEY (order_id, parcel)
);

-- O13: what happened to an order, for the people concerned; the notifications issue sends them.
CREATE TABLE order_events (
    id         INTEGER PRIMARY KEY,
    order_id   BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    kind       TEXT   NOT NULL,
    user_id    BIGINT NULL REFERENCES users (id),
    seller_id  BIGINT NULL REFERENCES sellers (id),
    detail     TEXT   NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX order_events_order ON order_events (order_id, id);

-- O11: one unbroken invoice sequence per year; the counter moves in the payment's transaction.
CREATE TABLE invoice_counters (
    year BIGINT PRIMARY KEY,
    last BIGINT NOT NULL
);

-- G1/T7: stored-value instruments. The balance is the ledger account's, kept here so that the
-- write that spends it can refuse to go below zero (the check constraint decides).
CREATE TABLE instruments (
    id              INTEGER PRIMARY KEY,
    kind            TEXT   NOT NULL CHECK (kind IN ('gift_card', 'voucher')),
    code            TEXT   NOT NULL UNIQUE,
    state           TEXT   NOT NULL CHECK (state IN ('awaiting_payment', 'active', 'failed')),
    initial_cents   BIGINT NOT NULL CHECK (initial_cents > 0),
    balance_cents   BIGINT NOT NULL CHECK (balance_cents >= 0),
    purchaser_id    BIGINT NULL REFERENCES users (id),
    recipient_name  TEXT   NOT NULL DEFAULT '',
    recipient_email TEXT   NOT NULL DEFAULT '',
    sender_name     TEXT   NOT NULL DEFAULT '',
    message         TEXT   NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL
);
CREATE INDEX instruments_purchaser ON instruments (purchaser_id, id);

-- O10: how much each instrument pays of an order (held with the pieces, given back on failure).
CREATE TABLE order_instruments (
    order_id      BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    instrument_id BIGINT NOT NULL REFERENCES instruments (id),
    amount_cents  BIGINT NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (order_id, instrument_id)
);

CREATE TABLE payments (
    id            INTEGER PRIMARY KEY,
    order_id      BIGINT NULL REFERENCES orders (id) ON DELETE CASCADE,
    instrument_id BIGINT NULL REFERENCES instruments (id),
    provider      TEXT   NOT NULL,
    provider_ref  TEXT   NULL,
    method        TEXT   NOT NULL,
    amount_cents  BIGINT NOT NULL,
    state         TEXT   NOT NULL CHECK (state IN ('pending', 'requires_action', 'succeeded', 'declined', 'failed', 'canceled', 'refunded')),
    redirect_url  TEXT   NULL,
    failure_code  TEXT   NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    UNIQUE (provider, provider_ref)
);
CREATE INDEX payments_order ON payments (order_id);
CREATE INDEX payments_instrument ON payments (instrument_id);

-- P2: double-entry ledger. A journal's entries sum to zero (built by the domain, which refuses
-- anything else); `dedupe` makes each money movement happen once.
CREATE TABLE journals (
    id            INTEGER PRIMARY KEY,
    kind          TEXT   NOT NULL,
    dedupe        TEXT   NOT NULL UNIQUE,
    order_id      BIGINT NULL,
    instrument_id BIGINT NULL,
    created_at    BIGINT NOT NULL
);
CREATE TABLE ledger_entries (
    id           INTEGER PRIMARY KEY,
    journal_id   BIGINT NOT NULL REFERENCES journals (id),
    account      TEXT   NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents <> 0),
    created_at   BIGINT NOT NULL
);
CREATE INDEX ledger_entries_account ON ledger_entries (account, id);
CREATE INDEX ledger_entries_journal ON ledger_entries (journal_id);

-- O7: a money-moving request answered once per key; `response` is NULL while it runs.
CREATE TABLE idempotency_keys (
    user_id      BIGINT NOT NULL,
    scope        TEXT   NOT NULL,
    key          TEXT   NOT NULL,
    request_hash TEXT   NOT NULL,
    response     TEXT   NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (user_id, scope, key)
);

-- Webhook deliveries already handled, so a repeated one changes nothing.
CREATE TABLE webhook_events (
    provider    TEXT   NOT NULL,
    event_id    TEXT   NOT NULL,
    kind        TEXT   NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (provider, event_id)
);
