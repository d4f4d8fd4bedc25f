//! The e-mails of price offers (N4–N7) and alerts (L1): what the seller receives, what the
//! buyer hears of each answer, what the seller hears of a declined counter-offer, the
//! reminder before an agreed price ends, a fired alert.

use pepite_app::notify::Notice;
use pepite_domain::Money;
use pepite_domain::account::Language;

use super::{Composer, Draft};
use crate::i18n::{self, t, t_args};

/// Fills `d` for an offer or alert notice.
pub(super) fn draft(c: &Composer, lang: Language, notice: &Notice, d: &mut Draft) {
    let money = |cents: i64| i18n::money(lang, Money(cents));
    let when = |us: i64| i18n::date_time(lang, us);
    let text = |key: &str, args: &[(&'static str, String)]| t_args(lang, key, args);
    let piece = |id: i64| {
        (
            t(lang, "email-piece-action"),
            c.url(&format!("/pieces/{id}")),
        )
    };
    let buy = |offer: i64| {
        (
            t(lang, "email-offer-buy-action"),
            c.url(&format!("/offers/{offer}/buy")),
        )
    };
    match notice {
        Notice::OfferReceived {
            title,
            amount_cents,
            list_cents,
            answer_by,
            ..
        } => {
            d.subject = text("email-offer-received-subject", &[("title", title.clone())]);
            d.paragraphs = vec![
                text(
                    "email-offer-received-body",
                    &[
                        ("title", title.clone()),
                        ("amount", money(*amount_cents)),
                        ("list", money(*list_cents)),
                    ],
                ),
                text(
                    "email-offer-received-deadline",
                    &[("date", when(*answer_by))],
                ),
            ];
            d.action = Some((
                t(lang, "email-offer-received-action"),
                c.url("/sell/offers"),
            ));
        }
        Notice::OfferAccepted {
            offer_id,
            title,
            agreed_cents,
            agreed_until,
            ..
        } => {
            let amount = money(*agreed_cents);
            d.subject = text(
                "email-offer-accepted-subject",
                &[("title", title.clone()), ("amount", amount.clone())],
            );
            d.paragraphs = vec![text(
                "email-offer-accepted-body",
                &[("amount", amount), ("date", when(*agreed_until))],
            )];
            d.action = Some(buy(*offer_id));
        }
        Notice::OfferCountered {
            offer_id,
            title,
            amount_cents,
            agreed_cents,
            agreed_until,
            ..
        } => {
            let amount = money(*agreed_cents);
            d.subject = text(
                "email-offer-countered-subject",
                &[("title", title.clone()), ("amount", amount.clone())],
            );
            d.paragraphs = vec![text(
                "email-offer-countered-body",
                &[
                    ("offer", money(*amount_cents)),
                    ("amount", amount),
                    ("date", when(*agreed_until)),
                ],
            )];
            d.action = Some(buy(*offer_id));
        }
        Notice::OfferRefused {
            piece_id,
            title,
            amount_cents,
            ..
        }
        | Notice::OfferExpired {
            piece_id,
            title,
            amount_cents,
            ..
        } => {
            let key = if matches!(notice, Notice::OfferRefused { .. }) {
                "email-offer-refused"
            } else {
                "email-offer-expired"
            };
            d.subject = text(&format!("{key}-subject"), &[("title", title.clone())]);
            d.paragraphs = vec![text(
                &format!("{key}-body"),
                &[("amount", money(*amount_cents))],
            )];
            d.action = Some(piece(*piece_id));
        }
        Notice::CounterDeclined {
            title,
            amount_cents,
            counter_cents,
            ..
        } => {
            d.subject = text(
                "email-counter-declined-subject",
                &[("title", title.clone())],
            );
            d.paragraphs = vec![text(
                "email-counter-declined-body",
                &[
                    ("title", title.clone()),
                    ("offer", money(*amount_cents)),
                    ("amount", money(*counter_cents)),
                ],
            )];
            d.action = Some((
                t(lang, "email-counter-declined-action"),
                c.url("/sell/offers"),
            ));
        }
        Notice::OfferEnded { title, .. } => {
            d.subject = text("email-offer-ended-subject", &[("title", title.clone())]);
            d.paragraphs = vec![t(lang, "email-offer-ended-body")];
            d.action = Some((t(lang, "email-browse-action"), c.url("/search")));
        }
        Notice::AgreedPriceEnding {
            offer_id,
            title,
            agreed_cents,
            agreed_until,
            ..
        } => {
            let amount = money(*agreed_cents);
            d.subject = text(
                "email-agreed-ending-subject",
                &[("title", title.clone()), ("amount", amount.clone())],
            );
            d.paragraphs = vec![text(
                "email-agreed-ending-body",
                &[
                    ("title", title.clone()),
                    ("amount", amount),
                    ("date", when(*agreed_until)),
                ],
            )];
            d.action = Some(buy(*offer_id));
        }
        Notice::AlertFired {
            piece_id,
            title,
            price_cents,
        } => {
            d.subject = text("email-alert-fired-subject", &[("title", title.clone())]);
            d.paragraphs = vec![text(
                "email-alert-fired-body",
                &[("amount", money(*price_cents))],
            )];
            d.action = Some(piece(*piece_id));
        }
        _ => {}
    }
}
