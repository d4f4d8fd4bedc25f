-- Price offers (N1–N7), the agreed price on a piece (C6), alerts on sold pieces (L1).

-- C6/N6: a running agreed price, for everyone, until `agreed_until` (read against now).
ALTER TABLE pieces ADD COLUMN agreed_cents BIGINT NULL;
ALTER TABLE pieces ADD COLUMN agreed_until BIGINT NULL;
ALTER TABLE pieces ADD COLUMN agreed_offer_id BIGINT NULL;

CREATE TABLE offers (
    id            BIGSERIAL PRIMARY KEY,
    piece_id      BIGINT  NOT NULL REFERENCES pieces (id),
    buyer_id      BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seller_id     BIGINT  NOT NULL REFERENCES sellers (id),
    list_cents    BIGINT  NOT NULL,
    amount_cents  BIGINT  NOT NULL CHECK (amount_cents > 0),
    counter_cents BIGINT  NULL CHECK (counter_cents > amount_cents),
    state         TEXT    NOT NULL CHECK (state IN ('open', 'accepted', 'countered', 'refused',
                                                    'expired', 'lapsed', 'bought', 'ended')),
    created_at    BIGINT  NOT NULL,
    answer_by     BIGINT  NOT NULL,
    decided_at    BIGINT  NULL,
    agreed_until  BIGINT  NULL,
    reminded      BOOLEAN NOT NULL DEFAULT FALSE,
    closed_at     BIGINT  NULL,
    -- N2: one offer per buyer per piece, ever.
    UNIQUE (piece_id, buyer_id)
);
CREATE INDEX offers_open_due ON offers (answer_by) WHERE state = 'open';
CREATE INDEX offers_agreed_due ON offers (agreed_until) WHERE state IN ('accepted', 'countered');
CREATE INDEX offers_live_piece ON offers (piece_id) WHERE state IN ('open', 'accepted', 'countered');
CREATE INDEX offers_buyer ON offers (buyer_id, id);
CREATE INDEX offers_seller ON offers (seller_id, id);

-- L1: who wants to hear when a sold piece is listed again; a fired alert is deleted.
CREATE TABLE alerts (
    piece_id   BIGINT NOT NULL REFERENCES pieces (id),
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (piece_id, user_id)
);
CREATE INDEX alerts_user ON alerts (user_id, created_at);
