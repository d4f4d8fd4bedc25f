//! Orders (O11–O13, A4): my orders, one order as its buyer, a seller (only their lines) or
//! staff see it, the lines each seller must ship and where, and staff's search.

use axum::Json;
use axum::extract::State;
use pepite_app::orders::{self, LineRow, OrderFilter, OrderRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::addresses::PostalAddress;
use super::order_view::{OrderLine, OrderView};
use super::{CURRENCY, PageQuery, next_before};
use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiPath, ApiQuery, problem, timestamp};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_orders))
        .routes(routes!(order))
        .routes(routes!(seller_orders))
        .routes(routes!(staff_orders))
}

/// An order in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderSummary {
    pub id: i64,
    /// O11: the order and invoice number, once paid.
    #[schema(example = "2026-000001")]
    pub number: Option<String>,
    /// The payment's state: `awaiting_payment`, `paid` or `failed`.
    pub state: String,
    /// Item 12: where the order stands, the same for buyer, seller and staff.
    #[schema(schema_with = crate::api::vocabulary::order_progress)]
    pub progress: &'static str,
    pub mode: String,
    pub country: String,
    pub total_cents: i64,
    #[schema(example = "EUR")]
    pub currency: &'static str,
    pub created_at: String,
    pub paid_at: Option<String>,
    /// Why a failed order failed, e.g. `card_declined`.
    pub failure_code: Option<String>,
    /// Staff lists only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buyer_email: Option<String>,
}

impl OrderSummary {
    fn new(o: OrderRow, staff: bool) -> Self {
        let progress = o.progress().as_str();
        OrderSummary {
            id: o.id,
            number: o.number,
            progress,
            state: o.state,
            mode: o.mode,
            country: o.country,
            total_cents: o.total_cents,
            currency: CURRENCY,
            created_at: timestamp(o.created_at),
            paid_at: o.paid_at.map(timestamp),
            failure_code: o.failure_code,
            buyer_email: staff.then_some(o.buyer_email),
        }
    }
}

/// A page of orders, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderPage {
    pub items: Vec<OrderSummary>,
    /// Pass as `before` for the next page; absent on the last page.
    pub next_before: Option<i64>,
}

impl OrderPage {
    fn new(rows: Vec<OrderRow>, limit: i64, staff: bool) -> Self {
        OrderPage {
            next_before: next_before(&rows, limit, |o| o.id),
            items: rows
                .into_iter()
                .map(|o| OrderSummary::new(o, staff))
                .collect(),
        }
    }
}

/// O13: what a seller must send for one paid order, and where.
#[derive(Debug, Serialize, ToSchema)]
pub struct SellerOrder {
    pub order_id: i64,
    pub number: Option<String>,
    /// Item 12: where the order stands, the same for buyer, seller and staff.
    #[schema(schema_with = crate::api::vocabulary::order_progress)]
    pub progress: &'static str,
    pub mode: String,
    pub paid_at: Option<String>,
    /// O12: the buyer asked for delivery before this date.
    pub needed_before: Option<String>,
    /// `buyer` (direct: send straight to `deliver_to`) or `workshop` (grouped).
    pub ship_to: String,
    /// The buyer's delivery address, for direct orders only.
    pub deliver_to: Option<PostalAddress>,
    /// My lines only.
    pub lines: Vec<OrderLine>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SellerOrderPage {
    pub items: Vec<SellerOrder>,
    pub next_before: Option<i64>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StaffOrdersQuery {
    /// The order (invoice) number, e.g. `2026-000001`.
    pub number: Option<String>,
    /// The buyer's e-mail address (exact, any case).
    pub email: Option<String>,
    /// Orders holding this piece.
    pub piece_id: Option<i64>,
    /// `awaiting_payment`, `paid` or `failed`.
    pub state: Option<String>,
    pub before: Option<i64>,
    /// 1 to 100, default 50.
    pub limit: Option<i64>,
}

fn text(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// My orders, newest first (paid and failed attempts alike).
#[utoipa::path(get, path = "/orders", tag = "orders", security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, body = OrderPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`control_character`: a text holds NUL or another control character", body = Problem, content_type = "application/problem+json"),
    ))]
async fn my_orders(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<OrderPage>, Problem> {
    let limit = q.limit();
    let rows = orders::of_buyer(&s.app, &who, q.before, limit)
        .await
        .map_err(problem(lang))?;
    Ok(Json(OrderPage::new(rows, limit, false)))
}

/// One order: mine, or one with lines of my shop (only those lines, no totals, no billing
/// address), or any order for customer service, finance and the workshop.
#[utoipa::path(get, path = "/orders/{id}", tag = "orders", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = OrderView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn order(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<OrderView>, Problem> {
    let (detail, viewer) = orders::detail(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(OrderView::new(detail, viewer)))
}

/// O13: the paid orders with pieces of my shop to send, newest first, and where to send them.
#[utoipa::path(get, path = "/seller/orders", tag = "orders", security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, body = SellerOrderPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No shop", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`control_character`: a text holds NUL or another control character", body = Problem, content_type = "application/problem+json"),
    ))]
async fn seller_orders(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<SellerOrderPage>, Problem> {
    let limit = q.limit();
    let rows = orders::of_seller(&s.app, &who, q.before, limit)
        .await
        .map_err(problem(lang))?;
    let next_before = next_before(&rows, limit, |(o, _)| o.id);
    let items = rows
        .into_iter()
        .map(|(o, lines)| seller_order(o, lines))
        .collect();
    Ok(Json(SellerOrderPage { items, next_before }))
}

fn seller_order(o: OrderRow, lines: Vec<LineRow>) -> SellerOrder {
    let to_buyer = o.mode != "grouped";
    let progress = o.progress().as_str();
    SellerOrder {
        order_id: o.id,
        progress,
        number: o.number,
        paid_at: o.paid_at.map(timestamp),
        needed_before: o.needed_before,
        ship_to: if to_buyer { "buyer" } else { "workshop" }.to_owned(),
        deliver_to: to_buyer
            .then(|| serde_json::from_str(&o.delivery_address).ok())
            .flatten(),
        mode: o.mode,
        lines: lines.into_iter().map(OrderLine::from).collect(),
    }
}

/// Every order, filtered, newest first (customer service, finance, workshop).
#[utoipa::path(get, path = "/staff/orders", tag = "orders", security(("bearer" = [])),
    params(StaffOrdersQuery),
    responses(
        (status = 200, body = OrderPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`control_character`: a text holds NUL or another control character", body = Problem, content_type = "application/problem+json"),
    ))]
async fn staff_orders(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Orders>,
    ApiQuery(q): ApiQuery<StaffOrdersQuery>,
) -> Result<Json<OrderPage>, Problem> {
    let limit = q.limit.unwrap_or(50).clamp(1, 100);
    let filter = OrderFilter {
        number: text(q.number),
        buyer_email: text(q.email),
        piece_id: q.piece_id,
        state: text(q.state),
        ..Default::default()
    };
    let rows = orders::search(&s.app, &who, &filter, q.before, limit)
        .await
        .map_err(problem(lang))?;
    Ok(Json(OrderPage::new(rows, limit, true)))
}
