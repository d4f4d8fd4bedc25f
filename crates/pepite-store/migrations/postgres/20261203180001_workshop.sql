-- F2: a grouped order's piece on its way to the workshop and through its check. Every move is
-- a compare-and-set on these columns (sent_at, arrived_at, check_state, choice, withdrawn_at
-- still NULL), so a double scan or two benches racing change a piece once.
ALTER TABLE order_lines ADD COLUMN sent_at BIGINT NULL;
ALTER TABLE order_lines ADD COLUMN sent_carrier TEXT NULL REFERENCES carriers (code);
ALTER TABLE order_lines ADD COLUMN sent_tracking TEXT NULL;
ALTER TABLE order_lines ADD COLUMN arrived_at BIGINT NULL;
ALTER TABLE order_lines ADD COLUMN check_state TEXT NULL CHECK (check_state IN ('passed', 'failed'));
ALTER TABLE order_lines ADD COLUMN check_note TEXT NULL;
ALTER TABLE order_lines ADD COLUMN checked_at BIGINT NULL;
-- F6: a failed piece waits for the buyer's choice until `choice_due`; no answer means drop.
ALTER TABLE order_lines ADD COLUMN choice TEXT NULL CHECK (choice IN ('drop', 'keep'));
ALTER TABLE order_lines ADD COLUMN choice_due BIGINT NULL;
ALTER TABLE order_lines ADD COLUMN choice_at BIGINT NULL;
-- Late pieces: the day (days since the epoch, UTC) the seller was last reminded, so staff
-- remind at most once a day.
ALTER TABLE order_lines ADD COLUMN reminded_day BIGINT NULL;
-- F6 drop, or a late line cancelled: the line leaves the order (its piece is refunded).
ALTER TABLE order_lines ADD COLUMN withdrawn_at BIGINT NULL;
ALTER TABLE order_lines ADD COLUMN withdrawn_reason TEXT NULL CHECK (withdrawn_reason IN ('qc_drop', 'late'));
CREATE INDEX order_lines_workshop ON order_lines (order_id) WHERE ship_to = 'workshop' AND withdrawn_at IS NULL;

-- F2: the photos of a failed check, stored like piece photos (`photos/KEY-VARIANT.jpg`).
CREATE TABLE check_photos (
    id          BIGSERIAL PRIMARY KEY,
    order_id    BIGINT NOT NULL,
    piece_id    BIGINT NOT NULL,
    storage_key TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    FOREIGN KEY (order_id, piece_id) REFERENCES order_lines (order_id, piece_id) ON DELETE CASCADE
);
CREATE INDEX check_photos_line ON check_photos (order_id, piece_id, id);

-- F2: the workshop's parcel is packed (its label bought) before it is handed to the carrier.
ALTER TABLE order_parcels ADD COLUMN packed_at BIGINT NULL;

-- F7: a parcel the buyer reports lost or refused at customs, once; staff decide resend or
-- refund by a compare-and-set on `decision IS NULL`.
CREATE TABLE parcel_reports (
    order_id    BIGINT NOT NULL,
    parcel      BIGINT NOT NULL,
    kind        TEXT   NOT NULL CHECK (kind IN ('lost', 'refused')),
    note        TEXT   NOT NULL DEFAULT '',
    reported_at BIGINT NOT NULL,
    decision    TEXT   NULL CHECK (decision IN ('resend', 'refund')),
    decided_at  BIGINT NULL,
    decided_by  BIGINT NULL REFERENCES users (id),
    PRIMARY KEY (order_id, parcel),
    FOREIGN KEY (order_id, parcel) REFERENCES order_parcels (order_id, parcel) ON DELETE CASCADE
);
CREATE INDEX parcel_reports_open ON parcel_reports (reported_at) WHERE decision IS NULL;
