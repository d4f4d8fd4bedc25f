-- Issue 11, item 6: staff's internal notes on an order, read newest first on the back office's
-- order page and never shown to its buyer or its sellers (A4). The author's row stays when an
-- account is closed, so a note keeps the id it points at.
CREATE TABLE order_notes (
    id         BIGSERIAL PRIMARY KEY,
    order_id   BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    author_id  BIGINT NOT NULL REFERENCES users (id),
    body       TEXT   NOT NULL CHECK (char_length(body) BETWEEN 1 AND 2000),
    created_at BIGINT NOT NULL
);
CREATE INDEX order_notes_order ON order_notes (order_id, id);
