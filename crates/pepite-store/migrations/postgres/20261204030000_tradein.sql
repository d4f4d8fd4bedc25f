-- Issue 12: a brand's trade-in programme (T1–T8). A programme's rules are one JSON document
-- (pepite_domain::tradein::ProgrammeRules) saved by compare-and-set on `version`; its reference
-- catalogue, the boxes people send with their pieces, store credit, voucher requests, the
-- channels that redeem vouchers and each redemption are rows. Instants are BIGINT
-- microseconds, money BIGINT cents, civil dates 'YYYY-MM-DD' text.

CREATE TABLE tradein_programmes (
    id         BIGSERIAL PRIMARY KEY,
    code       TEXT   NOT NULL UNIQUE,
    name       TEXT   NOT NULL,
    partner_id BIGINT NULL REFERENCES users (id),
    rules      TEXT   NOT NULL,
    version    BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- T1: the brand's reference catalogue. `search_text` is the name and style id folded by
-- pepite_domain::search, so both backends find the same styles.
CREATE TABLE tradein_styles (
    id              BIGSERIAL PRIMARY KEY,
    programme_id    BIGINT NOT NULL REFERENCES tradein_programmes (id),
    style_ref       TEXT   NOT NULL,
    name            TEXT   NOT NULL,
    brand           TEXT   NOT NULL,
    category        TEXT   NOT NULL,
    season          TEXT   NOT NULL,
    reference_cents BIGINT NOT NULL CHECK (reference_cents > 0),
    photo_url       TEXT   NOT NULL DEFAULT '',
    search_text     TEXT   NOT NULL,
    UNIQUE (programme_id, style_ref)
);

-- T3/T4/T6: a quote, accepted once, then a box that travels, arrives and is handled.
CREATE TABLE tradein_boxes (
    id           BIGSERIAL PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES tradein_programmes (id),
    user_id      BIGINT NOT NULL REFERENCES users (id),
    state        TEXT   NOT NULL CHECK (state IN ('quoted', 'accepted', 'arrived', 'handled')),
    birth_date   TEXT   NOT NULL,
    full_name    TEXT   NOT NULL,
    address      TEXT   NOT NULL,
    postal_code  TEXT   NOT NULL,
    city         TEXT   NOT NULL,
    country      TEXT   NOT NULL,
    quoted_cents BIGINT NOT NULL CHECK (quoted_cents > 0),
    quoted_at    BIGINT NOT NULL,
    accepted_at  BIGINT NULL,
    carrier      TEXT   NULL,
    tracking     TEXT   NULL,
    arrived_at   BIGINT NULL,
    due_on       TEXT   NULL,
    handled_at   BIGINT NULL
);
CREATE INDEX tradein_boxes_user ON tradein_boxes (user_id, id);
CREATE INDEX tradein_boxes_state ON tradein_boxes (programme_id, state, due_on);
CREATE INDEX tradein_boxes_tracking ON tradein_boxes (tracking);

-- T5/T8: one piece of a box: what was declared and quoted, what inspection decided, what it
-- credited, and (accepted) its refurbishment steps done, as bits, and the piece it became.
CREATE TABLE tradein_items (
    id              BIGSERIAL PRIMARY KEY,
    box_id          BIGINT NOT NULL REFERENCES tradein_boxes (id) ON DELETE CASCADE,
    style_id        BIGINT NOT NULL REFERENCES tradein_styles (id),
    declared_grade  TEXT   NOT NULL,
    quoted_cents    BIGINT NOT NULL CHECK (quoted_cents > 0),
    grid_line       TEXT   NOT NULL,
    outcome         TEXT   NULL CHECK (outcome IN ('accepted', 'refused')),
    final_grade     TEXT   NULL,
    credited_cents  BIGINT NULL,
    refusal_reason  TEXT   NULL,
    inspected_at    BIGINT NULL,
    inspected_by    BIGINT NULL REFERENCES users (id),
    return_carrier  TEXT   NULL,
    return_tracking TEXT   NULL,
    refurb_steps    BIGINT NOT NULL DEFAULT 0,
    piece_id        BIGINT NULL REFERENCES pieces (id)
);
CREATE INDEX tradein_items_box ON tradein_items (box_id, id);

-- T6/T7: a person's store credit with one programme; equal to minus the ledger's
-- `store_credit:P:U`, kept here so that spending it is one compare-and-set.
CREATE TABLE store_credits (
    programme_id  BIGINT NOT NULL REFERENCES tradein_programmes (id),
    user_id       BIGINT NOT NULL REFERENCES users (id),
    balance_cents BIGINT NOT NULL CHECK (balance_cents >= 0),
    PRIMARY KEY (programme_id, user_id)
);

-- T7: a voucher asked for, issued at once or on a chosen date (its credit set aside meanwhile).
CREATE TABLE voucher_requests (
    id            BIGSERIAL PRIMARY KEY,
    programme_id  BIGINT NOT NULL REFERENCES tradein_programmes (id),
    user_id       BIGINT NOT NULL REFERENCES users (id),
    amount_cents  BIGINT NOT NULL CHECK (amount_cents > 0),
    issue_at      BIGINT NOT NULL,
    state         TEXT   NOT NULL CHECK (state IN ('scheduled', 'issued', 'cancelled')),
    instrument_id BIGINT NULL REFERENCES instruments (id),
    created_at    BIGINT NOT NULL
);
CREATE INDEX voucher_requests_due ON voucher_requests (state, issue_at);
CREATE INDEX voucher_requests_user ON voucher_requests (user_id, id);

-- T7: a voucher belongs to a programme; `reminded_at` marks the month-before notice sent.
ALTER TABLE instruments ADD COLUMN programme_id BIGINT NULL REFERENCES tradein_programmes (id);
ALTER TABLE instruments ADD COLUMN reminded_at BIGINT NULL;
CREATE INDEX instruments_expiry ON instruments (kind, expires_at);

-- T7: a boutique or e-shop that checks and redeems vouchers through the API with its token.
CREATE TABLE sales_channels (
    id           BIGSERIAL PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES tradein_programmes (id),
    name         TEXT   NOT NULL,
    kind         TEXT   NOT NULL CHECK (kind IN ('boutique', 'eshop')),
    token_hash   TEXT   NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    revoked_at   BIGINT NULL
);

-- T7: a channel's redemption of a voucher, once per (channel, idempotency key).
CREATE TABLE voucher_redemptions (
    id              BIGSERIAL PRIMARY KEY,
    instrument_id   BIGINT NOT NULL REFERENCES instruments (id),
    channel_id      BIGINT NOT NULL REFERENCES sales_channels (id),
    idempotency_key TEXT   NOT NULL,
    amount_cents    BIGINT NOT NULL CHECK (amount_cents > 0),
    reference       TEXT   NOT NULL DEFAULT '',
    state           TEXT   NOT NULL CHECK (state IN ('redeemed', 'reversed')),
    created_at      BIGINT NOT NULL,
    reversed_at     BIGINT NULL,
    UNIQUE (channel_id, idempotency_key)
);
CREATE INDEX voucher_redemptions_instrument ON voucher_redemptions (instrument_id, id);
