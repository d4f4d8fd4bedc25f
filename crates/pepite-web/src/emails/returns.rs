//! The e-mails of a return (R2, R4, R6): the buyer's "return accepted" with the labels to
//! print from the order page and what is deducted, each seller's "pieces coming back", and
//! the buyer's "return refused" after a failed check, with the receiver's note.

use pepite_app::notify::Notice;
use pepite_domain::Money;
use pepite_domain::account::Language;

use super::{Composer, Draft};
use crate::i18n::{self, t, t_args};

/// Fills `d` for a return notice.
pub(super) fn draft(c: &Composer, lang: Language, notice: &Notice, d: &mut Draft) {
    let number_arg = |number: &String| [("number", number.clone())];
    match notice {
        Notice::ReturnAccepted {
            order_id,
            number,
            buyer_pays,
            charge_cents,
            labels,
            upheld,
            ..
        } => {
            d.subject = t_args(lang, "email-return-accepted-subject", &number_arg(number));
            if let Some(upheld) = upheld {
                let key = if *upheld {
                    "email-return-claim-upheld"
                } else {
                    "email-return-claim-rejected"
                };
                d.paragraphs.push(t(lang, key));
            }
            d.paragraphs.push(t_args(
                lang,
                "email-return-accepted-labels",
                &[("count", labels.to_string())],
            ));
            d.paragraphs.push(if *buyer_pays && *charge_cents > 0 {
                let amount = i18n::money(lang, Money(*charge_cents));
                t_args(lang, "email-return-accepted-charge", &[("amount", amount)])
            } else {
                t(lang, "email-return-accepted-free")
            });
            d.paragraphs.push(t(lang, "email-return-accepted-refund"));
            d.action = Some((
                t(lang, "email-return-action"),
                c.url(&format!("/orders/{order_id}#returns")),
            ));
        }
        Notice::ReturnComing {
            number, return_id, ..
        } => {
            d.subject = t_args(lang, "email-return-coming-subject", &number_arg(number));
            d.paragraphs = vec![t(lang, "email-return-coming-body")];
            d.action = Some((
                t(lang, "email-return-coming-action"),
                c.url(&format!("/sell/returns/{return_id}")),
            ));
        }
        Notice::ReturnRefused {
            order_id,
            number,
            note,
            ..
        } => {
            d.subject = t_args(lang, "email-return-refused-subject", &number_arg(number));
            d.paragraphs = vec![
                t(lang, "email-return-refused-body"),
                t_args(lang, "email-return-refused-note", &[("note", note.clone())]),
            ];
            d.action = Some((
                t(lang, "email-order-action"),
                c.url(&format!("/orders/{order_id}#returns")),
            ));
        }
        _ => {}
    }
}
