-- R1–R4, R6: returns. A return names pieces of one delivered order; each piece's line is
-- claimed by the compare-and-set on `order_lines.return_asked_at` (foundation), and the
-- return's own rows record how the pieces travel back and what became of each.
CREATE TABLE returns (
    id           INTEGER PRIMARY KEY,
    order_id     BIGINT  NOT NULL REFERENCES orders (id),
    buyer_id     BIGINT  NOT NULL REFERENCES users (id),
    -- R1/R4: why; a defect claim carries the buyer's note and photos.
    reason       TEXT    NOT NULL CHECK (reason IN ('change_of_mind', 'defective')),
    note         TEXT    NOT NULL DEFAULT '',
    -- claimed: a defect claim waits for staff (R4); accepted: labels out, pieces on their way;
    -- withdrawn: the buyer kept the pieces; closed: every piece received and checked.
    state        TEXT    NOT NULL CHECK (state IN ('claimed', 'accepted', 'withdrawn', 'closed')),
    -- R2: the return shipping the buyer pays (0 when free), deducted from the refund.
    charge_cents BIGINT  NOT NULL CHECK (charge_cents >= 0),
    -- R2: whether the buyer pays it (outside metropolitan France, unless a defect is upheld).
    buyer_pays   INTEGER NOT NULL,
    -- R4: staff's decision on a defect claim.
    decision     TEXT    NULL CHECK (decision IN ('upheld', 'rejected')),
    decided_by   BIGINT  NULL REFERENCES users (id),
    decided_at   BIGINT  NULL,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL
);
CREATE INDEX returns_order ON returns (order_id, id);
CREATE INDEX returns_state ON returns (state, id);

-- R2: the parcels travelling back: to a seller (seller_id) or to the workshop (NULL), each
-- with its prepaid label once bought.
CREATE TABLE return_parcels (
    return_id BIGINT NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    parcel    BIGINT NOT NULL,
    seller_id BIGINT NULL REFERENCES sellers (id),
    weight_g  BIGINT NOT NULL,
    carrier   TEXT   NULL REFERENCES carriers (code),
    tracking  TEXT   NULL,
    PRIMARY KEY (return_id, parcel)
);

-- R5/R6/P1: each returned piece: its share of the charge, its receipt and check (a
-- compare-and-set on received_at), and the refund that paid it back.
CREATE TABLE return_lines (
    return_id    BIGINT NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    order_id     BIGINT NOT NULL,
    piece_id     BIGINT NOT NULL,
    parcel       BIGINT NOT NULL,
    deduct_cents BIGINT NOT NULL CHECK (deduct_cents >= 0),
    received_at  BIGINT NULL,
    received_by  BIGINT NULL REFERENCES users (id),
    outcome      TEXT   NULL CHECK (outcome IN ('passed', 'failed')),
    check_note   TEXT   NOT NULL DEFAULT '',
    refund_id    BIGINT NULL,
    PRIMARY KEY (return_id, piece_id),
    FOREIGN KEY (order_id, piece_id) REFERENCES order_lines (order_id, piece_id)
);
CREATE INDEX return_lines_piece ON return_lines (order_id, piece_id);

-- R4: the photos of a defect claim, processed and stored like piece photos.
CREATE TABLE return_photos (
    return_id   BIGINT NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    position    BIGINT NOT NULL,
    storage_key TEXT   NOT NULL,
    PRIMARY KEY (return_id, position)
);
