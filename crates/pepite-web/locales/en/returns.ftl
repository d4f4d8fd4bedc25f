# Returns (R1–R6): states, documents, e-mails, pages.

order-state-return-asked = Return asked
order-state-returned = Return received
order-state-refunded = Refunded
bo-order-state-return-asked = Return asked
bo-order-state-returned = Return received
bo-order-state-refunded = Refunded

bo-event-return-asked = Return asked by the buyer
bo-event-return-claimed = Defect claim sent by the buyer
bo-event-return-claim-upheld = Claim upheld by customer service
bo-event-return-claim-rejected = Claim rejected: a change-of-mind return
bo-event-return-withdrawn = Return withdrawn by the buyer
bo-event-return-passed = Returned piece received, check passed
bo-event-return-failed = Returned piece received, check failed

return-reason-change-of-mind = Change of mind
return-reason-defective = Defective or not as described
return-state-claimed = Claim under review
return-state-accepted = Return accepted: awaiting the pieces
return-state-withdrawn = Return withdrawn
return-state-closed = Return complete
return-outcome-passed = Received and checked: refunded
return-outcome-failed = Received, failed its check

return-slip-title = Return slip
return-slip-number = Return no. { $id }
return-slip-order = Order
return-slip-date = Asked on
return-slip-reason = Reason
return-slip-charge = Return shipping deducted
return-slip-parcel = Parcel { $n }
return-slip-col-parcel = Parcel
return-slip-from = Sender
return-slip-to = Addressee
return-slip-note-inside = Put this slip in the parcel with each piece as you received it, then stick the parcel's label on flat.
return-slip-note-refund = The refund goes to your original means of payment as soon as the piece is received and checked.
return-slip-file = return-slip
return-no-exchanges = No exchanges: every piece is one of a kind, so a return is always refunded.
return-to-seller-note = Address printed by the carrier on the label
return-to-workshop = { $name } workshop

return-label-title = Return label
return-label-kind = RETURN
return-label-weight = Declared weight: { $grams } g
return-label-refs = Order { $number } · return no. { $id }
return-label-prepaid = Postage paid by Pépite
return-label-charged = Postage deducted from the refund
return-label-file = return-label

email-return-accepted-subject = Order { $number }: your return is accepted
email-return-claim-upheld = We looked at your photos: the piece is not as described. The return is free, and everything you paid for it will be refunded, shipping included.
email-return-claim-rejected = Having looked at your photos, we do not find a defect. You may still return it as a change of mind on the terms below, or give up the return from your order.
email-return-accepted-labels = { $count ->
    [one] Your return label and the slip to put in the parcel are ready on your order's page.
   *[other] Your { $count } return labels and the slip to put in the parcels are ready on your order's page.
}
email-return-accepted-charge = The return shipping, { $amount }, will be deducted from your refund.
email-return-accepted-free = The return costs you nothing.
email-return-accepted-refund = We refund each piece as soon as it is received and checked.
email-return-action = Print my labels
email-return-coming-subject = Order { $number }: pieces are coming back to you
email-return-coming-body = The buyer is sending these pieces back to you with a prepaid label. When they arrive, check they are as you sent them and record their receipt in your seller space.
email-return-coming-action = Follow the return
email-return-refused-subject = Order { $number }: return refused
email-return-refused-body = The piece below reached us in a different state from the one it was sent in. Its return is therefore not accepted and it will not be refunded.
email-return-refused-note = What we found: { $note }

return-page-heading = Returns
return-page-which = Which pieces are going back?
return-page-why = Why
return-page-until = until { $date }
return-page-rules = In metropolitan France, each piece goes back to its seller for free with a prepaid label. Elsewhere, return shipping is yours to pay: you see it before confirming, and it is deducted from the refund.
return-page-next = See the return's terms
return-page-none = No piece can be sent back right now: the return window starts at delivery.
return-page-slip = Return slip (PDF)
return-page-label = Label for parcel { $n } → { $to } (PDF)
return-page-withdraw = I am keeping the pieces
return-page-charge = Return shipping deducted from the refund: { $amount }
return-page-to-workshop = the Pépite workshop
return-page-to-shop = { $shop }
return-page-title = Return on order { $number }
return-page-chosen = Pieces going back
return-page-route = How they travel back
return-page-parcel = { $count ->
    [one] Parcel { $n } (1 piece)
   *[other] Parcel { $n } ({ $count } pieces)
}
return-page-cost = Return shipping is yours to pay: { $amount }, deducted from your refund.
return-page-cost-waived = If your claim is upheld, the return becomes free and everything you paid for the piece is refunded, shipping included.
return-page-free = Free return: prepaid labels provided.
return-page-note = Describe the defect, or what differs from the listing
return-page-photos = Photos of the defect (JPEG, PNG or WebP)
return-page-claim-hint = Our customer service looks at your photos, then sends you the labels.
return-page-confirm = Confirm the return
return-page-back = Back to the order

desk-returns-title = Returns
desk-returns-claims = Claims to review
desk-returns-coming = Returns on their way
desk-returns-empty = No return here.
desk-returns-col-return = Return
desk-returns-col-state = State
desk-returns-decision = Decision
desk-returns-decision-upheld = Claim upheld
desk-returns-decision-rejected = Claim rejected
desk-returns-photo = Photo sent by the buyer
desk-returns-decide-hint = Upheld: free return from anywhere and a full refund of the piece, shipping included. Rejected: it may still be returned as a change of mind.
desk-returns-uphold = Uphold the claim
desk-returns-reject = Reject the claim
desk-returns-pieces = Pieces sent back
desk-returns-passed = Received as it was sent
desk-returns-failed = Received in another state
desk-returns-note = What you found (required if it differs)
desk-returns-receive = Record the receipt

credit-note-heading = Credit notes
credit-note-title = Credit note
credit-note-number = Credit note no. { $number }
credit-note-date = Date
credit-note-invoice = Original invoice
credit-note-reason = Reason
credit-note-reason-return = Return of the piece
credit-note-reason-return-defect = Return of a piece not as described
credit-note-reason-other = Refund
credit-note-reason-goodwill = Goodwill gesture from customer service
credit-note-reason-defect = Piece not as described (claim upheld)
credit-note-total = Total refunded
credit-note-to-card = Back to the card
credit-note-to-paypal = Back to the PayPal account
credit-note-to-gift-card = Back to the gift cards
credit-note-to-gift-cards = Credited back to the gift cards
credit-note-refers = This credit note refers to invoice { $number } and reduces it by the same amount.
credit-note-file = credit-note
