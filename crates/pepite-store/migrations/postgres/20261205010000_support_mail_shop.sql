-- Issue 13 (S1, P3): the shop a received mail opens its conversation in, decided at receipt
-- from the envelope (the support mailbox at a shop's own host); the first shop otherwise.
ALTER TABLE support_inbound_mails ADD COLUMN shop_id BIGINT NOT NULL DEFAULT 1;
