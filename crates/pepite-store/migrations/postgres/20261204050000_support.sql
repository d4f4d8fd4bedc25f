-- Issue 13 (S1, S2, A3): customer service. A conversation belongs to a person (or a visitor
-- known by an e-mail address), may name an order or a piece, and holds messages from the
-- person, staff's public answers and internal notes, and, relayed, the seller. Its state and
-- assignment move by compare-and-set on `version`; `due_at` is when the next answer is due,
-- counted in opening minutes (S2). `reply_token` makes the reply address that threads e-mail.

CREATE TABLE support_conversations (
    id          BIGSERIAL PRIMARY KEY,
    shop_id     BIGINT NOT NULL DEFAULT 1,
    user_id     BIGINT NULL REFERENCES users (id),
    email       TEXT   NOT NULL,
    language    TEXT   NOT NULL,
    subject     TEXT   NOT NULL,
    order_id    BIGINT NULL REFERENCES orders (id),
    piece_id    BIGINT NULL REFERENCES pieces (id),
    state       TEXT   NOT NULL CHECK (state IN ('open', 'waiting_person', 'waiting_seller', 'closed')),
    assignee_id BIGINT NULL REFERENCES users (id),
    reply_token TEXT   NOT NULL UNIQUE,
    version     BIGINT NOT NULL,
    due_at      BIGINT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX support_conversations_inbox ON support_conversations (state, due_at);
CREATE INDEX support_conversations_of_user ON support_conversations (user_id, updated_at);

CREATE TABLE support_messages (
    id              BIGSERIAL PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES support_conversations (id),
    author          TEXT   NOT NULL CHECK (author IN ('person', 'staff', 'note', 'seller')),
    author_id       BIGINT NULL REFERENCES users (id),
    body            TEXT   NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX support_messages_of ON support_messages (conversation_id, id);
