-- Issue 13 (S1, A4): a visitor without an account writes from the site's chat with an e-mail
-- address. Their browser keeps a random key in a cookie; the conversation keeps only the key's
-- SHA-256, which is what lets that browser read it again (the e-mail address alone never does).
ALTER TABLE support_conversations ADD COLUMN visitor_key TEXT NULL;
CREATE INDEX support_conversations_of_visitor ON support_conversations (visitor_key, updated_at);
