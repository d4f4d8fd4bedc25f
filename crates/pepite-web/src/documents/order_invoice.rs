//! An order's invoice (O11) filled from its detail in the reader's language, for the pages and
//! the API alike: the order number is the invoice number, every line of the total is printed.

use pepite_app::addresses::Address;
use pepite_app::orders::OrderDetail;
use pepite_domain::Money;
use pepite_domain::account::Language;
use pepite_domain::commerce::LegalIdentity;
use pepite_domain::commerce::masked_gift_card_code as masked;

use super::InvoiceDoc;
use crate::i18n::{self, t, t_args};

/// The invoice of a paid order (its number is the invoice number; unpaid orders have none),
/// issued by `issuer`, the legal identity of the policy in force (P3).
pub fn invoice_doc(detail: &OrderDetail, lang: Language, issuer: &LegalIdentity) -> InvoiceDoc {
    let order = &detail.order;
    let number = order.number.clone().unwrap_or_default();
    let money = |cents: i64| i18n::money(lang, Money(cents));
    let minus = |cents: i64| format!("− {}", money(cents));

    let mut meta = vec![
        (
            t(lang, "invoice-date"),
            i18n::date(lang, order.paid_at.unwrap_or(order.created_at)),
        ),
        (
            t(lang, "invoice-order-date"),
            i18n::date(lang, order.created_at),
        ),
        (
            t(lang, "invoice-payment"),
            t(
                lang,
                &format!("method-{}", order.payment_method.replace('_', "-")),
            ),
        ),
        (
            t(lang, "invoice-mode"),
            t(lang, &format!("mode-{}", order.mode)),
        ),
    ];
    if let Some(date) = &order.needed_before {
        meta.push((t(lang, "invoice-needed-before"), day(lang, date)));
    }

    let lines = detail
        .lines
        .iter()
        .map(|l| {
            let article = [l.title.as_str(), l.brand.as_str(), l.size_label.as_str()]
                .into_iter()
                .filter(|p| !p.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            [article, l.shop_name.clone(), money(l.price_cents)]
        })
        .collect();

    let mut totals = vec![(t(lang, "total-goods"), money(order.goods_cents), false)];
    if order.discount_cents > 0 {
        totals.push((
            t(lang, "total-discount"),
            minus(order.discount_cents),
            false,
        ));
    }
    if order.bulk_discount_cents > 0 {
        totals.push((
            t(lang, "total-bulk"),
            minus(order.bulk_discount_cents),
            false,
        ));
    }
    totals.push((
        t(lang, "total-shipping"),
        money(order.shipping_cents),
        false,
    ));
    if order.qc_fee_cents > 0 {
        totals.push((t(lang, "total-qc-fee"), money(order.qc_fee_cents), false));
    }
    totals.push((t(lang, "total-total"), money(order.total_cents), true));
    for (_, code, amount) in &detail.instruments {
        let label = t_args(lang, "total-gift-card", &[("code", masked(code))]);
        totals.push((label, minus(*amount), false));
    }
    if order.card_cents > 0 {
        let key = format!("total-paid-{}", order.payment_method.replace('_', "-"));
        totals.push((t(lang, &key), money(order.card_cents), true));
    }

    let mut notes = vec![t(lang, "invoice-note-number")];
    if detail.quote.customs.duties_notice {
        notes.push(t(lang, "customs-duties"));
    }
    if detail.quote.customs.uk_import_vat {
        // The order's own figure: the threshold it was over may have changed since.
        let goods = i18n::pounds(lang, detail.quote.customs.uk_goods_pence);
        notes.push(t_args(lang, "customs-uk-vat-invoice", &[("goods", goods)]));
    }
    notes.push(t(lang, "invoice-note-sellers"));

    InvoiceDoc {
        title: t(lang, "invoice-title"),
        number_line: t_args(lang, "invoice-number", &[("number", number)]),
        meta,
        seller_block: issuer_lines(issuer, lang),
        billing: (
            t(lang, "invoice-billed-to"),
            address_lines(&detail.billing, lang),
        ),
        delivery: (
            t(lang, "invoice-delivered-to"),
            address_lines(&detail.delivery, lang),
        ),
        columns: [
            t(lang, "invoice-col-article"),
            t(lang, "invoice-col-seller"),
            t(lang, "invoice-col-amount"),
        ],
        lines,
        totals,
        notes,
    }
}

/// The identity block at the top right: its non-empty lines, the VAT number labelled.
pub(super) fn issuer_lines(issuer: &LegalIdentity, lang: Language) -> Vec<String> {
    let vat = (!issuer.vat_id.trim().is_empty())
        .then(|| t_args(lang, "invoice-vat-id", &[("id", issuer.vat_id.clone())]));
    [&issuer.name, &issuer.address, &issuer.registration]
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .cloned()
        .chain(vat)
        .collect()
}

/// An address on one line per part, empty parts left out, the country by its name.
pub fn address_lines(a: &Address, lang: Language) -> Vec<String> {
    let country = pepite_domain::country::name(&a.country, lang.as_str());
    [
        a.full_name.clone(),
        a.line1.clone(),
        a.line2.clone(),
        format!("{} {}", a.postal_code, a.city).trim().to_owned(),
        country.to_owned(),
        a.phone.clone(),
    ]
    .into_iter()
    .filter(|l| !l.trim().is_empty())
    .collect()
}

/// A `YYYY-MM-DD` date in the reader's language (as typed when it is not one).
fn day(lang: Language, raw: &str) -> String {
    let noon = raw
        .parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.at(12, 0, 0, 0).to_zoned(jiff::tz::TimeZone::UTC).ok())
        .map(|z| z.timestamp().as_microsecond());
    noon.map_or_else(|| raw.to_owned(), |us| i18n::date(lang, us))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needed_before_dates_read_in_each_language() {
        assert_eq!(day(Language::Fr, "2026-03-12"), "12 mars 2026");
        assert_eq!(day(Language::En, "2026-03-12"), "March 12, 2026");
        assert_eq!(day(Language::En, "soon"), "soon");
    }
}
