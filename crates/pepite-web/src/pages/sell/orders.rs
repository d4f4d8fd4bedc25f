//! O13: what the seller sold and must send. Paid orders holding their pieces, newest first,
//! with their own lines only (A4), what they earn on each, and where the parcel goes: to the
//! buyer's delivery address frozen with the order (direct) or to the Pépite workshop
//! (grouped), and by when the buyer would like it (O12). The buyer's e-mail and phone stay
//! with the platform (A3): questions go through customer service. On a direct order the
//! seller marks their parcel shipped with carrier and tracking number (F1).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::addresses::Address;
use pepite_app::carriers::{self, CarrierRow};
use pepite_app::orders::{self, LineRow, OrderRow, ParcelRow, Viewer};
use pepite_app::{AppError, shipping};
use pepite_domain::FieldErrors;
use serde::Deserialize;

use super::{path_id, person};
use crate::AppState;
use crate::pages::backoffice::days::day_start_us;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{FormErrors, OrPage, PageCtx, PageError, render};

const PAGE: i64 = 20;

/// One sold order as its seller reads it.
struct Sold {
    id: i64,
    number: String,
    paid_at: i64,
    /// Item 12: the whole order's state, as the buyer and staff read it.
    progress: &'static str,
    /// Direct orders: the address to send the parcel to; grouped ones go to the workshop.
    address: Option<Address>,
    /// O12: the start of the day the buyer wants the order by.
    needed: Option<i64>,
    lines: Vec<LineRow>,
}

impl Sold {
    fn new(order: &OrderRow, delivery: Option<Address>, lines: Vec<LineRow>) -> Self {
        Sold {
            id: order.id,
            number: order.number.clone().unwrap_or_default(),
            paid_at: order.paid_at.unwrap_or(order.created_at),
            progress: order.progress().as_str(),
            address: delivery.filter(|_| order.mode == "direct"),
            needed: order.needed_before.as_deref().and_then(day_start_us),
            lines,
        }
    }

    /// P1: what the seller earns on a line, the sale price less the commission.
    fn earning(&self, line: &LineRow) -> i64 {
        line.price_cents - line.commission_cents
    }

    fn total_earning(&self) -> i64 {
        self.lines.iter().map(|l| self.earning(l)).sum()
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct OrdersQuery {
    before: String,
}

#[derive(Template)]
#[template(path = "sell/orders.html")]
struct OrdersPage<'a> {
    ctx: &'a PageCtx,
    orders: Vec<Sold>,
    next: Option<String>,
}

pub(super) async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<OrdersQuery>,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let rows = match orders::of_seller(&state.app, &who, q.before.parse().ok(), PAGE).await {
        // No shop yet: the seller space opens with the shop form.
        Err(AppError::Forbidden) => return Ok(see_other("/sell")),
        other => other.or_page(&ctx)?,
    };
    let next = (rows.len() as i64 == PAGE)
        .then(|| rows.last())
        .flatten()
        .map(|(last, _)| format!("/sell/orders?before={}", last.id));
    let orders = rows
        .into_iter()
        .map(|(order, lines)| {
            let delivery = serde_json::from_str(&order.delivery_address).ok();
            Sold::new(&order, delivery, lines)
        })
        .collect();
    Ok(render(&OrdersPage {
        ctx: &ctx,
        orders,
        next,
    }))
}

#[derive(Template)]
#[template(path = "sell/order.html")]
struct OrderPage<'a> {
    ctx: &'a PageCtx,
    o: Sold,
    /// Direct orders: the seller's own parcel, whose weight sets the postage and which they
    /// mark shipped (F1).
    parcel: Option<ParcelRow>,
    /// F1: the carriers a seller may choose, and the shipment form as typed.
    carriers: Vec<CarrierRow>,
    form: ShipForm,
    errors: FormErrors,
    /// F2: grouped orders: the seller's pieces on their way to the workshop.
    workshop: Vec<pepite_app::workshop::WorkshopLine>,
}

/// F1: the shipment as the seller types it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct ShipForm {
    carrier: String,
    tracking: String,
}

pub(super) async fn detail(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = path_id(&ctx, &id)?;
    order_page(&state, &ctx, id, ShipForm::default(), FieldErrors::new()).await
}

/// The seller's view of order `id`, with the shipment form as typed and its errors.
async fn order_page(
    state: &AppState,
    ctx: &PageCtx,
    id: i64,
    form: ShipForm,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let who = person(ctx)?;
    let not_found = || PageError::new(ctx, AppError::NotFound);
    let seller = who.seller_id.ok_or_else(not_found)?;
    let (d, viewer) = orders::detail(&state.app, &who, id).await.or_page(ctx)?;
    // Here everyone reads as a seller: being the buyer or staff shows nothing more.
    if viewer == Viewer::Buyer || d.order.state != "paid" {
        return Err(not_found());
    }
    let lines: Vec<LineRow> = d
        .lines
        .into_iter()
        .filter(|l| l.seller_id == seller)
        .collect();
    if lines.is_empty() {
        return Err(not_found());
    }
    let parcel = d.parcels.into_iter().find(|p| p.seller_id == Some(seller));
    let mut carriers = carriers::list(&state.app).await.or_page(ctx)?;
    carriers.retain(|c| c.active);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let workshop = pepite_app::workshop::lines_for(&state.app, &who, id)
        .await
        .or_page(ctx)?;
    let page = OrderPage {
        workshop,
        ctx,
        o: Sold::new(&d.order, Some(d.delivery), lines),
        parcel,
        carriers,
        form,
        errors: FormErrors::new(ctx.lang, errors),
    };
    Ok((status, render(&page)).into_response())
}

/// F1: the seller marks their parcel shipped; the buyer is told (F3). A refused number comes
/// back beside its field, in the seller's language.
pub(super) async fn ship(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, parcel)): Path<(String, String)>,
    Form(form): Form<ShipForm>,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let id = path_id(&ctx, &id)?;
    let parcel = path_id(&ctx, &parcel)?;
    match shipping::ship_parcel(&state.app, &who, id, parcel, &form.carrier, &form.tracking).await {
        Ok(_) => Ok(see_other(&format!("/sell/orders/{id}"))),
        Err(AppError::Invalid(errors)) => order_page(&state, &ctx, id, form, errors).await,
        Err(e) => Err(PageError::new(&ctx, e)),
    }
}

/// F2: the seller marks a grouped order's piece sent to the workshop (carrier and number
/// optional). A refused number comes back beside the form, in the seller's language.
pub(super) async fn sent(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, piece)): Path<(String, String)>,
    Form(form): Form<ShipForm>,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let (id, piece) = (path_id(&ctx, &id)?, path_id(&ctx, &piece)?);
    let (carrier, tracking) = (&form.carrier, &form.tracking);
    match pepite_app::workshop::mark_sent(&state.app, &who, id, piece, carrier, tracking).await {
        Ok(_) => Ok(see_other(&format!("/sell/orders/{id}"))),
        Err(AppError::Invalid(errors)) => order_page(&state, &ctx, id, form, errors).await,
        Err(e) => Err(PageError::new(&ctx, e)),
    }
}
