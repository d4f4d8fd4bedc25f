-- Issue 13 (S1, E1): e-mail into customer service. Every mail the inbound SMTP listener takes
-- is stored here, raw, before the listener answers 250, so nothing accepted is lost to a crash;
-- it is then threaded into a conversation (or ignored, with a reason) by whichever process
-- claims it first. A relay's retry of the same Message-ID finds the unique key and makes no
-- second message.

CREATE TABLE support_inbound_mails (
    id              INTEGER PRIMARY KEY,
    message_id      TEXT   NOT NULL UNIQUE,
    mail_from       TEXT   NOT NULL,
    rcpt_to         TEXT   NOT NULL,
    -- The `+token` of the recipient address, when there was one.
    reply_token     TEXT   NULL,
    raw             BLOB   NOT NULL,
    state           TEXT   NOT NULL CHECK (state IN ('pending', 'threaded', 'ignored')),
    reason          TEXT   NULL,
    conversation_id BIGINT NULL REFERENCES support_conversations (id),
    -- A claim on a pending mail lasts until then; a lapsed one is anyone's again.
    claimed_until   BIGINT NULL,
    received_at     BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX support_inbound_mails_pending ON support_inbound_mails (state, claimed_until);
CREATE INDEX support_inbound_mails_of ON support_inbound_mails (conversation_id);
