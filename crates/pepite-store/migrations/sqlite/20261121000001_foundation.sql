-- Foundation: accounts, sessions, throttling, sellers, pieces, photos, search, manual clock.
-- Instants are BIGINT microseconds since the epoch; money is BIGINT cents.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    display_name  TEXT    NOT NULL,
    language      TEXT    NOT NULL CHECK (language IN ('fr', 'en')),
    country       TEXT    NOT NULL,
    birth_date    TEXT    NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL
);

CREATE TABLE user_roles (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT   NOT NULL CHECK (role IN ('customer_service', 'workshop', 'finance', 'admin', 'brand_partner')),
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
    token_hash TEXT   PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT   NOT NULL CHECK (kind IN ('browser', 'api')),
    label      TEXT   NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE throttle (
    bucket       TEXT   NOT NULL,
    window_start BIGINT NOT NULL,
    hits         BIGINT NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

CREATE TABLE sellers (
    id             INTEGER PRIMARY KEY,
    user_id        BIGINT  NOT NULL UNIQUE REFERENCES users (id),
    shop_name      TEXT    NOT NULL,
    shop_key       TEXT    NOT NULL UNIQUE,
    country        TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('individual', 'professional')),
    open_to_offers INTEGER NOT NULL DEFAULT 1,
    bio            TEXT    NOT NULL DEFAULT '',
    created_at     BIGINT  NOT NULL
);

CREATE TABLE pieces (
    id             INTEGER PRIMARY KEY,
    seller_id      BIGINT  NOT NULL REFERENCES sellers (id),
    state          TEXT    NOT NULL CHECK (state IN ('draft', 'listed', 'sold', 'withdrawn')),
    title          TEXT    NOT NULL,
    brand          TEXT    NOT NULL,
    category       TEXT    NOT NULL,
    size_system    TEXT    NOT NULL,
    size_label     TEXT    NOT NULL,
    size_key       TEXT    NOT NULL,
    grade          TEXT    NOT NULL CHECK (grade IN ('new_with_tags', 'excellent', 'very_good', 'good')),
    colour         TEXT    NOT NULL,
    materials      TEXT    NOT NULL,
    description    TEXT    NOT NULL,
    measurements   TEXT    NOT NULL DEFAULT '[]',
    price_cents    BIGINT  NOT NULL CHECK (price_cents > 0),
    weight_g       BIGINT  NOT NULL CHECK (weight_g > 0),
    country        TEXT    NOT NULL,
    open_to_offers INTEGER NOT NULL,
    search_text    TEXT    NOT NULL,
    cover_key      TEXT    NULL,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    listed_at      BIGINT  NULL,
    sold_at        BIGINT  NULL,
    version        BIGINT  NOT NULL DEFAULT 1
);
CREATE INDEX pieces_seller ON pieces (seller_id, state, id);
CREATE INDEX pieces_newest ON pieces (listed_at DESC, id DESC) WHERE state IN ('listed', 'sold');
CREATE INDEX pieces_price ON pieces (price_cents, id) WHERE state IN ('listed', 'sold');
CREATE INDEX pieces_brand ON pieces (brand) WHERE state IN ('listed', 'sold');
CREATE INDEX pieces_category ON pieces (category) WHERE state IN ('listed', 'sold');

-- Full-text index over the normalised words (see pepite_domain::search), kept in step by triggers.
CREATE VIRTUAL TABLE pieces_fts USING fts5 (
    search_text,
    content = 'pieces',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER pieces_fts_insert AFTER INSERT ON pieces BEGIN
    INSERT INTO pieces_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER pieces_fts_delete AFTER DELETE ON pieces BEGIN
    INSERT INTO pieces_fts (pieces_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER pieces_fts_update AFTER UPDATE OF search_text ON pieces BEGIN
    INSERT INTO pieces_fts (pieces_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO pieces_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TABLE photos (
    id          INTEGER PRIMARY KEY,
    piece_id    BIGINT NOT NULL REFERENCES pieces (id) ON DELETE CASCADE,
    position    BIGINT NOT NULL,
    storage_key TEXT   NOT NULL,
    width       BIGINT NOT NULL,
    height      BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (piece_id, position)
);

CREATE TABLE manual_clock (
    id     BIGINT PRIMARY KEY CHECK (id = 1),
    now_us BIGINT NOT NULL
);
