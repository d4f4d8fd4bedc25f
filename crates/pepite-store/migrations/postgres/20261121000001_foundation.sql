-- Foundation: accounts, sessions, throttling, sellers, pieces, photos, search, manual clock.
-- Instants are BIGINT microseconds since the epoch; money is BIGINT cents.

CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    display_name  TEXT    NOT NULL,
    language      TEXT    NOT NULL CHECK (language IN ('fr', 'en')),
    country       TEXT    NOT NULL,
    birth_date    TEXT    NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
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
    id             BIGSERIAL PRIMARY KEY,
    user_id        BIGINT  NOT NULL UNIQUE REFERENCES users (id),
    shop_name      TEXT    NOT NULL,
    shop_key       TEXT    NOT NULL UNIQUE,
    country        TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('individual', 'professional')),
    open_to_offers BOOLEAN NOT NULL DEFAULT TRUE,
    bio            TEXT    NOT NULL DEFAULT '',
    created_at     BIGINT  NOT NULL
);

CREATE TABLE pieces (
    id             BIGSERIAL PRIMARY KEY,
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
    open_to_offers BOOLEAN NOT NULL,
    search_text    TEXT    NOT NULL,
    cover_key      TEXT    NULL,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    listed_at      BIGINT  NULL,
    sold_at        BIGINT  NULL,
    version        BIGINT  NOT NULL DEFAULT 1,
    -- The words are normalised in Rust (pepite_domain::search); 'simple' only splits them.
    search_vector  TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED
);
CREATE INDEX pieces_seller ON pieces (seller_id, state, id);
CREATE INDEX pieces_newest ON pieces (listed_at DESC, id DESC) WHERE state IN ('listed', 'sold');
CREATE INDEX pieces_price ON pieces (price_cents, id) WHERE state IN ('listed', 'sold');
CREATE INDEX pieces_brand ON pieces (brand) WHERE state IN ('listed', 'sold');
CREATE INDEX pieces_category ON pieces (category) WHERE state IN ('listed', 'sold');
CREATE INDEX pieces_search ON pieces USING GIN (search_vector);

CREATE TABLE photos (
    id          BIGSERIAL PRIMARY KEY,
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
