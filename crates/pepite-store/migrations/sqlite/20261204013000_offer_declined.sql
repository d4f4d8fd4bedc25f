-- N5: the buyer may decline a counter-offer (state 'declined').
-- SQLite cannot change a CHECK constraint, so the table is rebuilt: created anew with the
-- wider CHECK, filled, swapped in, and its indexes made again. No table refers to `offers`
-- (pieces.agreed_offer_id is a plain number), so dropping the old one inside the
-- migration's transaction cascades nothing and `PRAGMA foreign_keys` need not change.
CREATE TABLE offers_declinable (
    id            INTEGER PRIMARY KEY,
    piece_id      BIGINT  NOT NULL REFERENCES pieces (id),
    buyer_id      BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seller_id     BIGINT  NOT NULL REFERENCES sellers (id),
    list_cents    BIGINT  NOT NULL,
    amount_cents  BIGINT  NOT NULL CHECK (amount_cents > 0),
    counter_cents BIGINT  NULL CHECK (counter_cents > amount_cents),
    state         TEXT    NOT NULL CHECK (state IN ('open', 'accepted', 'countered', 'declined',
                                                    'refused', 'expired', 'lapsed', 'bought',
                                                    'ended')),
    created_at    BIGINT  NOT NULL,
    answer_by     BIGINT  NOT NULL,
    decided_at    BIGINT  NULL,
    agreed_until  BIGINT  NULL,
    reminded      BOOLEAN NOT NULL DEFAULT FALSE,
    closed_at     BIGINT  NULL,
    -- N2: one offer per buyer per piece, ever.
    UNIQUE (piece_id, buyer_id)
);
INSERT INTO offers_declinable (id, piece_id, buyer_id, seller_id, list_cents, amount_cents,
        counter_cents, state, created_at, answer_by, decided_at, agreed_until, reminded,
        closed_at)
    SELECT id, piece_id, buyer_id, seller_id, list_cents, amount_cents, counter_cents, state,
           created_at, answer_by, decided_at, agreed_until, reminded, closed_at
    FROM offers;
DROP TABLE offers;
ALTER TABLE offers_declinable RENAME TO offers;
CREATE INDEX offers_open_due ON offers (answer_by) WHERE state = 'open';
CREATE INDEX offers_agreed_due ON offers (agreed_until) WHERE state IN ('accepted', 'countered');
CREATE INDEX offers_live_piece ON offers (piece_id) WHERE state IN ('open', 'accepted', 'countered');
CREATE INDEX offers_buyer ON offers (buyer_id, id);
CREATE INDEX offers_seller ON offers (seller_id, id);
