-- O7/P2: the refund job looks for charges owed back whose refund has not been recorded;
-- they are rare, so only their journals are indexed.
CREATE INDEX journals_unsold ON journals (id) WHERE kind = 'unsold_charge';
