-- Every change to a piece takes the next number of one counter, in the same transaction, and
-- stores it on the piece: each instance's in-memory facet index reads what changed since the
-- number it last saw. The counter row also orders concurrent writers, so a change numbered n
-- is never committed after one numbered n + 1 is visible.
ALTER TABLE pieces ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX pieces_change_seq ON pieces (change_seq);
CREATE TABLE catalog_version (
    id  BIGINT PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL
);
INSERT INTO catalog_version (id, seq) VALUES (1, 0);
