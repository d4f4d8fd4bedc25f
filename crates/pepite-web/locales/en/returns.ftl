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
