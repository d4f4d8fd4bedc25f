# E-mails (E1). Each message: a subject, a greeting, paragraphs, sometimes a list of pieces and
# a button; the plain-text version says the same.
email-greeting = Hello { $name },
email-greeting-anonymous = Hello,
email-signature = See you soon on Pépite
email-footer = Pépite sends you this message about your account or your purchases. Every message we send is also listed in your account, under "My notifications".
email-lines-heading = Pieces

email-welcome-subject = Welcome to Pépite
email-welcome-body = Your account is open. One step is left: confirm that this e-mail address is yours.
email-welcome-action = Confirm my address
email-welcome-later = The link works for 7 days. Meanwhile you can already browse, buy and sell.

email-reset-subject = Choose a new password
email-reset-body = Someone asked for a new password for your account. The link below works once, for one hour.
email-reset-action = Choose a new password
email-reset-ignore = Didn't ask for anything? Ignore this message: your current password still works.

email-order-confirmed-subject = Order { $number } confirmed
email-order-confirmed-body = Thank you! We have received your payment of { $total }.
email-order-confirmed-direct = Each seller packs their piece and sends it straight to you. We will tell you as each parcel leaves.
email-order-confirmed-grouped = Your pieces go through our workshop first, which checks them and sends them to you together, in one parcel.
email-order-action = Follow my order

email-new-order-subject = Piece sold: order { $number } to ship
email-new-order-buyer = Good news, you made a sale! Pack these pieces with care and ship them to the buyer: the address is in your seller area.
email-new-order-workshop = Good news, you made a sale! Pack these pieces with care and ship them to the Pépite workshop, which checks them before sending them on to the buyer.
email-new-order-action = See the order

email-gift-card-subject = { $from } sent you a Pépite gift card
email-gift-card-body = You have received a gift card worth { $amount }, to spend on Pépite until { $date }.
email-gift-card-code = Your code: { $code }
email-gift-card-message = Their message: "{ $message }"
email-gift-card-pdf = The printable card is attached. Type the code when you pay; whatever you don't spend stays on the card.
email-gift-card-action = Discover the pieces

email-piece-action = See the piece
email-browse-action = Browse other pieces
email-offer-buy-action = Buy at this price
email-offer-received-subject = New offer for "{ $title }"
email-offer-received-body = A buyer offers { $amount } for "{ $title }", listed at { $list }.
email-offer-received-deadline = You have until { $date } to accept, decline or make a counter-offer. Without an answer, the offer is cancelled.
email-offer-received-action = Answer the offer
email-offer-accepted-subject = Offer accepted: "{ $title }" at { $amount }
email-offer-accepted-body = The seller accepts your offer. The piece costs { $amount } until { $date }, for everyone: the first person to pay gets it.
email-offer-countered-subject = Counter-offer for "{ $title }": { $amount }
email-offer-countered-body = The seller won't go down to { $offer }, but offers you { $amount }. This price holds until { $date }, for everyone: the first person to pay gets it.
email-offer-refused-subject = Offer declined for "{ $title }"
email-offer-refused-body = The seller declined your offer of { $amount }. The piece stays on sale at its listed price.
email-counter-declined-subject = Counter-offer turned down for "{ $title }"
email-counter-declined-body = The buyer who offered { $offer } is not taking your counter-offer of { $amount }. The negotiated price is lifted: "{ $title }" sells at its listed price again, for everyone.
email-counter-declined-action = See the offers I received
email-offer-expired-subject = Your offer for "{ $title }" has expired
email-offer-expired-body = The seller did not answer your offer of { $amount } in time, so it is cancelled. The piece stays on sale at its listed price.
email-offer-ended-subject = "{ $title }" has found a buyer
email-offer-ended-body = This piece has just been sold, so your offer ends. Other finds are waiting for you.
email-agreed-ending-subject = Last hours for "{ $title }" at { $amount }
email-agreed-ending-body = The negotiated price of { $amount } for "{ $title }" ends on { $date }. After that, the piece goes back to its listed price.
email-alert-fired-subject = "{ $title }" is for sale again
email-alert-fired-body = The piece you were watching is back, at { $amount }. Your alert ends with this message.

email-shipped-subject = Order { $number }: a parcel is on its way
email-shipped-body = Your parcel has been handed to { $carrier }.
email-shipped-tracking = Tracking number: { $tracking }
email-shipped-action = Track the parcel
email-shipped-order = Your order: { $url }
email-delivered-subject = Order { $number }: parcel delivered
email-delivered-body = Your parcel was delivered on { $date }. We hope you enjoy your pieces!

email-cancelled-subject = Order { $number } cancelled
email-cancelled-body = Your order is cancelled, as you asked. Everything you paid comes back to you, shipping included.
email-cancelled-body-platform = Pépite cancelled your order before it was shipped. Everything you paid comes back to you, shipping included. For any question, reply to this message or write to customer service.
email-cancelled-card = { $amount } are refunded to your means of payment; depending on your bank, allow a few days.
email-cancelled-gift-cards = { $amount } are credited back to your gift cards.
email-sale-cancelled-subject = Order { $number } cancelled: do not ship
email-sale-cancelled-body = The buyer cancelled this order before it was shipped. Do not send these pieces: they are on sale again in your shop.
email-sale-cancelled-body-platform = Pépite cancelled this order before it was shipped. Do not send these pieces: they are on sale again in your shop.

email-refund-subject = Order { $number }: refund made
email-refund-body = We have refunded the pieces below. Your credit note is number { $credit_note }; you will find it with your order.
email-refund-deducted = { $amount } were kept for the return shipping, as shown when you asked for the return.
email-refund-action = Download the credit note
# P1: payouts
email-payout-subject = Payout of { $amount } sent to your bank
email-payout-body = We have sent { $amount } for { $pieces } sold pieces by bank transfer to your account { $account } on { $date }.
email-payout-delay = A SEPA transfer usually reaches the account within one or two business days.
email-payout-action = See my statement

# Trade-in (T4–T7)
email-tradein-accepted-subject = { $programme } trade-in: your box is ready to go
email-tradein-accepted-body = You accepted our offer of { $total } for { $pieces } piece(s). Each piece's final amount is confirmed when it arrives and has been checked.
email-tradein-accepted-steps = Print the transfer form, sign it and put it in the box with your pieces. Stick the prepaid label on the box and drop it at a post office, a pickup point or a carrier's agency. Both documents are on your box's page.
email-tradein-accepted-action = Download the documents
email-tradein-accepted-proof = Keep the drop-off receipt you are given: it is your proof if the box goes missing.
email-tradein-received-subject = { $programme } trade-in: your box has arrived
email-tradein-received-body = Your box has reached our workshop. Our experts are checking each piece; you will have our answer by { $date } at the latest.
email-tradein-box-action = Follow my box
email-tradein-piece-accepted-subject = "{ $name }" accepted: { $amount } of credit
email-tradein-piece-accepted-body = Our experts accepted "{ $name }" as { $grade }. { $amount } has been added to your store credit.
email-tradein-piece-lower-grade = You described it as { $declared }; after checking it we graded it { $grade }, and the amount follows the grid for that grade.
email-tradein-credit-balance = Your { $programme } credit is now { $balance }. Turn it into one or more vouchers whenever you like.
email-tradein-credit-action = See my credit and vouchers
email-tradein-box-link = Your box in detail: { $link }
email-tradein-piece-refused-subject = "{ $name }" could not be taken back
email-tradein-piece-refused-body = After checking it, our experts could not accept "{ $name }": { $reason }.
email-tradein-piece-refused-return = We are sending it back to you free of charge; its tracking number is on your box's page.
email-voucher-issued-subject = Your { $programme } voucher of { $amount }
email-voucher-issued-body = Here is your voucher of { $amount }, valid until { $date }.
email-voucher-channels = Use it at once or bit by bit, on everything: in the brand's online shop, in its second-hand shop and in its stores, where you just show the code.
email-voucher-ending-subject = Your { $programme } voucher ends in less than a month
email-voucher-ending-body = Your voucher still holds { $balance }, to use by { $date }. After that date it can no longer be used.

email-seller-question-subject = A question from customer service about "{ $title }"
email-seller-question-body = Customer service has a buyer's question about your piece "{ $title }":
email-seller-question-why = Answer from your seller space: customer service passes your answer on to the buyer. For your safety and theirs, contact details (e-mail addresses, phone numbers, links, names) are masked both ways.
email-seller-question-action = Answer the question
