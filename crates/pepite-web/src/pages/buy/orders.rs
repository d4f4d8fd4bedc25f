//! The buyer's orders (O6, O10–O13): the list, one order with its parcels, addresses and every
//! line of its total, and its invoice as a PDF once paid (the order number is its number). A
//! payment that did not go through is shown as an attempt numbered by its id ("Tentative
//! n° 17"), never in the invoices' "2026-000001" form, saying it was declined or abandoned.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use pepite_app::orders::{self, OrderDetail, OrderRow, ParcelRow, Viewer};
use pepite_app::{AppError, cancellation};
use pepite_domain::account::Language;
use pepite_domain::commerce::add_business_days;
use pepite_domain::commerce::masked_gift_card_code as masked;
use serde::Deserialize;

use super::{civil_date, coded_text, iso_date, paris_date, parse_id, signed_in};
use crate::AppState;
use crate::documents::invoice_pdf;
use crate::documents::order_invoice::{address_lines, invoice_doc};
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{OrPage, PageCtx, PageError, render};

/// Orders per page of the list.
const PAGE: i64 = 30;

/// The failure codes of a payment the bank or PayPal refused (the `declined-*` texts).
const DECLINES: &[&str] = &[
    "card_declined",
    "insufficient_funds",
    "expired_card",
    "authentication_failed",
    "invalid_number",
    "card_not_supported",
    "paypal_declined",
];

/// What became of an order's payment, for the `order-state-*` texts: a failed one says
/// whether it was declined or abandoned.
fn outcome(o: &OrderRow) -> &str {
    match (o.state.as_str(), o.failure_code.as_deref()) {
        ("failed", Some("payment_timeout" | "payment_canceled")) => "abandoned",
        ("failed", Some(code)) if DECLINES.contains(&code) => "declined",
        // Item 12: a paid order reads as its parcels have it (shipped, delivered…).
        _ => o.progress().as_str(),
    }
}

#[derive(Template)]
#[template(path = "buy/orders.html")]
struct OrdersPage<'a> {
    ctx: &'a PageCtx,
    orders: Vec<OrderRow>,
    /// The cursor of the next page, when there may be one.
    older: Option<i64>,
}

impl OrdersPage<'_> {
    fn outcome<'o>(&self, o: &'o OrderRow) -> &'o str {
        outcome(o)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    before: Option<i64>,
}

pub async fn list(
    State(s): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, "/orders")?;
    let orders = orders::of_buyer(&s.app, &who, q.before, PAGE)
        .await
        .or_page(&ctx)?;
    let older = (orders.len() as i64 == PAGE)
        .then(|| orders.last().map(|o| o.id))
        .flatten();
    Ok(render(&OrdersPage {
        ctx: &ctx,
        orders,
        older,
    }))
}

/// One piece of a parcel.
struct LineView {
    piece_id: i64,
    title: String,
    brand: String,
    size_label: String,
    shop_name: String,
    cover_key: Option<String>,
    price_cents: i64,
    /// O13 for grouped orders: the seller sends it to the workshop first.
    via_workshop: bool,
}

/// One parcel to the buyer.
struct ParcelView {
    heading: String,
    /// F3/F4: its carrier, tracking link and dates.
    row: ParcelRow,
    shipping_cents: i64,
    lines: Vec<LineView>,
}

#[derive(Template)]
#[template(path = "buy/order.html")]
struct OrderPage<'a> {
    ctx: &'a PageCtx,
    d: OrderDetail,
    placed: bool,
    failure: Option<String>,
    parcels: Vec<ParcelView>,
    delivery: Vec<String>,
    billing: Vec<String>,
    gift_cards: Vec<(String, i64)>,
    needed_before: Option<String>,
    /// O4 from the day it was paid: (earliest, latest).
    estimate: Option<(String, String)>,
    /// F2/F6: a grouped order's pieces at the workshop; F7: the parcels reported.
    workshop: Vec<pepite_app::workshop::WorkshopLine>,
    /// F6: the photos of each failed check, by piece.
    check_photos: Vec<(i64, Vec<String>)>,
    reports: Vec<pepite_app::lost_parcels::ReportRow>,
    /// R1–R4: the pieces that may go back, and the order's returns.
    returns: super::returns::ReturnsSection,
}

impl OrderPage<'_> {
    /// F6: a failed piece's photos.
    fn photos_of(&self, piece_id: &i64) -> Vec<crate::api::photos::PhotoUrls> {
        crate::api::photos::of_piece(&self.check_photos, *piece_id)
    }

    fn paid(&self) -> bool {
        self.d.order.number.is_some()
    }

    fn outcome(&self) -> &str {
        outcome(&self.d.order)
    }

    /// F7: the parcel was reported already.
    fn reported(&self, parcel: &i64) -> bool {
        self.reports.iter().any(|r| r.parcel == *parcel)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DetailQuery {
    placed: Option<String>,
}

/// The buyer's own order (A4: anyone else's is not found here; staff have the back office).
async fn mine(s: &AppState, ctx: &PageCtx, raw_id: &str) -> Result<OrderDetail, PageError> {
    let who = signed_in(ctx, &ctx.here)?;
    let id = parse_id(ctx, raw_id)?;
    match orders::detail(&s.app, &who, id).await.or_page(ctx)? {
        (detail, Viewer::Buyer) => Ok(detail),
        _ => Err(PageError::new(ctx, AppError::NotFound)),
    }
}

pub async fn detail(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<DetailQuery>,
) -> Result<Response, PageError> {
    let d = mine(&s, &ctx, &id).await?;
    let who = signed_in(&ctx, &ctx.here)?;
    let returns = super::returns::section(&s.app, &who, &ctx, &d)
        .await
        .or_page(&ctx)?;
    let o = &d.order;
    let failure = (o.state == "failed")
        .then(|| coded_text(&ctx, "declined", o.failure_code.as_deref().unwrap_or("")));
    let estimate = o.paid_at.map(|paid| {
        let day = paris_date(paid);
        let (min, max) = d.quote.estimate_days;
        (
            civil_date(&ctx, add_business_days(day, min)),
            civil_date(&ctx, add_business_days(day, max)),
        )
    });
    let placed = q.placed.is_some() && o.number.is_some();
    let needed_before = o.needed_before.as_deref().map(|n| iso_date(&ctx, n));
    let who = signed_in(&ctx, &ctx.here)?;
    let workshop = pepite_app::workshop::lines_for(&s.app, &who, o.id)
        .await
        .or_page(&ctx)?;
    let check_photos = pepite_app::workshop::failed_check_photos(&s.app, &workshop)
        .await
        .or_page(&ctx)?;
    let reports = pepite_app::lost_parcels::of_order(&s.app, &who, o)
        .await
        .or_page(&ctx)?;
    let page = OrderPage {
        workshop,
        check_photos,
        reports,
        ctx: &ctx,
        placed,
        failure,
        parcels: parcels(&ctx, &d),
        delivery: address_lines(&d.delivery, ctx.lang),
        billing: address_lines(&d.billing, ctx.lang),
        gift_cards: d
            .instruments
            .iter()
            .map(|(_, code, amount)| (masked(code), *amount))
            .collect(),
        needed_before,
        estimate,
        returns,
        d,
    };
    Ok(render(&page))
}

/// F5: the buyer cancels before the first dispatch: full refund, pieces on sale again; the
/// order then reads "cancelled". After dispatch it is a conflict page.
pub async fn cancel(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, &ctx.here)?;
    let id = parse_id(&ctx, &id)?;
    cancellation::cancel(&s.app, &who, id).await.or_page(&ctx)?;
    Ok(see_other(&format!("/orders/{id}")))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChoiceForm {
    choice: String,
}

/// F6: the buyer keeps a failed piece as it is, or gives it up (refunded).
pub async fn choose(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path((id, piece)): Path<(String, String)>,
    Form(form): Form<ChoiceForm>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, &ctx.here)?;
    let (id, piece) = (parse_id(&ctx, &id)?, parse_id(&ctx, &piece)?);
    let keep = form.choice == "keep";
    pepite_app::workshop::choose(&s.app, &who, id, piece, keep)
        .await
        .or_page(&ctx)?;
    Ok(see_other(&format!("/orders/{id}")))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    kind: String,
    note: String,
}

/// F7: the buyer reports a parcel lost or refused at customs.
pub async fn report(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path((id, parcel)): Path<(String, String)>,
    Form(form): Form<ReportForm>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, &ctx.here)?;
    let (id, parcel) = (parse_id(&ctx, &id)?, parse_id(&ctx, &parcel)?);
    pepite_app::lost_parcels::report(&s.app, &who, id, parcel, &form.kind, &form.note)
        .await
        .or_page(&ctx)?;
    Ok(see_other(&format!("/orders/{id}#report-{parcel}")))
}

/// O1/O13: each parcel, where it leaves from, and the pieces in it.
fn parcels(ctx: &PageCtx, d: &OrderDetail) -> Vec<ParcelView> {
    d.parcels
        .iter()
        .map(|p| {
            let lines: Vec<LineView> = d
                .lines
                .iter()
                .filter(|l| l.parcel == p.parcel)
                .map(|l| LineView {
                    piece_id: l.piece_id,
                    title: l.title.clone(),
                    brand: l.brand.clone(),
                    size_label: l.size_label.clone(),
                    shop_name: l.shop_name.clone(),
                    cover_key: l.cover_key.clone(),
                    price_cents: l.price_cents,
                    via_workshop: l.ship_to == "workshop",
                })
                .collect();
            let heading = match (p.seller_id, lines.first()) {
                (Some(_), Some(first)) => {
                    ctx.t2("order-parcel-from", "n", p.parcel, "shop", &first.shop_name)
                }
                _ => ctx.t1("order-parcel-workshop", "n", p.parcel),
            };
            ParcelView {
                heading,
                row: p.clone(),
                shipping_cents: p.shipping_cents,
                lines,
            }
        })
        .collect()
}

/// O11: the invoice, downloaded under its number ("facture-2026-000001.pdf").
pub async fn invoice(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let d = mine(&s, &ctx, &id).await?;
    let Some(number) = d.order.number.clone() else {
        return Err(PageError::new(&ctx, AppError::NotFound));
    };
    let issuer = orders::invoice_issuer(&s.app, &d).await.or_page(&ctx)?;
    let pdf = invoice_pdf(&invoice_doc(&d, ctx.lang, &issuer));
    let stem = match ctx.lang {
        Language::Fr => "facture",
        Language::En => "invoice",
    };
    let disposition = format!("attachment; filename=\"{stem}-{number}.pdf\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        pdf,
    )
        .into_response())
}
