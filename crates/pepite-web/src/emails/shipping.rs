//! The e-mails of a parcel's journey (F3, F4): shipped with its carrier, tracking number and
//! a button to the carrier's own tracking page; delivered, with the date.

use pepite_app::notify::Notice;
use pepite_domain::account::Language;

use super::{Composer, Draft};
use crate::i18n::{self, t, t_args};

/// Fills `d` for a shipping notice.
pub(super) fn draft(c: &Composer, lang: Language, notice: &Notice, d: &mut Draft) {
    match notice {
        Notice::ParcelShipped {
            order_id,
            number,
            carrier,
            tracking,
            tracking_link,
            ..
        } => {
            d.subject = t_args(lang, "email-shipped-subject", &[("number", number.clone())]);
            d.paragraphs = vec![
                t_args(lang, "email-shipped-body", &[("carrier", carrier.clone())]),
                t_args(
                    lang,
                    "email-shipped-tracking",
                    &[("tracking", tracking.clone())],
                ),
            ];
            // F3: the carrier's page itself, already an absolute address.
            d.action = Some((t(lang, "email-shipped-action"), tracking_link.clone()));
            d.closing = vec![t_args(
                lang,
                "email-shipped-order",
                &[("url", c.url(&format!("/orders/{order_id}")))],
            )];
        }
        Notice::ParcelDelivered {
            order_id,
            number,
            delivered_at,
            ..
        } => {
            d.subject = t_args(
                lang,
                "email-delivered-subject",
                &[("number", number.clone())],
            );
            d.paragraphs = vec![t_args(
                lang,
                "email-delivered-body",
                &[("date", i18n::date(lang, *delivered_at))],
            )];
            d.action = Some((
                t(lang, "email-order-action"),
                c.url(&format!("/orders/{order_id}")),
            ));
        }
        _ => {}
    }
}
