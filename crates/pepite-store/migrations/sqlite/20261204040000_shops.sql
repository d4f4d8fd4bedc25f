-- P3, issue 12 item 1: a shop is data. One program serves every shop; a request's host names
-- its shop, and the first shop (id 1, no host) answers every other host. Each shop has its own
-- policy document (the former one-row `policies` becomes shop 1's). A seller sells in one
-- shop, and an order is placed in one shop, whose policy it keeps (return window, payout hold,
-- commission). Shops are never deleted, so `shop_id` columns name a shop without a foreign
-- key (SQLite cannot add a column with one and a non-NULL default).

CREATE TABLE shops (
    id           INTEGER PRIMARY KEY,
    slug         TEXT   NOT NULL UNIQUE,
    name         TEXT   NOT NULL,
    kind         TEXT   NOT NULL CHECK (kind IN ('marketplace', 'brand_resale')),
    host         TEXT   NULL UNIQUE,
    languages    TEXT   NOT NULL,
    programme_id BIGINT NULL UNIQUE REFERENCES tradein_programmes (id),
    version      BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);

INSERT INTO shops (id, slug, name, kind, host, languages, programme_id, version, created_at, updated_at)
VALUES (1, 'pepite', 'Pépite', 'marketplace', NULL, 'fr,en', NULL, 1, 0, 0);


CREATE TABLE shop_policies (
    shop_id    BIGINT PRIMARY KEY REFERENCES shops (id),
    body       TEXT   NOT NULL,
    version    BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT NULL
);

INSERT INTO shop_policies (shop_id, body, version, updated_at, updated_by)
SELECT id, body, version, updated_at, updated_by FROM policies;

DROP TABLE policies;

ALTER TABLE sellers ADD COLUMN shop_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE orders ADD COLUMN shop_id BIGINT NOT NULL DEFAULT 1;
CREATE INDEX sellers_by_shop ON sellers (shop_id);
