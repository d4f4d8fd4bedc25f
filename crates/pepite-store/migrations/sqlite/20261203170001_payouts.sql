-- P1: where a shop's payouts go. One account per shop; the IBAN passed its ISO 13616
-- checksum and its country's length before it was stored (`pepite_domain::commerce::iban`).
CREATE TABLE payout_accounts (
    seller_id  BIGINT NOT NULL PRIMARY KEY REFERENCES sellers (id),
    iban       TEXT   NOT NULL,
    bic        TEXT   NULL,
    holder     TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);

-- P1: every change of a payout account: who made it, when, and to what (the IBAN's last four
-- characters only: the history must not become a second copy of the account).
CREATE TABLE payout_account_changes (
    id         INTEGER PRIMARY KEY,
    seller_id  BIGINT NOT NULL REFERENCES sellers (id),
    user_id    BIGINT NOT NULL REFERENCES users (id),
    iban_last4 TEXT   NOT NULL,
    holder     TEXT   NOT NULL,
    changed_at BIGINT NOT NULL
);
CREATE INDEX payout_account_changes_seller ON payout_account_changes (seller_id, id);

-- P1: a payout run: one SEPA credit transfer file (pain.001) paying every seller's released
-- earnings, 'exported' when made, 'paid' once finance confirms the bank executed it. The
-- message id and the file are written in the run's own transaction, once its lines are taken.
CREATE TABLE payouts (
    id          INTEGER PRIMARY KEY,
    state       TEXT   NOT NULL CHECK (state IN ('exported', 'paid')),
    msg_id      TEXT   NULL UNIQUE,
    transfers   BIGINT NOT NULL,
    total_cents BIGINT NOT NULL,
    file        TEXT   NOT NULL DEFAULT '',
    created_by  BIGINT NOT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    paid_by     BIGINT NULL REFERENCES users (id),
    paid_at     BIGINT NULL
);

-- P1: one transfer of a run: a seller, the sum of their lines the run took, and the account
-- it went to as it was at the time.
CREATE TABLE payout_items (
    payout_id     BIGINT NOT NULL REFERENCES payouts (id),
    seller_id     BIGINT NOT NULL REFERENCES sellers (id),
    lines         BIGINT NOT NULL,
    amount_cents  BIGINT NOT NULL CHECK (amount_cents > 0),
    iban          TEXT   NOT NULL,
    bic           TEXT   NULL,
    holder        TEXT   NOT NULL,
    end_to_end_id TEXT   NOT NULL UNIQUE,
    PRIMARY KEY (payout_id, seller_id)
);
CREATE INDEX payout_items_seller ON payout_items (seller_id, payout_id);

-- P1: the run that pays a line. A run takes its lines by a compare-and-set on
-- `payout_id IS NULL`, so two runs at once never pay one line twice.
ALTER TABLE order_lines ADD COLUMN payout_id BIGINT NULL REFERENCES payouts (id);
-- What a run gathers: released lines not yet paid.
CREATE INDEX order_lines_to_pay ON order_lines (seller_id) WHERE payable_at IS NOT NULL AND payout_id IS NULL;
-- (The window timer reads `order_lines_unreleased`, made with the columns it reads.)
