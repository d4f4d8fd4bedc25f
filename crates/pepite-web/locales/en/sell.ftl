# Seller space (/sell). Every key also exists in fr/sell.ftl (a test checks it).

sell-space = Seller space
sell-crumbs = You are here
sell-choose = Choose…
sell-save = Save changes
sell-form-has-errors = Some fields need your attention: see the messages next to them.

## Confirmations after an action
sell-done-created = Draft created. Check its photos and their order, then list it for sale.
sell-done-saved = Changes saved.
sell-done-listed = The piece is on sale.
sell-done-withdrawn = The piece is withdrawn from sale.
sell-done-deleted = The draft was deleted.
sell-done-photo-added = Photos added.
sell-done-photo-removed = Photo removed.
sell-done-cover = Cover photo changed.
sell-done-shop-opened = Your shop is open. Add your first piece!
sell-done-shop-saved = Shop profile saved.
sell-imported = Pieces imported as drafts: { $count }.

## Refusals that concern the piece rather than one field
sell-conflict-stale-version = This piece was changed elsewhere (another tab or device) since you opened this page. Your changes were not saved: open the piece again to see its current version.
sell-conflict-not-editable = A sold piece can no longer be changed.
sell-conflict-not-listable = This piece cannot be listed in its current state.
sell-conflict-not-withdrawable = Only a piece on sale can be withdrawn.
sell-conflict-not-a-draft = Only a draft that was never on sale can be deleted.
sell-conflict-too-many-photos = This piece already has as many photos as allowed.
sell-conflict-last-photo-of-listed-piece = A piece on sale keeps at least one photo. Add another before removing this one, or withdraw the piece first.
sell-conflict-other = This action is not possible right now.

## Field errors specific to these forms
error-invalid-centimetres = Enter a length in centimetres, for example 48 or 48.5.
error-unreadable-upload = The file could not be received. Please try again.

## Piece states
sell-state-draft = Draft
sell-state-listed = On sale
sell-state-sold = Sold
sell-state-withdrawn = Withdrawn

## Dashboard
sell-new-piece = New piece
sell-import-csv = Import a CSV file
sell-shop-edit = Edit my shop
sell-public-shop = See my shop as buyers do
sell-tabs = Pieces by state
sell-tab-all = All
sell-tab-draft = Drafts
sell-tab-listed = On sale
sell-tab-sold = Sold
sell-tab-withdrawn = Withdrawn
sell-no-pieces = No piece here yet.
sell-pieces-caption = Your pieces, newest first
sell-col-photo = Photo
sell-col-title = Piece
sell-col-price = Price
sell-col-state = State
sell-no-photo = No photo
sell-next-page = Next page

## Shop form
sell-shop-open-title = Open your shop
sell-shop-open-intro = A few words about you and you can start selling. Buyers see your shop name, country and presentation, never your contact details.
sell-shop-edit-title = Edit my shop
sell-field-shop-name = Shop name
sell-hint-shop-name = Shown on each of your pieces. It must not be taken by another shop.
sell-field-country = Country the pieces ship from
sell-field-kind = You sell as
sell-field-shop-offers = Accept price offers by default
sell-hint-shop-offers = Buyers may propose a lower price; you accept, refuse or counter. Each piece can say otherwise.
sell-field-bio = Presentation
sell-hint-bio = Optional. Your style, where your pieces come from… (1000 characters at most)
sell-shop-open-button = Open my shop

## Piece form
sell-new-title = New piece
sell-new-intro = The piece is saved as a draft: nobody sees it until you list it for sale.
sell-create-draft = Save the draft
sell-piece-about = The piece
sell-piece-price-weight = Price and shipping
sell-piece-measurements = Measurements (optional)
sell-field-title = Title
sell-field-brand = Brand
sell-hint-brand = Leave empty if the piece has no brand.
sell-field-category = Category
sell-field-size-system = Size system
sell-field-size-label = Size
sell-hint-size-label = As on the label: 38, M, 40… Leave empty for one size.
sell-field-grade = Condition
sell-field-colour = Main colour
sell-field-materials = Materials
sell-hint-optional = Optional.
sell-field-description = Description
sell-hint-description = Describe the piece honestly, including any flaw.
sell-field-price = Price in euros
sell-hint-price = For example 85 or 85.50.
sell-field-weight = Weight in grams
sell-hint-weight = With its packaging; it sets the shipping cost.
sell-field-open-to-offers = Accept price offers for this piece
sell-hint-open-to-offers = Buyers may then propose a lower price, which you accept, refuse or counter.
sell-hint-measurements = In centimetres, measured flat, for example 48 or 48.5. Leave empty what you did not measure.
sell-field-measurements = Measurements
sell-field-line = Line
sell-field-file = File
sell-field-problem = { $field }: { $message }

## Piece page
sell-public-page = See the public page
sell-actions = What next
sell-action-list = List for sale
sell-action-withdraw = Withdraw from sale
sell-action-delete = Delete this draft
sell-hint-photo-before-listing = Add at least one photo to be able to list the piece.
sell-details = Description
sell-not-editable = This piece is sold: its description can no longer be changed.
sell-photos = Photos
sell-photos-none = No photo yet.
sell-photo-alt = Photo { $n }
sell-photo-cover = Cover
sell-photo-make-cover = Make it the cover
sell-photo-remove = Remove
sell-photo-add = Add photos
sell-hint-photo = JPEG, PNG or WebP, 10 MB at most each, at least 200 × 200 pixels. You can choose several at once. The first photo is the cover.
sell-photo-upload = Send the photos

## CSV import
sell-import-title = Import pieces from a CSV file
sell-import-intro = Add many pieces at once: one line per piece, after a header line naming the columns. Separate columns with commas or semicolons and save the file as UTF-8. Every line is checked first: if one is refused, nothing is imported. Imported pieces are drafts; add their photos before listing them.
sell-import-template = Download the template
sell-import-file = CSV file
sell-hint-import-file = 2 MB and 1000 lines at most.
sell-import-button = Import
sell-import-columns = Columns
sell-import-columns-caption = The columns of the file and what they hold
sell-import-col-column = Column
sell-import-col-meaning = What to put in it
sell-import-codes = Accepted codes:
sell-import-nothing-imported = Nothing was imported
sell-import-fix-lines = Correct these lines and send the file again.
sell-import-report = Refused lines
sell-import-col-line = Line
sell-import-col-field = Field
sell-import-col-problem = Problem
sell-import-col-value = Value read
sell-import-about-title = Title of the piece, 120 characters at most.
sell-import-about-brand = Brand, 60 characters at most; empty if the piece has none.
sell-import-about-category = The category: its code, or its name in English or French (Jackets, Vestes).
sell-import-about-size-system = The size system: its code, or its name (One size, Taille unique).
sell-import-about-size-label = Size as on the label (38, M…); empty for one size.
sell-import-about-grade = The condition: its code, or its name (Very good, Très bon état).
sell-import-about-colour = The main colour: its code, or its name (Navy, Bleu marine).
sell-import-about-materials = Materials, optional.
sell-import-about-description = Honest description, flaws included.
sell-import-about-price = Price in euros: 85, 85.50 or 85,50.
sell-import-about-weight-g = Weight in grams, whole number.
sell-import-about-measurements = Optional, in centimetres: chest=48;length=105.5

## Orders to send (O13)
sell-orders-title = Orders to send
sell-orders-intro = Paid orders holding your pieces, newest first, with where to send them.
sell-no-orders = None of your pieces has been sold yet.
sell-order-number = Order { $number }
sell-order-paid-on = Paid on { $date }
sell-order-lines = Your pieces in order { $number }
sell-needed-before = The buyer would like delivery before { $date }: please ship as soon as you can.
sell-ship-to-buyer = Send to the buyer
sell-ship-to-buyer-about = Direct delivery: all your pieces of this order go in one parcel, to this address.
sell-ship-to-workshop = Send to the Pépite workshop
sell-ship-to-workshop-about = Grouped delivery: the workshop checks each piece, then packs the whole order for the buyer.
sell-col-commission = Commission
sell-col-earning = You receive
sell-total-earning = Your total earnings
sell-parcel-weight = Weight of your parcel: { $weight }.
sell-order-questions = A question about this order? Write to our customer service, who will pass it on to the buyer.

sell-shipment-title = Shipping
sell-shipment-about = Once the parcel is with the carrier, say so here: the buyer receives the tracking number and a link to the carrier’s page.
sell-shipment-carrier = Carrier
sell-shipment-choose = Choose a carrier
sell-shipment-tracking = Tracking number
sell-shipment-submit = Parcel shipped
sell-order-cancelled = This order was cancelled before dispatch: send nothing, your pieces are on sale again.

# P1: payouts
sell-payouts-title = Payouts
sell-payouts-intro = What you earn on a piece (its price less our commission) becomes payable when the buyer’s return window closes with no return. Payable earnings are sent to your bank account by SEPA transfer at the next payout.
sell-payouts-pending = Pending (return window open)
sell-payouts-payable = Payable at the next payout
sell-payouts-in-payout = Transfer under way
sell-payouts-paid = Paid
sell-payouts-need-account = You have earnings ready to be paid: give your bank account below so we can send them.
sell-payouts-statement = Statement
sell-payouts-statement-caption = Your sold pieces, newest orders first (refunded pieces earn nothing and are not listed)
sell-payouts-none = Nothing sold yet.
sell-payouts-col-order = Order
sell-payouts-col-piece = Piece
sell-payouts-col-earning = Your earning
sell-payouts-col-status = Status
sell-payouts-payable-from = payable on { $date }
sell-payouts-return-held = return in progress
sell-payouts-not-delivered = not delivered yet
sell-payouts-paid-on = sent on { $date }
payout-status-pending = Pending
payout-status-payable = Payable
payout-status-in-payout = Transfer under way
payout-status-paid = Paid
sell-payout-account-title = Your bank account for payouts
sell-payout-account-current = Payouts go to { $iban } ({ $holder }). To change it, enter the new account below.
sell-payout-account-none = No bank account yet.
sell-payout-iban = IBAN
sell-payout-holder = Account holder’s name
sell-payout-bic = BIC (optional)
sell-payout-account-submit = Save the bank account
sell-payout-account-saved = Your bank account was saved.
sell-hint-photos = { sell-hint-photo }
sell-photos-choose = Photos of the piece
sell-photos-again = Your browser does not keep the files you chose: please choose your photos again.
sell-photo-file-refused = “{ $file }”: { $reason }
sell-photos-order-hint = Drag a photo to move it, or use the arrows. The first one is the cover.
sell-photo-earlier-named = Move photo { $n } earlier
sell-photo-later-named = Move photo { $n } later
sell-photo-remove-named = Remove photo { $n }
sell-done-moved = Photo order saved.
sell-conflict-photos-changed = This piece's photos changed since the page was opened (another tab or device). Nothing was moved: here is the current order.
sell-danger = Withdraw or delete
sell-hint-withdraw = The piece leaves the catalogue; you can list it again later.
sell-hint-delete = The draft and its photos are erased for good.
sell-terms-title = What you receive
sell-terms-commission = Pépite keeps a commission of { $rate }% of the sale price.
sell-terms-example = Sold for { $price }, this piece brings you { $earning }.
sell-terms-payout = Your earning becomes payable once the buyer has had { $days } days after delivery to return the piece and has not; it is then paid to your bank account with the next payout.
sell-terms-free = Listing is free; the buyer pays for shipping.

sell-questions-link = Questions from customer service
sell-questions-title = Questions from customer service
sell-questions-intro = Customer service asks you buyers' questions about your pieces here. Your answer goes to customer service, who read it before passing it on: contact details and names are masked both ways. Each question can be answered once.
sell-questions-open = To answer
sell-questions-answered = Answered
sell-questions-none-open = No question is waiting for your answer.
sell-questions-none-answered = No answered question yet.
sell-questions-asked-on = Asked on { $date }
sell-questions-answered-on = answered on { $date }
sell-questions-answer-label = Your answer
sell-questions-answer-submit = Send the answer
sell-questions-your-answer = Your answer:
sell-questions-done-answered = Answer sent to customer service, who will pass it on to the buyer.
sell-conflict-question-answered = This question already has an answer: it cannot take a second one.
seller-question-state-asked = To answer
seller-question-state-answered = Answer received by customer service
seller-question-state-passed = Answer passed on to the buyer
