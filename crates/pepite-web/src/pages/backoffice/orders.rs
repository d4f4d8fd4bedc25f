//! Orders in the back office (O11–O13, A4): every order, newest first, searched by number,
//! buyer e-mail, piece and state; one order with everything about it, the buyer's "needed
//! before" date first (O12), each parcel's shipment, and recording a delivery (F4); staff's
//! notes, cancelling and refunds are in `order_actions`. Gift-card codes are bearer secrets:
//! only their end is shown.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::accounts::Principal;
use pepite_app::orders::{self, EventRow, OrderDetail, OrderFilter, OrderRow};
use pepite_app::shipping;
use pepite_domain::account::Role;
use pepite_domain::{FieldError, FieldErrors};
use serde::Deserialize;

use super::days::{day_start_us, hour_of};
use super::numbers::format_scaled;
use super::order_actions::{Actions, Draft};
use super::problems::Problems;
use super::workshop::Said;
use super::{fail, path_id, staff};
use crate::AppState;
use crate::pages::ctx::urlencode;
use crate::pages::forms::{Query, see_other};
use crate::pages::{PageCtx, PageError, render};

const PAGE: i64 = 50;
const STATES: [&str; 3] = ["awaiting_payment", "paid", "failed"];

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct OrdersQuery {
    number: String,
    email: String,
    piece: String,
    state: String,
    before: String,
}

impl OrdersQuery {
    /// What to search for; a piece number that is not a number is the one thing refused.
    fn filter(&self) -> Result<OrderFilter, FieldError> {
        let given = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let piece_id = match given(&self.piece) {
            None => None,
            Some(p) => Some(
                p.trim_start_matches('#')
                    .parse()
                    .map_err(|_| FieldError::new("piece", "invalid_number"))?,
            ),
        };
        Ok(OrderFilter {
            number: given(&self.number),
            buyer_email: given(&self.email),
            piece_id,
            state: given(&self.state).filter(|s| STATES.contains(&s.as_str())),
            ..Default::default()
        })
    }

    /// This search again, from the order after `before`.
    fn next_href(&self, before: i64) -> String {
        format!(
            "/back-office/orders?number={}&email={}&piece={}&state={}&before={before}",
            urlencode(self.number.trim()),
            urlencode(self.email.trim()),
            urlencode(self.piece.trim()),
            urlencode(&self.state),
        )
    }
}

#[derive(Template)]
#[template(path = "backoffice/orders.html")]
struct OrdersPage<'a> {
    ctx: &'a PageCtx,
    q: OrdersQuery,
    orders: Vec<OrderRow>,
    errors: Problems,
    next: Option<String>,
}

impl OrdersPage<'_> {
    fn states(&self) -> [&'static str; 3] {
        STATES
    }

    /// O12: the start of the day the buyer wants the order by.
    fn needed(&self, order: &OrderRow) -> Option<i64> {
        day_start_us(order.needed_before.as_deref()?)
    }
}

pub(super) async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<OrdersQuery>,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    let (orders, errors) = match q.filter() {
        Ok(filter) => {
            let rows = orders::search(&state.app, &who, &filter, q.before.parse().ok(), PAGE)
                .await
                .map_err(|e| fail(&ctx, e))?;
            (rows, Problems::default())
        }
        Err(e) => (Vec::new(), Problems::new(&ctx, &FieldErrors(vec![e]))),
    };
    let next = (orders.len() as i64 == PAGE)
        .then(|| orders.last())
        .flatten()
        .map(|last| q.next_href(last.id));
    Ok(render(&OrdersPage {
        ctx: &ctx,
        q,
        orders,
        errors,
        next,
    }))
}

#[derive(Template)]
#[template(path = "backoffice/order.html")]
struct OrderPage<'a> {
    ctx: &'a PageCtx,
    d: OrderDetail,
    needed: Option<i64>,
    /// F4: the person may record a delivery (workshop, customer service).
    deliverer: bool,
    /// Notes, cancelling and refunds (issue 11, item 6).
    a: Actions,
}

impl OrderPage<'_> {
    fn hour(&self, us: &i64) -> String {
        hour_of(*us)
    }

    fn percent(&self, bps: &i64) -> String {
        format_scaled(*bps, 2, self.ctx.lang)
    }

    /// The shop of a seller of this order, or the workshop for a parcel it packs (grouped).
    fn shop(&self, seller: &Option<i64>) -> String {
        seller
            .and_then(|s| self.d.lines.iter().find(|l| l.seller_id == s))
            .map_or_else(|| self.ctx.t("bo-order-workshop"), |l| l.shop_name.clone())
    }

    /// Whether a line's piece can still be refunded (its checkbox).
    fn refundable(&self, piece: &i64) -> bool {
        self.a.refundable.contains(piece)
    }

    /// A gift card's code with all but its last four characters hidden.
    fn masked(&self, code: &str) -> String {
        pepite_domain::commerce::masked_gift_card_code(code)
    }

    /// What an event says beyond its kind: which shop sends where, why a payment failed.
    fn event_detail(&self, e: &EventRow) -> String {
        match e.kind.as_str() {
            "ship_request" => format!(
                "{} → {}",
                self.shop(&e.seller_id),
                self.ctx.label("bo-ship-to", &e.detail)
            ),
            "parcel_delivered" => self.ctx.label("bo-delivered-by", &e.detail),
            _ => e.detail.clone(),
        }
    }
}

pub(super) async fn detail(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(said): Query<Said>,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    let id = path_id(&ctx, &id)?;
    let draft = Draft {
        message: said.message_of(&ctx, "bo-order-done"),
        ..Draft::default()
    };
    page(&state, &ctx, &who, id, draft, StatusCode::OK).await
}

/// The order's page for `who`, with what the last action said or refused (`draft`).
pub(super) async fn page(
    state: &AppState,
    ctx: &PageCtx,
    who: &Principal,
    id: i64,
    draft: Draft,
    status: StatusCode,
) -> Result<Response, PageError> {
    let (d, _) = orders::detail(&state.app, who, id)
        .await
        .map_err(|e| fail(ctx, e))?;
    let needed = d.order.needed_before.as_deref().and_then(day_start_us);
    let actions = Actions::of(state, who, &d.order, draft)
        .await
        .map_err(|e| fail(ctx, e))?;
    let page = OrderPage {
        ctx,
        d,
        needed,
        deliverer: who.has(Role::Workshop) || who.has(Role::CustomerService),
        a: actions,
    };
    Ok((status, render(&page)).into_response())
}

/// F4: staff record that a shipped parcel arrived today; the buyer is told.
pub(super) async fn delivered(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, parcel)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    let id = path_id(&ctx, &id)?;
    let parcel = path_id(&ctx, &parcel)?;
    shipping::deliver_parcel(&state.app, &who, id, parcel)
        .await
        .map_err(|e| fail(&ctx, e))?;
    Ok(see_other(&format!("/back-office/orders/{id}")))
}
