-- Issue 13 (S1): the shared inbox's tools. Saved answers, each with a title and a French and
-- an English text, so an agent answers a person in the conversation's language; a title names
-- one answer only, whatever its case. `support_viewers` records when each agent last opened a
-- conversation, so another agent opening it is told someone else is reading it (one row per
-- agent and conversation, moved forward on each view).

CREATE TABLE support_saved_answers (
    id         INTEGER PRIMARY KEY,
    title      TEXT   NOT NULL,
    -- The title in lower case, from the application: SQLite's lower() knows only ASCII.
    title_key  TEXT   NOT NULL,
    body_fr    TEXT   NOT NULL,
    body_en    TEXT   NOT NULL,
    created_by BIGINT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX support_saved_answers_title ON support_saved_answers (title_key);

CREATE TABLE support_viewers (
    conversation_id BIGINT NOT NULL REFERENCES support_conversations (id),
    user_id         BIGINT NOT NULL REFERENCES users (id),
    seen_at         BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);
