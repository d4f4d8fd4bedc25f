# English texts of Pépite. Every key also exists in fr/main.ftl (a test checks it).

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-at-time = { $date } at { $time }

error-invalid = This value is not valid.
error-required = This field is required.
error-too-long = At most { $limit } characters.
error-too-short = At least { $limit } characters.
error-too-large = Too large (at most { $limit }).
error-too-many = At most { $limit } values.
error-must-be-positive = Enter a number above zero.
error-invalid-amount = Enter an amount, for example 12.50.
error-invalid-number = Enter a whole number.
error-invalid-email = This e-mail address is not valid.
error-invalid-date = Enter a date as YYYY-MM-DD.
error-out-of-range = This value is out of the allowed range.
error-unknown-value = Choose a value from the list.
error-duplicate = This measurement is already given.
error-taken = Already in use: choose another one.
error-shop-closed-to-sellers = This shop sells only its own brand's pieces: open your shop on the marketplace.
error-voucher-other-shop = This trade-in voucher can only be spent in its brand's shop.
error-wrong-password = The current password is wrong.
error-below-minimum = The maximum must be above the minimum.
error-photo-required = Add at least one photo before listing.
error-file-too-large = File too large (at most { $limit } MB).
error-invalid-row = Row { $limit } has a cell that is empty or does not read: nothing was saved.
error-too-many-photos = At most { $limit } photos per piece.
error-upload-too-large = These files are too large together (at most { $limit } MB per sending): send fewer at once.
error-unsupported-format = Accepted formats: JPEG, PNG or WebP.
error-unreadable-image = This image is unreadable or damaged.
error-unsupported-attachment = Accepted: photos (JPEG, PNG or WebP) and PDF documents.
error-unreadable-pdf = This PDF is unreadable or incomplete.
error-active-pdf = This PDF contains scripts or embedded files; please send a plain PDF or a photo.
error-too-small = Image too small (at least 200 × 200 pixels).
error-not-utf8 = The file must be UTF-8 encoded.
error-unreadable-csv = This CSV file cannot be read.
error-unreadable-line = This line cannot be read.
error-missing-column = A column is missing from the header.
error-too-many-lines = At most { $limit } lines per file.
error-no-lines = The file holds no piece.
error-link-expired = This link has already been used or is no longer valid.
error-passwords-differ = The two passwords are not the same.
error-control-character = Control characters (such as NUL or escape) cannot be stored: remove them.
error-field-refused = “{ $field }”: { $message }

## Closed vocabularies, shared by every page (public, seller space, back office).

grade-new-with-tags = New with tags
grade-new-with-tags-help = Never worn: the original tags are still attached.
grade-excellent = Excellent condition
grade-excellent-help = You would think it new: no sign of wear and no visible flaw, even up close.
grade-very-good = Very good condition
grade-very-good-help = Worn with care: only small signs of use, such as creases, fabric a little softer than new or some light pilling.
grade-good = Good condition
grade-good-help = The wear shows, and we say so: every flaw is described in the listing and visible in the photos.

category-dresses = Dresses
category-coats = Coats
category-jackets = Jackets
category-blazers = Blazers
category-knitwear = Knitwear
category-shirts = Shirts
category-tops = Tops
category-t-shirts = T-shirts
category-trousers = Trousers
category-jeans = Jeans
category-skirts = Skirts
category-shorts = Shorts
category-jumpsuits = Jumpsuits
category-suits = Suits
category-shoes = Shoes
category-boots = Boots
category-bags = Bags
category-scarves = Scarves
category-belts = Belts
category-hats = Hats
category-jewellery = Jewellery
category-sunglasses = Sunglasses
category-underwear = Lingerie
category-swimwear = Swimwear
category-accessories = Accessories

colour-black = Black
colour-white = White
colour-ecru = Ecru
colour-grey = Grey
colour-beige = Beige
colour-camel = Camel
colour-brown = Brown
colour-navy = Navy
colour-blue = Blue
colour-green = Green
colour-khaki = Khaki
colour-red = Red
colour-burgundy = Burgundy
colour-pink = Pink
colour-purple = Purple
colour-yellow = Yellow
colour-orange = Orange
colour-gold = Gold
colour-silver = Silver
colour-multicolour = Multicoloured

size-system-fr = French (FR)
size-system-eu = European (EU)
size-system-it = Italian (IT)
size-system-uk = British (UK)
size-system-us = American (US)
size-system-int = International (XS, S, M…)
size-system-one = One size
size-one = One size

measurement-chest = Chest
measurement-waist = Waist
measurement-hips = Hips
measurement-length = Length
measurement-shoulders = Shoulders
measurement-sleeve = Sleeve
measurement-inseam = Inseam
measurement-insole = Insole

seller-kind-individual = Individual
seller-kind-professional = Professional

language-fr = Français
language-en = English

## Layout

nav-skip = Skip to content
nav-home = { $shop }, home
nav-main = Main menu
nav-sell = Sell
nav-back-office = Back office
nav-account = My account
nav-sign-in = Sign in
nav-sign-up = Create an account
nav-sign-out = Sign out
nav-other-language = Français
search-label = Search for a piece
search-placeholder = Silk dress, trench coat, loafers…
search-button = Search
footer-text = Pépite brings together second-hand clothes and accessories, each one unique and carefully described.
footer-help = A question about a piece or an order? Our customer service answers and speaks with the sellers for you.

## Error pages

error-400-title = We could not read that
error-400-text = What was sent could not be read. Go back to the previous page and try again.
error-403-title = Not open to you
error-403-text = This page is not available with your current account.
error-csrf-title = Sent from another site
error-csrf-text = This form was sent from another site or without saying where it came from, so nothing was done. Open the page on Pépite and send it again from there.
error-404-title = Page not found
error-404-text = This page does not exist or is no longer online. Perhaps the piece has found a new owner.
error-409-title = Not possible right now
error-409-text = This item changed in the meantime. Reload the page to see where it stands.
error-gone-text = Someone else bought one of these pieces first. You were not charged.
error-held-text = Another buyer is paying for one of these pieces: it is held while their payment is under way and may become available again if it does not go through. You were not charged.
error-503-title = Service unavailable
error-503-text = The payment service did not answer. You were not charged; try again in a moment.
error-busy-text = Too many people are signing in at this very moment. Nothing was done; try again in a few seconds.
error-422-title = Something is missing
error-422-text = Some of the information is not valid. Go back to correct it.
error-429-title = A little patience
error-429-text = Too many attempts in a short time. Wait a few minutes before trying again.
error-500-title = A problem on our side
error-500-text = Something went wrong on our end. Try again in a moment; if it keeps happening, our customer service is here to help.

## Home

home-title = Second-hand fashion, one of a kind
home-heading = Unique pieces, described honestly
home-intro = On Pépite, every garment and accessory exists only once. Individuals and professionals put them on sale; we make sure every listing tells the truth.
home-intro-resale = Every piece here was worn, traded back to the brand through its trade-in programme, inspected, then cleaned, pressed and relabelled in our workshop before going back on sale.
home-grades = Each piece carries a condition grade, from “new with tags” to “good condition”, explained on its page: you know what you will receive before you order.
home-latest = Just in
home-see-all = See every piece
home-empty = No piece is on sale right now. Come back soon: sellers add new ones every day.
home-categories = Browse by category

## Piece cards

card-sold = Sold
card-no-photo = Photo coming soon

## Search

search-title = Search for a piece
search-title-q = “{ $q }”
search-filters = Refine your search
search-results = Results
search-total = Pieces found: { $count }
filter-q = Keywords
filter-brand = Brand
filter-category = Category
filter-size = Size
filter-grade = Condition
filter-colour = Colour
filter-price = Price in euros
filter-price-min = From
filter-price-max = To
filter-options = Options
filter-offers = Open to offers
filter-available = Available pieces only
filter-sort = Sort by
filter-apply = Apply filters
filter-reset = Clear everything
sort-newest = Newest first
sort-price-asc = Price, low to high
sort-price-desc = Price, high to low
search-filter-button = Filters
search-filter-close = Show the results
chips-label = Active filters
chip-remove = Remove the filter { $filter }
chip-price-min = From { $amount } €
chip-price-max = Up to { $amount } €
search-next = Next page
search-first = Back to the first page
search-empty = No piece matches this search. Remove a filter or try another word.
search-invalid = Some filters are not valid; correct them to see the results.
form-errors-summary = A few things need correcting:

## Piece page

piece-photos = Photos of the piece
piece-photo-alt = { $title }, photo { $n }
piece-photo-open = Show photo { $n }
piece-details = Details
piece-brand = Brand
piece-size = Size
piece-grade = Condition
piece-colour = Colour
piece-materials = Materials
piece-measurements = Measurements, laid flat
piece-description = Description
piece-price = Price
piece-weight = Weight
piece-ships-from = Ships from
piece-seller = Sold by
piece-offers = The seller welcomes price offers on this piece.
piece-available = Available: this one-of-a-kind piece is waiting for its new owner.
piece-sold = Sold. It can no longer be bought, but stays visible for a few days: a return is always possible.
piece-hidden = This piece is not visible to the public. You see it because it is yours or because you are on the team.
trust-title = Delivery, returns and the shop
trust-to = Deliver to
trust-update = Update
trust-direct = Sent by the seller
trust-grouped = Grouped through our workshop
trust-days = { $min }–{ $max } business days after dispatch
trust-not-served = not shipped to this country yet
trust-grouped-fee = Checked by our workshop before it leaves; the check costs { $rate } % of the pieces, at most { $cap } per order.
trust-returns = Returns
trust-return-window = { $days } days after delivery to change your mind.
trust-return-free = The return label is free.
trust-return-paid = From { $country }, the return label costs { $amount }, taken from the refund.
trust-shop = The shop
trust-shop-sold = { $count ->
    [0] no sale yet
    [one] one piece sold
   *[other] { $count } pieces sold
}
trust-shop-since = on Pépite since { $date }
trust-ask = Ask customer service
trust-ask-subject = Question about piece { $id }: { $title }
piece-written-in-fr = Described by the seller in French; we show it as written.
piece-written-in-en = Described by the seller in English.
piece-questions = A question about the size, the condition, or want another photo? Write to our customer service: we ask the seller and get back to you.
piece-edit = Edit in my seller space
piece-unique = One of a kind
piece-no-brand = No brand

## Shop

shop-country = Country
shop-kind = Type of seller
shop-since = Member since { $date }
shop-pieces = Pieces from this shop
shop-empty = No piece is visible in this shop at the moment.
shop-questions = For any question about a piece from this shop, please contact our customer service.

## Sign-up, sign-in

field-email = E-mail address
field-password = Password
field-password-hint = At least { $min } characters. A short sentence that is easy to remember works well.
field-display-name = Display name
field-display-name-hint = The name the Pépite team will use when writing to you.
field-language = Language
field-country = Country
field-birth-date = Date of birth
field-optional = optional
signup-title = Create an account
signup-intro = You can browse the catalogue without an account. You need one to order, make an offer or open your own shop.
signup-submit = Create my account
signup-have-account = Already have an account?
signin-title = Sign in
signin-submit = Sign me in
signin-failed = Wrong e-mail address or password.
signin-throttled = Too many sign-in attempts. Wait { $minutes } min before trying again.
signin-no-account = No account yet?
signin-demo = Demo accounts
signin-demo-intro = This site is a demonstration. You can sign in with one of these accounts:

## Account

account-title = My account
account-signed-in-as = Signed in as { $email }
account-profile = Profile
account-save = Save
account-saved-profile = Your profile is saved.
account-password = Password
field-current-password = Current password
field-new-password = New password
account-password-submit = Change password
account-saved-password = Password changed. Your other devices have been signed out.
account-tokens = API tokens
account-tokens-intro = A token lets a program act on your account, with the same rights as you. Keep it secret and revoke it as soon as it is no longer needed.
account-tokens-empty = No active token.
account-token-label = Token name
account-token-create = Create a token
account-token-new = Your new token is below. Copy it now: it will never be shown again.
account-token-id = Identifier
account-token-name = Name
account-token-created = Created on
account-token-expires = Expires on
account-token-revoke = Revoke
account-token-revoke-label = Revoke token { $id }
account-token-revoked = The token is revoked.
account-seller = Sell on Pépite
account-seller-go = Go to my seller space
account-seller-open = Open your shop to put your pieces on sale.
error-408-title = Request took too long
error-408-text = The request took too long. Try again in a moment.
error-413-title = Upload too large
error-413-text = What you sent is over the size allowed (10 MB per photo). Choose a lighter file.

shipment-shipped-on = Shipped on { $date }
shipment-tracking = tracking:
shipment-delivered-on = Delivered on { $date }
shipment-not-yet = Not shipped yet.
error-tracking-number = A tracking number has 6 to 40 letters and digits.
error-tracking-format = This number does not match the format of this carrier’s tracking numbers.
error-iban-invalid = This IBAN is not valid: check every character (its check digits do not match, or its length is wrong for its country).
error-bic-invalid = A BIC has 8 or 11 letters and digits, for example BNPAFRPP.
error-tracking-url = Give an https:// address holding { "{" }tracking{ "}" } exactly once.
error-invalid-pattern = This regular expression cannot be read.

## People's own data: the download and closing the account.

account-data = Your data
account-export-intro = Download in one file everything Pépite keeps about you: account, addresses, orders, returns, offers, alerts, messages, and your shop if you sell. Invoices and credit notes are listed with the link to each PDF.
account-export-go = Download my data
account-close-intro = No longer want an account?
account-close-go = Close my account
close-title = Close my account
close-what-goes = Closing erases your name, e-mail address, saved addresses and password, signs you out everywhere, ends your API tokens, open offers and alerts, empties your cart and takes your shop's pieces off sale. It cannot be undone.
close-what-stays = Your orders, invoices and credit notes are kept as the law requires, with the addresses written on them. You can open a new account later with the same e-mail address; it will start empty.
close-export-first = You may want a copy of your data first:
close-password = Your password, to confirm
close-submit = Close my account for good
close-keep = Keep my account
closed-title = Your account is closed
closed-text = Your personal data is erased and you are signed out. Thank you for having used Pépite.
closed-home = Back to the home page
error-unpaid-orders = A payment of yours is still under way: wait until it has gone through or failed.
error-undelivered-purchases = An order of yours has not been delivered yet: close your account once it has arrived.
error-open-returns = A return of yours is not finished: wait for its refund, or withdraw it.
error-unshipped-sales = Your shop has sold pieces not yet sent: send them first.
error-unpaid-payouts = Money from your sales has not been paid out to you yet: wait for the payout.
error-staff-account = A staff account is closed by an administrator.

## Legal pages: their texts are policy data (back office); only the titles live here.

legal-nav = Legal information
legal-terms = Terms of sale
legal-privacy = Privacy notice
legal-notice = Legal notice
signup-legal-before = By creating an account you accept our
signup-legal-terms = terms of sale
signup-legal-and = and have read our
signup-legal-privacy = privacy notice
