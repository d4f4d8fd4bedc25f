-- Issue 13 item 1 (S1, A4): files in a conversation, photos and PDFs, checked like piece
-- photos. The file lives in the file store under `storage_key` (never under `photos/`, which
-- `/media` serves to anyone); a row names it only once the message that carries it is
-- written, in the same transaction. Who may download one follows its message: the person
-- reads those of public messages, staff every one.

CREATE TABLE support_attachments (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES support_conversations (id),
    message_id      INTEGER NOT NULL REFERENCES support_messages (id),
    storage_key     TEXT   NOT NULL UNIQUE,
    -- The name shown and offered on download, cleaned of paths and control characters.
    file_name       TEXT   NOT NULL,
    content_type    TEXT   NOT NULL CHECK (content_type IN ('image/jpeg', 'application/pdf')),
    size_bytes      INTEGER NOT NULL CHECK (size_bytes > 0),
    created_at      INTEGER NOT NULL
);
CREATE INDEX support_attachments_of ON support_attachments (conversation_id, message_id);
