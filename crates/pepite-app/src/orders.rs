//! Orders as each person sees them (O11, O13): the buyer's history and detail, each seller's
//! lines to ship and where, and staff's list with search by number, buyer or piece.

use pepite_domain::account::Role;
use pepite_domain::commerce::{LegalIdentity, Quote};
use pepite_store::commerce::orders as store;
pub use pepite_store::commerce::orders::{EventRow, LineRow, OrderFilter, OrderRow, ParcelRow};
use pepite_store::commerce::payments::{self, PaymentRow};

use crate::accounts::Principal;
use crate::addresses::Address;
use crate::{App, AppError};

/// One order with everything the pages, the API and the invoice show.
#[derive(Debug, Clone)]
pub struct OrderDetail {
    pub order: OrderRow,
    pub quote: Quote,
    pub billing: Address,
    pub delivery: Address,
    pub lines: Vec<LineRow>,
    pub parcels: Vec<ParcelRow>,
    /// O10: (instrument id, code, amount).
    pub instruments: Vec<(i64, String, i64)>,
    pub payments: Vec<PaymentRow>,
    pub events: Vec<EventRow>,
}

/// Who is looking at an order, which decides what they may see (A4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Buyer,
    /// A seller sees only their own lines.
    Seller(i64),
    Staff,
}

/// A4: the staff roles whose work needs every order (admins hold them all).
pub fn sees_every_order(who: &Principal) -> bool {
    who.has(Role::CustomerService) || who.has(Role::Finance) || who.has(Role::Workshop)
}

/// An order for `who`: its buyer, staff, or a seller with lines in it (only those lines).
pub async fn detail(
    app: &App,
    who: &Principal,
    id: i64,
) -> Result<(OrderDetail, Viewer), AppError> {
    let order = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let mut lines = store::lines(&app.db, id).await?;
    let viewer = if order.buyer_id == who.user_id {
        Viewer::Buyer
    } else if sees_every_order(who) {
        Viewer::Staff
    } else if let Some(seller) = who
        .seller_id
        .filter(|s| order.state == "paid" && lines.iter().any(|l| l.seller_id == *s))
    {
        lines.retain(|l| l.seller_id == seller);
        Viewer::Seller(seller)
    } else {
        return Err(AppError::NotFound);
    };
    let mut parcels = store::parcels(&app.db, id).await?;
    if let Viewer::Seller(seller) = viewer {
        parcels.retain(|p| p.seller_id.is_none_or(|s| s == seller));
    }
    let full = !matches!(viewer, Viewer::Seller(_));
    Ok((
        OrderDetail {
            quote: parse_json(&order.quote)?,
            billing: parse_json(&order.billing_address)?,
            delivery: parse_json(&order.delivery_address)?,
            instruments: if full {
                store::instruments(&app.db, id).await?
            } else {
                Vec::new()
            },
            payments: if full {
                payments::of_order(&app.db, id).await?
            } else {
                Vec::new()
            },
            events: if full {
                store::events(&app.db, id).await?
            } else {
                Vec::new()
            },
            lines,
            parcels,
            order,
        },
        viewer,
    ))
}

/// O11/P3: who issues the order's invoice: the legal identity in force when it was paid (the
/// policy's current one for orders paid before it was kept).
pub async fn invoice_issuer(app: &App, detail: &OrderDetail) -> Result<LegalIdentity, AppError> {
    match &detail.order.issuer {
        Some(json) => parse_json(json),
        None => Ok(app
            .policy_of(detail.order.shop_id)
            .await?
            .legal_identity
            .clone()),
    }
}

fn parse_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, AppError> {
    serde_json::from_str(json).map_err(|e| AppError::Internal(format!("stored order: {e}")))
}

/// The buyer's orders, newest first (paid and failed attempts alike, so nothing is hidden).
pub async fn of_buyer(
    app: &App,
    who: &Principal,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<OrderRow>, AppError> {
    let filter = OrderFilter {
        buyer_id: Some(who.user_id),
        ..Default::default()
    };
    Ok(store::list(&app.db, &filter, before, limit.clamp(1, 100)).await?)
}

/// O13: the paid orders with lines of the seller's shop, newest first, with those lines.
pub async fn of_seller(
    app: &App,
    who: &Principal,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<(OrderRow, Vec<LineRow>)>, AppError> {
    let seller = who.seller_id.ok_or(AppError::Forbidden)?;
    let filter = OrderFilter {
        seller_id: Some(seller),
        state: Some("paid".into()),
        ..Default::default()
    };
    let orders = store::list(&app.db, &filter, before, limit.clamp(1, 100)).await?;
    let mut out = Vec::with_capacity(orders.len());
    for order in orders {
        let mut lines = store::lines(&app.db, order.id).await?;
        lines.retain(|l| l.seller_id == seller);
        out.push((order, lines));
    }
    Ok(out)
}

/// Staff: every order, filtered (number, buyer e-mail, piece, state), newest first.
pub async fn search(
    app: &App,
    who: &Principal,
    filter: &OrderFilter,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<OrderRow>, AppError> {
    if !sees_every_order(who) {
        return Err(AppError::Forbidden);
    }
    Ok(store::list(&app.db, filter, before, limit.clamp(1, 100)).await?)
}
