//! The e-mails of a cancellation (F5): the buyer's, with what comes back to the card and to
//! gift cards; each seller's, with their pieces not to send. Each says who cancelled: the
//! buyer, or the platform when customer service did.

use pepite_app::notify::Notice;
use pepite_domain::Money;
use pepite_domain::account::Language;

use super::{Composer, Draft};
use crate::i18n::{self, t, t_args};

/// F5/R5: what comes back to the card and to gift cards, one paragraph each (none for 0).
pub(super) fn money_back(
    lang: Language,
    card_cents: i64,
    gift_cards_cents: i64,
    out: &mut Vec<String>,
) {
    let money = |cents: i64| i18n::money(lang, Money(cents));
    if card_cents > 0 {
        out.push(t_args(
            lang,
            "email-cancelled-card",
            &[("amount", money(card_cents))],
        ));
    }
    if gift_cards_cents > 0 {
        out.push(t_args(
            lang,
            "email-cancelled-gift-cards",
            &[("amount", money(gift_cards_cents))],
        ));
    }
}

/// The body that says who cancelled: the buyer, or the platform (`-platform`).
fn body_key(key: &str, by_platform: bool) -> String {
    if by_platform {
        format!("{key}-platform")
    } else {
        key.to_owned()
    }
}

/// Fills `d` for a cancellation notice.
pub(super) fn draft(c: &Composer, lang: Language, notice: &Notice, d: &mut Draft) {
    match notice {
        Notice::OrderCancelled {
            order_id,
            number,
            card_cents,
            gift_cards_cents,
            by_platform,
            ..
        } => {
            d.subject = t_args(
                lang,
                "email-cancelled-subject",
                &[("number", number.clone())],
            );
            d.paragraphs = vec![t(lang, &body_key("email-cancelled-body", *by_platform))];
            money_back(lang, *card_cents, *gift_cards_cents, &mut d.paragraphs);
            d.action = Some((
                t(lang, "email-order-action"),
                c.url(&format!("/orders/{order_id}")),
            ));
        }
        Notice::SaleCancelled {
            order_id,
            number,
            by_platform,
            ..
        } => {
            d.subject = t_args(
                lang,
                "email-sale-cancelled-subject",
                &[("number", number.clone())],
            );
            d.paragraphs = vec![t(
                lang,
                &body_key("email-sale-cancelled-body", *by_platform),
            )];
            d.action = Some((
                t(lang, "email-new-order-action"),
                c.url(&format!("/sell/orders/{order_id}")),
            ));
        }
        _ => {}
    }
}
