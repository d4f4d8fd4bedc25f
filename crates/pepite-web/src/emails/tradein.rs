//! The trade-in programme's e-mails (T4–T7, E1): the quote accepted (with what to do next),
//! the box received and the date to expect an answer by, each piece accepted (with the new
//! credit) or refused, a voucher issued with its code, a voucher ending within a month.

use pepite_app::notify::Notice;
use pepite_domain::Money;
use pepite_domain::account::Language;

use super::{Composer, Draft};
use crate::documents::tradein::transfer_form_pdf;
use crate::i18n::{self, t, t_args};
use pepite_app::mail::Attachment;

/// A grade's name in the reader's language.
fn grade(lang: Language, key: &str) -> String {
    t(lang, &format!("grade-{}", key.replace('_', "-")))
}

/// A civil date ("2026-05-27") in the reader's language; as written when unreadable.
fn civil_date(lang: Language, day: &str) -> String {
    day.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.at(12, 0, 0, 0).to_zoned(jiff::tz::TimeZone::UTC).ok())
        .map(|z| i18n::date(lang, z.timestamp().as_microsecond()))
        .unwrap_or_else(|| day.to_owned())
}

/// Fills `d` for a trade-in or voucher notice.
pub(super) fn draft(c: &Composer, lang: Language, notice: &Notice, d: &mut Draft) {
    let money = |cents: i64| i18n::money(lang, Money(cents));
    let box_link = |id: &i64| c.url(&format!("/trade-in/boxes/{id}"));
    match notice {
        Notice::TradeInAccepted {
            box_id,
            programme,
            total_cents,
            lines,
            form,
        } => {
            d.subject = t_args(
                lang,
                "email-tradein-accepted-subject",
                &[("programme", programme.clone())],
            );
            d.paragraphs = vec![
                t_args(
                    lang,
                    "email-tradein-accepted-body",
                    &[
                        ("total", money(*total_cents)),
                        ("pieces", lines.len().to_string()),
                    ],
                ),
                t(lang, "email-tradein-accepted-steps"),
            ];
            d.lines = lines
                .iter()
                .map(|l| (l.title.clone(), money(l.price_cents)))
                .collect();
            d.action = Some((t(lang, "email-tradein-accepted-action"), box_link(box_id)));
            d.closing = vec![t(lang, "email-tradein-accepted-proof")];
            // The form is known at acceptance; the label is bought just after it, so the
            // e-mail links to the box's page, where it downloads.
            if let Some(form) = form {
                d.attachments.push(Attachment {
                    filename: format!("{}-{box_id}.pdf", t(lang, "tradein-form-file")),
                    content_type: "application/pdf".into(),
                    bytes: transfer_form_pdf(lang, form),
                });
            }
        }
        Notice::TradeInBoxReceived {
            box_id,
            programme,
            due_on,
        } => {
            d.subject = t_args(
                lang,
                "email-tradein-received-subject",
                &[("programme", programme.clone())],
            );
            d.paragraphs = vec![t_args(
                lang,
                "email-tradein-received-body",
                &[("date", civil_date(lang, due_on))],
            )];
            d.action = Some((t(lang, "email-tradein-box-action"), box_link(box_id)));
        }
        Notice::TradeInPieceAccepted {
            box_id,
            programme,
            name,
            declared_grade,
            grade: g,
            amount_cents,
            balance_cents,
        } => {
            d.subject = t_args(
                lang,
                "email-tradein-piece-accepted-subject",
                &[("name", name.clone()), ("amount", money(*amount_cents))],
            );
            let mut body = vec![t_args(
                lang,
                "email-tradein-piece-accepted-body",
                &[
                    ("name", name.clone()),
                    ("amount", money(*amount_cents)),
                    ("grade", grade(lang, g)),
                ],
            )];
            if declared_grade != g {
                body.push(t_args(
                    lang,
                    "email-tradein-piece-lower-grade",
                    &[
                        ("declared", grade(lang, declared_grade)),
                        ("grade", grade(lang, g)),
                    ],
                ));
            }
            body.push(t_args(
                lang,
                "email-tradein-credit-balance",
                &[
                    ("balance", money(*balance_cents)),
                    ("programme", programme.clone()),
                ],
            ));
            d.paragraphs = body;
            d.action = Some((
                t(lang, "email-tradein-credit-action"),
                c.url("/trade-in/credit"),
            ));
            d.closing = vec![t_args(
                lang,
                "email-tradein-box-link",
                &[("link", box_link(box_id))],
            )];
        }
        Notice::TradeInPieceRefused {
            box_id,
            name,
            reason,
            ..
        } => {
            d.subject = t_args(
                lang,
                "email-tradein-piece-refused-subject",
                &[("name", name.clone())],
            );
            d.paragraphs = vec![
                t_args(
                    lang,
                    "email-tradein-piece-refused-body",
                    &[("name", name.clone()), ("reason", reason.clone())],
                ),
                t(lang, "email-tradein-piece-refused-return"),
            ];
            d.action = Some((t(lang, "email-tradein-box-action"), box_link(box_id)));
        }
        Notice::VoucherIssued {
            programme,
            amount_cents,
            code,
            expires_at,
            ..
        } => {
            d.subject = t_args(
                lang,
                "email-voucher-issued-subject",
                &[
                    ("amount", money(*amount_cents)),
                    ("programme", programme.clone()),
                ],
            );
            d.paragraphs = vec![
                t_args(
                    lang,
                    "email-voucher-issued-body",
                    &[
                        ("amount", money(*amount_cents)),
                        ("date", i18n::date(lang, *expires_at)),
                    ],
                ),
                t_args(lang, "email-gift-card-code", &[("code", code.clone())]),
                t(lang, "email-voucher-channels"),
            ];
            d.action = Some((
                t(lang, "email-tradein-credit-action"),
                c.url("/trade-in/credit"),
            ));
        }
        Notice::VoucherEnding {
            programme,
            balance_cents,
            code,
            expires_at,
            ..
        } => {
            d.subject = t_args(
                lang,
                "email-voucher-ending-subject",
                &[("programme", programme.clone())],
            );
            d.paragraphs = vec![
                t_args(
                    lang,
                    "email-voucher-ending-body",
                    &[
                        ("balance", money(*balance_cents)),
                        ("date", i18n::date(lang, *expires_at)),
                    ],
                ),
                t_args(lang, "email-gift-card-code", &[("code", code.clone())]),
            ];
            d.action = Some((
                t(lang, "email-tradein-credit-action"),
                c.url("/trade-in/credit"),
            ));
        }
        _ => {}
    }
}
