-- Issue 13 (S3, A3): customer service asks a seller about a piece. The question is stored as
-- it was sent, already masked of the buyer's identity; the seller's answer is kept as written
-- (for audit) and masked, with what was found (JSON), and only staff pass it on. The state
-- moves asked -> answered -> passed by compare-and-set.

CREATE TABLE support_seller_questions (
    id                INTEGER PRIMARY KEY,
    conversation_id   BIGINT NOT NULL REFERENCES support_conversations (id),
    seller_id         BIGINT NOT NULL REFERENCES sellers (id),
    piece_id          BIGINT NOT NULL REFERENCES pieces (id),
    asked_by          BIGINT NOT NULL REFERENCES users (id),
    question          TEXT   NOT NULL,
    question_findings TEXT   NOT NULL,
    answer_raw        TEXT   NULL,
    answer            TEXT   NULL,
    answer_findings   TEXT   NULL,
    state             TEXT   NOT NULL CHECK (state IN ('asked', 'answered', 'passed')),
    version           BIGINT NOT NULL,
    created_at        BIGINT NOT NULL,
    answered_at       BIGINT NULL,
    passed_at         BIGINT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX support_seller_questions_of_seller ON support_seller_questions (seller_id, state, id);
CREATE INDEX support_seller_questions_of_conversation ON support_seller_questions (conversation_id, id);
