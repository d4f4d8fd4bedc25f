# Field errors of the trade-in programme (T1–T7), read by `i18n::field_message`.
error-credit-too-low = Your store credit does not cover this amount.
error-amount-too-small = A voucher is worth at least { $limit } cents.
error-too-far = Choose a date within the next { $limit } days.
error-grade-above-declared = A piece can only be accepted at the grade declared or a lower one.
error-no-grid-line = The price grid gives no amount for this grade.
error-invalid-code = Lower-case letters, digits and dashes only (40 at most).
error-invalid-url = Give an address starting with https://.
