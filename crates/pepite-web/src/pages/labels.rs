//! A parcel's shipping label as a PDF download (F2), for staff and for the parcel's seller
//! (A4: a buyer, or another seller, finds nothing): drawn from what the order stores, so it
//! prints the same every time.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use pepite_app::accounts::Principal;
use pepite_app::orders::{self, Viewer};
use pepite_app::{App, AppError};
use pepite_domain::account::Language;

use crate::documents::{LabelDoc, label_pdf, order_invoice::address_lines};
use crate::i18n::{t, t_args};

/// The label of parcel `parcel` of order `order_id`, once it has a tracking number.
pub async fn label(
    app: &App,
    who: &Principal,
    lang: Language,
    order_id: i64,
    parcel: i64,
) -> Result<Response, AppError> {
    let (d, viewer) = orders::detail(app, who, order_id).await?;
    if viewer == Viewer::Buyer && !who.is_staff() {
        return Err(AppError::NotFound);
    }
    let p = d
        .parcels
        .iter()
        .find(|p| p.parcel == parcel)
        .ok_or(AppError::NotFound)?;
    let tracking = p.tracking.clone().ok_or(AppError::NotFound)?;
    let number = d.order.number.clone().unwrap_or_default();
    let sender = match p.seller_id {
        Some(seller) => {
            let line = d.lines.iter().find(|l| l.seller_id == seller);
            line.map(|l| vec![l.shop_name.clone()]).unwrap_or_default()
        }
        None => {
            let issuer = orders::invoice_issuer(app, &d).await?;
            vec![
                t_args(lang, "label-workshop", &[("name", issuer.name)]),
                issuer.address,
            ]
        }
    };
    // Kilograms with one decimal in the reader's notation: carriers weigh to 100 g.
    let kg = format!("{:.1} kg", p.weight_g as f64 / 1000.0);
    let weight = if lang == Language::Fr {
        kg.replace('.', ",")
    } else {
        kg
    };
    let doc = LabelDoc {
        title: t_args(lang, "label-title", &[("number", number.clone())]),
        carrier: p.carrier_name.clone().unwrap_or_default(),
        tracking,
        weight_line: t_args(lang, "label-weight", &[("weight", weight)]),
        reference_line: t_args(lang, "label-reference", &[("number", number.clone())]),
        from: (t(lang, "label-from"), sender),
        to: (t(lang, "label-to"), address_lines(&d.delivery, lang)),
    };
    let file = format!("attachment; filename=\"label-{number}-{parcel}.pdf\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, file),
        ],
        label_pdf(&doc),
    )
        .into_response())
}
