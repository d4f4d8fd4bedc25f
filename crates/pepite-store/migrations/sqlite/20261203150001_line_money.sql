-- P1/R5/F6/F7: what became of each sold piece's money. Each column is written once, by a
-- compare-and-set on the others: a line's earning is released to its seller (payable_at) only
-- while no return is asked and nothing was refunded; a refund takes a line only while its
-- earning is not payable. The line row decides which came first.
ALTER TABLE order_lines ADD COLUMN payable_at BIGINT NULL;
ALTER TABLE order_lines ADD COLUMN refunded_at BIGINT NULL;
ALTER TABLE order_lines ADD COLUMN return_asked_at BIGINT NULL;
-- The window-closing timer looks for lines not yet payable.
CREATE INDEX order_lines_unreleased ON order_lines (order_id) WHERE payable_at IS NULL AND refunded_at IS NULL;

-- R5: a refund of some lines of an order, made once per cause (dedupe: 'return:N',
-- 'qc_drop:O:P', 'lost:O:P', 'late:O:P'), with its credit note's number (its own unbroken
-- yearly sequence). The card part is 'owed' until the provider has made it, then 'made'.
CREATE TABLE refunds (
    id                 INTEGER PRIMARY KEY,
    order_id           BIGINT NOT NULL REFERENCES orders (id),
    dedupe             TEXT   NOT NULL UNIQUE,
    reason             TEXT   NOT NULL,
    goods_cents        BIGINT NOT NULL CHECK (goods_cents >= 0),
    shipping_cents     BIGINT NOT NULL CHECK (shipping_cents >= 0),
    fees_cents         BIGINT NOT NULL CHECK (fees_cents >= 0),
    deducted_cents     BIGINT NOT NULL CHECK (deducted_cents >= 0),
    total_cents        BIGINT NOT NULL CHECK (total_cents >= 0),
    card_cents         BIGINT NOT NULL CHECK (card_cents >= 0),
    instruments_cents  BIGINT NOT NULL CHECK (instruments_cents >= 0),
    credit_note_number TEXT   NOT NULL UNIQUE,
    state              TEXT   NOT NULL CHECK (state IN ('owed', 'made')),
    created_at         BIGINT NOT NULL,
    made_at            BIGINT NULL,
    CHECK (card_cents + instruments_cents = total_cents)
);
CREATE INDEX refunds_order ON refunds (order_id, id);
CREATE INDEX refunds_owed ON refunds (created_at) WHERE state = 'owed';

CREATE TABLE refund_lines (
    refund_id      BIGINT NOT NULL REFERENCES refunds (id),
    order_id       BIGINT NOT NULL,
    piece_id       BIGINT NOT NULL,
    price_cents    BIGINT NOT NULL,
    discount_cents BIGINT NOT NULL,
    shipping_cents BIGINT NOT NULL,
    fees_cents     BIGINT NOT NULL,
    -- A line is refunded at most once, whatever the cause.
    PRIMARY KEY (order_id, piece_id),
    FOREIGN KEY (order_id, piece_id) REFERENCES order_lines (order_id, piece_id)
);
CREATE INDEX refund_lines_refund ON refund_lines (refund_id);

CREATE TABLE refund_instruments (
    refund_id     BIGINT NOT NULL REFERENCES refunds (id),
    instrument_id BIGINT NOT NULL REFERENCES instruments (id),
    amount_cents  BIGINT NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (refund_id, instrument_id)
);

CREATE TABLE credit_note_counters (
    year BIGINT PRIMARY KEY,
    last BIGINT NOT NULL
);
