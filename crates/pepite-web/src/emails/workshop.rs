//! The e-mails of the workshop and of lost parcels (F6, F7, late pieces): a failed check asks
//! the buyer to choose by a date; a piece leaving the order tells its buyer and its seller; a
//! reminder asks a seller for a late piece; a decision on a lost parcel tells both sides.

use pepite_app::notify::Notice;
use pepite_domain::Money;
use pepite_domain::account::Language;

use super::{Composer, Draft};
use crate::i18n::{self, t, t_args};

/// Fills `d` for a workshop or lost-parcel notice.
pub(super) fn draft(c: &Composer, lang: Language, notice: &Notice, d: &mut Draft) {
    let money = |cents: i64| i18n::money(lang, Money(cents));
    let number_arg = |n: &String| [("number", n.clone())];
    match notice {
        Notice::PieceCheckFailed {
            order_id,
            number,
            title,
            price_cents,
            note,
            choose_by,
            ..
        } => {
            d.subject = t_args(lang, "email-check-failed-subject", &number_arg(number));
            d.lines = vec![(title.clone(), money(*price_cents))];
            d.paragraphs = vec![
                t(lang, "email-check-failed-body"),
                t_args(lang, "email-check-failed-note", &[("note", note.clone())]),
                t_args(
                    lang,
                    "email-check-failed-choose",
                    &[("date", i18n::date(lang, *choose_by))],
                ),
            ];
            d.action = Some((
                t(lang, "email-check-failed-action"),
                c.url(&format!("/orders/{order_id}")),
            ));
        }
        Notice::OrderLineWithdrawn {
            order_id,
            number,
            title,
            price_cents,
            reason,
        } => {
            d.subject = t_args(lang, "email-line-withdrawn-subject", &number_arg(number));
            d.lines = vec![(title.clone(), money(*price_cents))];
            d.paragraphs = vec![t(
                lang,
                &format!("email-line-withdrawn-{}", reason.replace('_', "-")),
            )];
            d.action = Some((
                t(lang, "email-order-action"),
                c.url(&format!("/orders/{order_id}")),
            ));
        }
        Notice::SaleLineWithdrawn {
            order_id,
            number,
            title,
            reason,
            ..
        } => {
            d.subject = t_args(lang, "email-sale-withdrawn-subject", &number_arg(number));
            d.paragraphs = vec![
                t_args(
                    lang,
                    &format!("email-sale-withdrawn-{}", reason.replace('_', "-")),
                    &[("title", title.clone())],
                ),
                t(lang, "email-sale-withdrawn-piece"),
            ];
            d.action = Some((
                t(lang, "email-new-order-action"),
                c.url(&format!("/sell/orders/{order_id}")),
            ));
        }
        Notice::WorkshopReminder {
            order_id,
            number,
            title,
            ..
        } => {
            d.subject = t_args(lang, "email-reminder-subject", &number_arg(number));
            d.paragraphs = vec![t_args(
                lang,
                "email-reminder-body",
                &[("title", title.clone())],
            )];
            d.action = Some((
                t(lang, "email-new-order-action"),
                c.url(&format!("/sell/orders/{order_id}")),
            ));
        }
        // Buyer and sellers read the same words, so no link to one side's page.
        Notice::ParcelReportDecided { number, resend, .. } => {
            d.subject = t_args(lang, "email-report-decided-subject", &number_arg(number));
            let key = if *resend {
                "email-report-resent"
            } else {
                "email-report-refunded"
            };
            d.paragraphs = vec![t(lang, key)];
        }
        _ => {}
    }
}
