//! The refund notice (R5): how much comes back to the card and to gift cards, what was kept
//! for the return shipping, and the credit note's number with a link to its PDF.

use pepite_app::notify::Notice;
use pepite_domain::Money;
use pepite_domain::account::Language;

use super::{Composer, Draft};
use crate::i18n::{self, t, t_args};

/// Fills `d` for a refund notice.
pub(super) fn draft(c: &Composer, lang: Language, notice: &Notice, d: &mut Draft) {
    let Notice::RefundMade {
        order_id,
        refund_id,
        number,
        credit_note,
        card_cents,
        gift_cards_cents,
        deducted_cents,
        ..
    } = notice
    else {
        return;
    };
    let money = |cents: i64| i18n::money(lang, Money(cents));
    d.subject = t_args(lang, "email-refund-subject", &[("number", number.clone())]);
    d.paragraphs = vec![t_args(
        lang,
        "email-refund-body",
        &[("credit_note", credit_note.clone())],
    )];
    super::cancellation::money_back(lang, *card_cents, *gift_cards_cents, &mut d.paragraphs);
    if *deducted_cents > 0 {
        d.paragraphs.push(t_args(
            lang,
            "email-refund-deducted",
            &[("amount", money(*deducted_cents))],
        ));
    }
    // The credit note itself, one click away (the order page lists it too).
    d.action = Some((
        t(lang, "email-refund-action"),
        c.url(&format!("/orders/{order_id}/credit-notes/{refund_id}.pdf")),
    ));
}
