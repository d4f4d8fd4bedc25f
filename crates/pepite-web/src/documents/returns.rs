//! A return's documents (R2): the slip that travels in the parcel (order, pieces, where each
//! parcel goes) and each parcel's prepaid label, filled in the reader's language for the
//! pages and the API alike.

use pepite_app::accounts::Principal;
use pepite_app::orders::{self, OrderDetail};
use pepite_app::returns::{self, CreditNoteRow, ReturnDetail, ReturnParcelRow};
use pepite_app::{App, AppError};
use pepite_domain::Money;
use pepite_domain::account::Language;
use pepite_domain::commerce::LegalIdentity;

use super::order_invoice::{address_lines, issuer_lines};
use super::{InvoiceDoc, LabelDoc, invoice_pdf, label_pdf};
use crate::i18n::{self, t, t_args};

/// The return and its order as `who` may see them (A4: buyer, staff, or the seller a parcel
/// goes to), with the issuer of the order's invoice.
async fn read(
    app: &App,
    who: &Principal,
    return_id: i64,
) -> Result<(ReturnDetail, OrderDetail, LegalIdentity), AppError> {
    let d = returns::get(app, who, return_id).await?;
    // A seller receiving a return reads the order as a seller of it: their own lines and
    // the address the parcel comes from.
    let (order, _) = orders::detail(app, who, d.ret.order_id).await?;
    let issuer = orders::invoice_issuer(app, &order).await?;
    Ok((d, order, issuer))
}

/// Where a return parcel goes, on lines: the seller's shop, or the workshop at the issuer's
/// address.
fn destination(
    p: &ReturnParcelRow,
    d: &ReturnDetail,
    issuer: &LegalIdentity,
    lang: Language,
) -> Vec<String> {
    match (p.seller_id, d.lines.iter().find(|l| l.parcel == p.parcel)) {
        (Some(_), Some(line)) => vec![line.shop_name.clone(), t(lang, "return-to-seller-note")],
        _ => vec![
            t_args(lang, "return-to-workshop", &[("name", issuer.name.clone())]),
            issuer.address.clone(),
        ],
    }
}

/// The parcel's number as the buyer reads it: 1, 2… within the return.
fn parcel_index(d: &ReturnDetail, parcel: i64) -> usize {
    d.parcels
        .iter()
        .position(|p| p.parcel == parcel)
        .map_or(0, |i| i + 1)
}

/// R2: the return slip (file name, PDF).
pub async fn slip_file(
    app: &App,
    who: &Principal,
    return_id: i64,
    lang: Language,
) -> Result<(String, Vec<u8>), AppError> {
    let (d, order, issuer) = read(app, who, return_id).await?;
    let money = |cents: i64| i18n::money(lang, Money(cents));
    let number = order.order.number.clone().unwrap_or_default();
    let mut meta = vec![
        (t(lang, "return-slip-order"), number.clone()),
        (
            t(lang, "return-slip-date"),
            i18n::date(lang, d.ret.created_at),
        ),
        (
            t(lang, "return-slip-reason"),
            t(
                lang,
                &format!("return-reason-{}", d.ret.reason.replace('_', "-")),
            ),
        ),
    ];
    if d.ret.buyer_pays && d.ret.charge_cents > 0 {
        meta.push((t(lang, "return-slip-charge"), money(d.ret.charge_cents)));
    }
    let lines = d
        .lines
        .iter()
        .map(|l| {
            let parcel = t_args(
                lang,
                "return-slip-parcel",
                &[("n", parcel_index(&d, l.parcel).to_string())],
            );
            [l.title.clone(), l.shop_name.clone(), parcel]
        })
        .collect();
    let destinations = d
        .parcels
        .iter()
        .flat_map(|p| {
            let n = parcel_index(&d, p.parcel).to_string();
            let head = t_args(lang, "return-slip-parcel", &[("n", n)]);
            std::iter::once(head).chain(destination(p, &d, &issuer, lang))
        })
        .collect();
    let doc = InvoiceDoc {
        title: t(lang, "return-slip-title"),
        number_line: t_args(lang, "return-slip-number", &[("id", d.ret.id.to_string())]),
        meta,
        seller_block: issuer_lines(&issuer, lang),
        billing: (
            t(lang, "return-slip-from"),
            address_lines(&order.delivery, lang),
        ),
        delivery: (t(lang, "return-slip-to"), destinations),
        columns: [
            t(lang, "invoice-col-article"),
            t(lang, "invoice-col-seller"),
            t(lang, "return-slip-col-parcel"),
        ],
        lines,
        totals: Vec::new(),
        notes: vec![
            t(lang, "return-slip-note-inside"),
            t(lang, "return-slip-note-refund"),
            t(lang, "return-no-exchanges"),
        ],
    };
    let name = format!("{}-{}.pdf", t(lang, "return-slip-file"), d.ret.id);
    Ok((name, invoice_pdf(&doc)))
}

/// R2: a return parcel's prepaid label (file name, PDF), bought now if it was not yet.
pub async fn label_file(
    app: &App,
    who: &Principal,
    return_id: i64,
    parcel: i64,
    lang: Language,
) -> Result<(String, Vec<u8>), AppError> {
    let (mut d, order, issuer) = read(app, who, return_id).await?;
    if d.ret.state == "claimed" || !d.parcels.iter().any(|p| p.parcel == parcel) {
        return Err(AppError::NotFound);
    }
    if d.parcels.iter().any(|p| p.tracking.is_none()) {
        returns::ensure_labels(app, return_id).await?;
        d = returns::get(app, who, return_id).await?;
    }
    let p = d
        .parcels
        .iter()
        .find(|p| p.parcel == parcel)
        .ok_or(AppError::NotFound)?;
    let tracking = p.tracking.clone().ok_or(AppError::Unavailable("carrier"))?;
    let weight = p.weight_g;
    let number = order.order.number.clone().unwrap_or_default();
    let carrier = p
        .carrier_name
        .clone()
        .or(p.carrier.clone())
        .unwrap_or_default();
    let paid_by = t(
        lang,
        if d.ret.buyer_pays {
            "return-label-charged"
        } else {
            "return-label-prepaid"
        },
    );
    let refs = t_args(
        lang,
        "return-label-refs",
        &[("number", number), ("id", return_id.to_string())],
    );
    let doc = LabelDoc {
        title: t(lang, "return-label-title"),
        carrier: format!("{carrier} · {}", t(lang, "return-label-kind")),
        tracking: tracking.clone(),
        weight_line: t_args(
            lang,
            "return-label-weight",
            &[("grams", weight.to_string())],
        ),
        reference_line: format!("{refs} · {paid_by}"),
        from: (
            t(lang, "return-slip-from"),
            address_lines(&order.delivery, lang),
        ),
        to: (t(lang, "return-slip-to"), destination(p, &d, &issuer, lang)),
    };
    let name = format!("{}-{tracking}.pdf", t(lang, "return-label-file"));
    Ok((name, label_pdf(&doc)))
}

/// R5/O11: the credit note of one refund, referring to the order's invoice, with what went
/// back to each means of payment.
pub fn credit_note_doc(
    order: &OrderDetail,
    note: &CreditNoteRow,
    issuer: &LegalIdentity,
    lang: Language,
) -> InvoiceDoc {
    let money = |cents: i64| i18n::money(lang, Money(cents));
    let invoice = order.order.number.clone().unwrap_or_default();
    let mut totals = vec![(t(lang, "total-goods"), money(note.goods_cents), false)];
    if note.shipping_cents > 0 {
        totals.push((t(lang, "total-shipping"), money(note.shipping_cents), false));
    }
    if note.fees_cents > 0 {
        totals.push((t(lang, "total-qc-fee"), money(note.fees_cents), false));
    }
    totals.push((t(lang, "credit-note-total"), money(note.total_cents), true));
    if note.card_cents > 0 {
        let paid = t(
            lang,
            &format!(
                "credit-note-to-{}",
                order.order.payment_method.replace('_', "-")
            ),
        );
        totals.push((paid, money(note.card_cents), false));
    }
    if note.instruments_cents > 0 {
        totals.push((
            t(lang, "credit-note-to-gift-cards"),
            money(note.instruments_cents),
            false,
        ));
    }
    InvoiceDoc {
        title: t(lang, "credit-note-title"),
        number_line: t_args(
            lang,
            "credit-note-number",
            &[("number", note.credit_note_number.clone())],
        ),
        meta: vec![
            (
                t(lang, "credit-note-date"),
                i18n::date(lang, note.created_at),
            ),
            (t(lang, "credit-note-invoice"), invoice),
            (
                t(lang, "credit-note-reason"),
                reason_text(lang, &note.reason),
            ),
        ],
        seller_block: issuer_lines(issuer, lang),
        billing: (
            t(lang, "invoice-billed-to"),
            address_lines(&order.billing, lang),
        ),
        delivery: (
            t(lang, "invoice-delivered-to"),
            address_lines(&order.delivery, lang),
        ),
        columns: [
            t(lang, "invoice-col-article"),
            t(lang, "invoice-col-seller"),
            t(lang, "invoice-col-amount"),
        ],
        lines: Vec::new(),
        totals,
        notes: vec![t_args(
            lang,
            "credit-note-refers",
            &[("number", order.order.number.clone().unwrap_or_default())],
        )],
    }
}

/// R5: the credit note of refund `refund_id` of order `order_id` (file name, PDF), for the
/// order's buyer and staff.
pub async fn credit_note_file(
    app: &App,
    who: &Principal,
    order_id: i64,
    refund_id: i64,
    lang: Language,
) -> Result<(String, Vec<u8>), AppError> {
    let notes = returns::credit_notes(app, who, order_id).await?;
    let note = notes
        .iter()
        .find(|n| n.id == refund_id)
        .ok_or(AppError::NotFound)?;
    let (order, _) = orders::detail(app, who, order_id).await?;
    let issuer = orders::invoice_issuer(app, &order).await?;
    let pdf = invoice_pdf(&credit_note_doc(&order, note, &issuer, lang));
    Ok((
        format!(
            "{}-{}.pdf",
            t(lang, "credit-note-file"),
            note.credit_note_number
        ),
        pdf,
    ))
}

/// A refund's reason in the reader's language; one this module does not know reads as a
/// refund.
fn reason_text(lang: Language, reason: &str) -> String {
    let key = format!("credit-note-reason-{}", reason.replace('_', "-"));
    if i18n::has(lang, &key) {
        t(lang, &key)
    } else {
        t(lang, "credit-note-reason-other")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r5_unknown_refund_reasons_read_as_a_refund() {
        assert_eq!(reason_text(Language::En, "return"), "Return of the piece");
        assert_eq!(reason_text(Language::Fr, "lost:parcel"), "Remboursement");
    }
}
