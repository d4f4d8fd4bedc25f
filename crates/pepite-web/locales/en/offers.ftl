# Price offers (N1–N7), the current price (C6), alerts (L1) and staff listing a piece again.

## The current price (C6)
price-agreed-until = negotiated price, valid until { $date }
price-list-was = Previously listed at:

## On a piece's page
offer-heading = Suggest a price
offer-rules = The seller has { $hours } h to accept, decline or counter. One offer per piece.
offer-amount = Your offer in euros
offer-amount-hint = At least { $min }, and below the current price.
offer-submit = Send my offer
offer-sign-in = Sign in to suggest a price
offer-yours = Your offer
offer-yours-amount = You offered { $amount }.
offer-yours-counter = The seller suggests { $amount }.
offer-wait = The seller has until { $date } to answer you.
offer-agreed = Agreed price: { $amount }, until { $date }. Whoever pays first gets the piece.
offer-proposed = The seller suggests { $amount }, until { $date }. While you decide, this price stands for everyone: whoever pays first gets the piece.
offer-decline = No thanks, decline
offer-declined = You declined the counter-offer: the piece is back at its listed price.
offer-done-declined = Counter-offer declined. The seller has been told.
offer-buy = Buy at { $amount }
offer-error-minimum = Too low: offer at least { $min }.
offer-done-made = Your offer is on its way. We will write to you as soon as the seller answers.

offer-state-open = Waiting for an answer
offer-state-accepted = Accepted
offer-state-countered = Seller's counter-offer
offer-state-declined = Counter-offer declined
offer-state-refused = Declined
offer-state-expired = Expired without an answer
offer-state-lapsed = Agreed price has ended
offer-state-bought = Bought
offer-state-ended = Closed: the piece is sold

offer-conflict-offer-piece-not-listed = This piece is no longer for sale, so it takes no offers.
offer-conflict-offer-not-open = The seller takes no offers on this piece.
offer-conflict-offer-own-piece = This is one of your own pieces: you cannot make an offer on it.
offer-conflict-offer-already-made = You already made an offer on this piece: only one is allowed.
offer-conflict-offer-not-awaiting-answer = This offer is no longer waiting for an answer: it was already handled or its time ran out.
offer-conflict-offer-agreement-running = A negotiated price is already running on this piece. Wait for it to end before agreeing another one.
offer-conflict-offer-not-agreed = No agreed price is running for this offer any more.
offer-conflict-offer-no-counter-running = There is no running counter-offer to decline any more: it was already declined, has ended, or the piece is sold.
offer-conflict-piece-not-for-sale = This piece is no longer for sale.
offer-conflict-alert-piece-not-sold = Alerts can only be set on a sold piece that is still shown.
offer-conflict-piece-not-sold = This piece is not sold: there is nothing to put back on sale.
offer-conflict-other = This can no longer be done. Reload the page to see where the piece stands.

## Field refusals (error-<code>)
error-offer-below-minimum = This offer is below the lowest amount accepted for this piece.
error-offer-not-below-price = An offer must be below the piece's current price.
error-counter-not-above-offer = The counter-offer must be above the buyer's offer.

## Alerts (L1)
alert-heading = It might come back
alert-explain = This piece is sold. If it comes back to us after a return, it goes on sale again: set an alert to hear about it at once.
alert-set = Tell me if it comes back
alert-is-set = Alert set: we will write to you once if the piece goes back on sale.
alert-remove = Remove my alert
alert-sign-in = Sign in to set an alert
alert-done-set = Alert set.
alert-done-removed = Alert removed.

## My offers, my alerts
account-offers-title = My offers
account-offers-intro = The prices you suggested and the sellers' answers. An agreed price holds for everyone until it ends: don't wait too long.
account-offers-empty = You have not suggested any price yet.
account-offers-older = Older offers
account-offers-section = Offers and alerts
account-offers-section-intro = Follow your price offers and the sold pieces you are watching.
account-alerts-title = My alerts
account-alerts-intro = The sold pieces you are watching. If one goes back on sale, you get a message and the alert stops.
account-alerts-empty = No alert running.
offers-col-piece = Piece
offers-col-amount = Offer
offers-col-counter = Counter-offer
offers-col-state = Where it stands
offers-col-deadline = Deadline
offers-col-buyer = Buyer
offers-answer-by = answer by { $date }
offers-agreed-until = price valid until { $date }
offers-none = —
alerts-col-since = Set on
alerts-col-piece-state = Piece
alerts-remove-label = Remove my alert on “{ $title }”
offers-refused-buy = This buying link no longer works: { $why }
offers-refused-decline = This could not be declined: { $why }

## Offers received (seller)
sell-offers-title = Offers received
sell-offers-intro = You have { $hours } h to answer each offer; without an answer it is cancelled. Accepting or countering sets the piece's price for everyone for { $agreed } h.
sell-offers-open = To answer
sell-offers-none-open = No offer is waiting for your answer.
sell-offers-past = Already handled
sell-offers-none-past = Nothing yet.
sell-offers-line = { $buyer } offers { $amount } (listed at { $list })
sell-offers-accept = Accept { $amount }
sell-offers-refuse = Decline
sell-offers-counter = Counter
sell-offers-counter-amount = Your counter-offer in euros
sell-offers-counter-hint = More than the offer, at least { $min } and below the current price.
sell-offers-link = Offers received ({ $count } to answer)
sell-offers-done-accepted = Offer accepted: the buyer is told and can buy at this price.
sell-offers-done-refused = Offer declined: the buyer is told.
sell-offers-done-countered = Counter-offer sent: the buyer is told.
sell-offers-older = Older offers

## Staff putting a piece back on sale (C3, L1)
relist-button = Put back on sale
relist-label = Put back on sale: “{ $title }”
relist-done = The piece is on sale again: everyone who was watching it is told.
