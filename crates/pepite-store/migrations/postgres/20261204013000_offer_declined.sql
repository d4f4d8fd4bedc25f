-- N5: the buyer may decline a counter-offer (state 'declined'). PostgreSQL named the
-- column's CHECK `offers_state_check`; it is replaced in place.
ALTER TABLE offers DROP CONSTRAINT offers_state_check,
    ADD CONSTRAINT offers_state_check CHECK (state IN ('open', 'accepted', 'countered',
        'declined', 'refused', 'expired', 'lapsed', 'bought', 'ended'));
