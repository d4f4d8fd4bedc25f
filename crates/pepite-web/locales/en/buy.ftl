# English texts of the buyer's pages: cart, checkout, orders, invoices, gift cards, address
# book. Every key also exists in fr/buy.ftl (a test checks it).

nav-cart-count = , { $count ->
    [one] one piece
   *[other] { $count } pieces
}
nav-cart = Cart
nav-orders = My orders
nav-gift-cards = Gift cards

## Field errors of the buyer's forms

error-discount-unknown = We do not know this code. Check its spelling.
error-discount-not-yet-valid = This code cannot be used yet.
error-discount-expired = This code has expired.
error-discount-below-minimum = Your order does not yet reach the minimum this code asks for.
error-discount-used-up = This code has been used as many times as it allows.
error-discount-already-used = You have already used this code.
error-discount-not-applicable = This code does not apply to the pieces in your cart.
error-gift-card-unknown = We do not know this gift card code. Check every character.
error-gift-card-expired = This gift card has expired: it can no longer pay.
error-gift-card-empty = Nothing is left on this gift card.
error-gift-card-insufficient = The balance of a gift card changed in the meantime. Update the summary.
error-in-the-past = Choose today or a later date.
error-payment-rejected = The payment service refused these details. Check them and try again.
error-unknown-destination = We do not deliver to this country yet.

## Piece page

cart-add = Add to cart
cart-add-note = Adding it does not hold it: the first person to pay gets it.

## Cart

cart-title = My cart
cart-empty = Your cart is empty.
cart-browse = Discover the pieces
cart-no-reservation = A cart holds nothing back: each piece is unique, and it goes to the first person who pays for it.
cart-gone = No longer available: someone else bought it.
cart-price-changed = Price changed from { $from } to { $to }.
cart-remove = Remove
cart-remove-label = Remove “{ $title }” from the cart
cart-added-here = Added to your cart. Nothing is held until you pay.
cart-see = See my cart
cart-keep-browsing = Keep browsing
cart-removed = The piece has been removed from your cart.
cart-code = Discount code
cart-code-label = Code
cart-code-hint = One code per order. Leave the field empty to take the code off.
cart-code-apply = Apply
cart-code-saved = Your discount code is saved.
cart-code-refused = The code { $code } does not apply right now.
cart-totals = Summary
cart-subtotal = Subtotal
cart-shipping-later = Shipping is worked out at checkout, from your address and the way you choose to receive your pieces.
cart-checkout = Checkout

## Lines of a total (cart, checkout, order, invoice)

total-goods = Pieces
total-code = Discount code { $code }
total-discount = Discount code
cart-bulk-rate = { $rate } % off for buying several pieces together
cart-bulk-next = { $count ->
    [one] One more piece
   *[other] { $count } more pieces
} in this order and the multi-piece discount is { $rate } % off the pieces.
total-bulk = Multi-piece discount
total-shipping = Shipping
total-qc-fee = Quality check
total-total = Total
total-gift-card = Gift card { $code }
total-to-pay = Left to pay by card or PayPal
total-paid-card = Paid by card
total-paid-paypal = Paid with PayPal
total-unpaid-card = Card share (not paid)
total-unpaid-paypal = PayPal share (not paid)

mode-direct = Direct
mode-direct-help = Each seller sends their pieces straight to you: one parcel per seller.
mode-grouped = Grouped and checked
mode-grouped-help = Every piece goes to our workshop first, is checked one by one, then leaves in a single parcel. A little slower, with a quality-check fee.

method-card = Card (Visa, Mastercard, American Express)
method-paypal = PayPal
method-gift-card = Gift cards

customs-duties = This parcel leaves the European Union: import duties and taxes may be asked of you on arrival, and are yours to pay.
customs-uk-vat = Goods worth { $goods }, above the { $threshold } threshold: UK import VAT of about { $vat } (on { $base }, shipping included) will be asked on delivery.
customs-uk-no-vat = Goods worth { $goods }, not above { $threshold }: no UK import VAT at the border.
customs-uk-vat-invoice = United Kingdom: the goods are worth { $goods }, above the import VAT threshold, so import VAT is due on arrival, computed on the goods plus shipping and handling.

## Checkout

checkout-title = Checkout
checkout-pieces = Your pieces
checkout-code = Discount code { $code } applied.
checkout-code-change = Change it in your cart
checkout-gone-intro = These pieces are no longer available: someone else bought them first. They are not in this order and nothing is charged for them.
checkout-back-to-cart = Back to my cart
checkout-delivery = Delivery address
checkout-saved-addresses = Deliver to
checkout-new-address = A new address, below
checkout-save-address = Save this address for next time
checkout-delivery-frozen = The delivery address cannot be changed once the order is placed.
checkout-billing = Billing address
checkout-billing-same = Same as the delivery address
checkout-billing-other = Another billing address
checkout-update = Update summary
checkout-update-hint = After changing the address, the country or the gift cards, update to see the new amounts.
checkout-shipping = How would you like to receive your pieces?
checkout-parcel-from = Parcel from { $shop }
checkout-parcel-workshop = One parcel from our workshop
checkout-parcel-one = 1 piece
checkout-parcel-pieces = { $count } pieces
checkout-estimate-days = Delivery in { $min } to { $max } business days,
checkout-estimate-dates = between { $from } and { $to }.
checkout-gift-cards = Gift cards
checkout-gift-cards-label = Gift card codes
checkout-gift-cards-hint = One code per line, or separated by commas. Several cards can be combined; what is not used stays on them.
checkout-needed-before = Needed before a date?
checkout-needed-before-label = Needed before
checkout-needed-before-hint = Our team sees this date and does its best to meet it.
checkout-payment = Payment
checkout-method = Pay with
checkout-card-number = Card number
checkout-card-hint = Left empty when gift cards pay everything. With PayPal, you approve the payment on PayPal's page.
checkout-pay = Pay
checkout-pay-hint = The amount is taken when you click: the total is the one shown above for the way of delivery you chose.
sandbox-cards-intro = Test mode: no real money moves. Use one of these cards:
sandbox-card-success = the payment succeeds
sandbox-card-declined = the card is declined
sandbox-card-authentication = your bank asks you to confirm
checkout-gone-not-charged = Someone else bought one of these pieces a moment before you. You were not charged.
checkout-held-not-charged = One of these pieces is being paid for by another buyer and is held while that payment is under way. It may become available again if it does not go through. You were not charged.
checkout-unavailable = The payment service did not answer. You were not charged; try again in a moment.
checkout-conflict-total-changed = The total changed in the meantime. Nothing was charged: check the new amounts and pay again.
checkout-conflict-own-piece = One of these pieces is from your own shop: remove it from your cart to continue.
checkout-conflict-too-heavy = This parcel is too heavy for our carriers. Split your order in two.
checkout-conflict-idempotency-key-reused = This form has already been sent. Check your orders before paying again.
checkout-conflict-request-in-progress = Your payment is still being processed. Check your orders in a moment.
checkout-conflict-pieces-gone = Someone else bought one of these pieces a moment before you. You were not charged.
checkout-conflict-other = This could not be done right now. Nothing was charged; try again.

declined-card-declined = Your card was declined. No money was taken: try another card or PayPal.
declined-insufficient-funds = Your card was declined for insufficient funds. No money was taken.
declined-expired-card = Your card has expired. No money was taken: use another card.
declined-authentication-failed = The payment was not confirmed with your bank. No money was taken.
declined-pieces-gone-refunded = Someone else paid for one of these pieces a moment before you: your payment was refunded in full.
declined-invalid-number = This card number is not valid. Check it and try again.
declined-card-not-supported = This card is not accepted. Try another card or PayPal.
declined-paypal-declined = PayPal declined the payment. No money was taken.
declined-payment-canceled = The payment was cancelled. No money was taken.
declined-payment-unavailable = The payment service did not answer. No money was taken.
declined-payment-timeout = The payment was not completed in time. No money was taken and the pieces are free again.
declined-pieces-gone = Someone else bought one of these pieces first. No money was taken.
declined-other = The payment did not go through. No money was taken.

## Sandbox authentication page

sandbox-eyebrow = Test payment
sandbox-title = Confirm the payment
sandbox-intro = In real life, your bank or PayPal would ask you to confirm here. In test mode, you decide.
sandbox-reference = Reference { $reference }
sandbox-approve = Approve
sandbox-refuse = Refuse

## Orders

orders-title = My orders
orders-empty = You have not ordered anything yet.
orders-number = Order
orders-date = Date
orders-state = Status
orders-total = Total
orders-attempt = Attempt #{ $id }
orders-older = Older orders
order-number = Order No. { $number }
order-title = Order
order-attempt = Payment attempt #{ $id }
order-attempt-title = Payment attempt
order-state-awaiting-payment = Awaiting payment
order-state-paid = Paid
order-state-failed = Payment did not go through
order-state-declined = Payment declined
order-state-abandoned = Payment abandoned
order-no-invoice = So no order was placed, and there is no invoice.
order-thanks = Thank you, order No. { $number } is confirmed.
order-thanks-next = A confirmation is on its way by e-mail. Each seller has been told which pieces to send.
order-invoice = Download the invoice (PDF)
order-failed-cart = The pieces are back in your cart.
order-awaiting = We are waiting for the payment to be confirmed. This page shows where it stands.
order-parcels = Parcels · { $mode }
order-parcel-from = Parcel { $n }, sent by { $shop }
order-parcel-workshop = Parcel { $n }, from our workshop after checking
order-via-workshop = Sent by the seller to our workshop, checked, then packed with the rest of your order.
order-needed-before = Needed before { $date }: our team knows.
order-addresses = Addresses
order-delivered-to = Delivered to
order-billed-to = Billed to
order-payment = Payment
order-all = All my orders

## Invoice (PDF)

invoice-title = Invoice
invoice-number = No. { $number }
invoice-date = Invoice date
invoice-order-date = Order date
invoice-payment = Payment
invoice-mode = Delivery
invoice-needed-before = Needed before
invoice-billed-to = Billed to
invoice-delivered-to = Delivered to
invoice-col-article = Piece
invoice-col-seller = Seller
invoice-col-amount = Amount
invoice-note-number = The order number is the invoice number.
invoice-note-sellers = Second-hand pieces sold by independent sellers through Pépite.
invoice-vat-id = VAT number { $id }

## Gift cards

gift-cards-title = Gift cards
gift-cards-intro = Give a piece of Pépite: a card from { $min } to { $max }, valid for a year, with your message. It can pay all or part of an order.
gift-cards-buy = Offer a gift card
gift-cards-amount = Amount in euros
gift-cards-amount-hint = From { $min } to { $max }.
gift-cards-recipient-name = For (first name or name)
gift-cards-recipient-email = Their e-mail address
gift-cards-recipient-email-hint = The card is sent to them by e-mail with its code and a printable version.
gift-cards-sender-name = From
gift-cards-message = Message
gift-cards-pay = Pay and send
gift-cards-sign-in = Sign in to offer a gift card.
gift-cards-balance = Check a balance
gift-cards-balance-check = Check
gift-cards-mine = Cards I offered
gift-cards-mine-line = { $amount } for { $name }
gift-card-code = Gift card code
gift-card-state-awaiting-payment = Awaiting payment
gift-card-state-active = Active
gift-card-state-failed = Not paid
gift-card-title = Gift card
gift-card-bought = Thank you! The card for { $name } is ready.
gift-card-balance = Balance
gift-card-expires = Valid until
gift-card-for = For
gift-card-from = From
gift-card-bought-on = Bought on
gift-card-print = Printable version (PDF)
gift-card-failed = The payment did not go through: this card was not issued and nothing was taken.
gift-card-all = All my gift cards
gift-card-file = gift-card
gift-card-doc-title = Pépite gift card
gift-card-doc-to = For: { $name }
gift-card-doc-from = From: { $name }
gift-card-doc-expiry = Valid until { $date }
gift-card-doc-how-1 = Choose your pieces on Pépite, then type this code at checkout, in the “Gift cards” field. It pays all or part of the order; what is not used stays on the card.
gift-card-doc-how-2 = The balance can be checked at any time on the Gift cards page.
balance-valid-until = Left on this card, valid until { $date }.
balance-expired = This card expired on { $date }: it can no longer pay.

## Address book

account-addresses = Address book
account-addresses-intro = Your saved delivery addresses, offered at checkout.
addresses-title = My addresses
addresses-intro = Saved addresses are offered at checkout. An order keeps its own copy: changing the book changes no order.
addresses-saved = Saved addresses
addresses-empty = No saved address yet.
addresses-delete = Delete
addresses-add = Add an address
addresses-save = Save the address
addresses-added = The address is saved.
addresses-deleted = The address is deleted.
address-full-name = Full name
address-line1 = Address
address-line2 = Address, continued
address-postal-code = Postcode
address-city = City
address-phone = Phone
address-country = Country

order-state-partly-shipped = Partly shipped
order-state-shipped = Shipped
order-state-delivered = Delivered
order-state-cancelled = Cancelled
order-cancel = Cancel the order
order-cancel-about = As long as no parcel has left, you can cancel: everything is refunded, shipping included.
order-cancelled-note = Order cancelled: everything you paid comes back to you.
