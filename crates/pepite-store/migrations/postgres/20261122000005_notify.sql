-- Jobs and timers, the notification outbox (E1, E2), e-mail verification and password reset.

ALTER TABLE users ADD COLUMN email_verified_at BIGINT NULL;

-- Work to do at or after `run_at`, written in the same transaction as the change that causes
-- it. A claimed job is 'running' with `run_at` moved to the end of its lease, so a worker that
-- dies leaves a job that is simply due again. `dedupe` makes periodic ticks run once per slot
-- whatever the number of instances.
CREATE TABLE jobs (
    id           BIGSERIAL PRIMARY KEY,
    kind         TEXT   NOT NULL,
    payload      TEXT   NOT NULL,
    dedupe       TEXT   NULL UNIQUE,
    state        TEXT   NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
    run_at       BIGINT NOT NULL,
    attempts     BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL CHECK (max_attempts > 0),
    leased_by    TEXT   NULL,
    last_error   TEXT   NULL,
    created_at   BIGINT NOT NULL,
    finished_at  BIGINT NULL
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_state ON jobs (state, id);

-- E1/E2: one row per message to send, unique per event and recipient (`dedupe`); rendered in
-- the recipient's language when sent. A message being sent has `next_at` at the end of its
-- lease, like a job.
CREATE TABLE notifications (
    id          BIGSERIAL PRIMARY KEY,
    dedupe      TEXT   NOT NULL UNIQUE,
    kind        TEXT   NOT NULL,
    user_id     BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
    to_address  TEXT   NOT NULL,
    language    TEXT   NOT NULL CHECK (language IN ('fr', 'en')),
    params      TEXT   NOT NULL,
    state       TEXT   NOT NULL CHECK (state IN ('pending', 'sent', 'dead')),
    attempts    BIGINT NOT NULL DEFAULT 0,
    next_at     BIGINT NOT NULL,
    leased_by   TEXT   NULL,
    last_error  TEXT   NULL,
    via         TEXT   NULL,
    created_at  BIGINT NOT NULL,
    sent_at     BIGINT NULL
);
CREATE INDEX notifications_due ON notifications (next_at) WHERE state = 'pending';
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_state ON notifications (state, id);

-- Single-use secrets sent by e-mail (only their SHA-256 is kept): e-mail verification and
-- password reset. Using one is a compare-and-set on `used_at`.
CREATE TABLE account_tokens (
    token_hash TEXT   PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT   NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT NULL
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);
