//! The buyer's side: `/account/offers` (every offer made, where it stands, the button that
//! buys at an agreed price), `/account/alerts` (L1), and `/offers/{id}/buy`, the direct link
//! of N6 that puts the piece in the cart at the agreed price and goes on to checkout, and
//! `/offers/{id}/decline`, the buyer's "no" to a counter-offer (N5).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use pepite_app::AppError;
use pepite_app::alerts::{self, Alert};
use pepite_app::offers::{self, Offer};
use serde::Deserialize;

use super::{conflict_text, piece_notice};
use crate::AppState;
use crate::pages::buy::{parse_id, signed_in};
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{OrPage, PageCtx, PageError, render};

/// The page size of `offers::mine`.
const PAGE: usize = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct MineQuery {
    before: String,
    /// Why a buying link did not work (a conflict code; unknown codes get general words).
    refused: String,
    /// Why a decline did not work (a conflict code, likewise).
    not_declined: String,
    /// What was just done (a known word, see `piece_notice`).
    done: String,
}

#[derive(Template)]
#[template(path = "offers/mine.html")]
struct MinePage<'a> {
    ctx: &'a PageCtx,
    offers: Vec<Offer>,
    older: Option<i64>,
    problem: Option<String>,
    notice: Option<&'static str>,
}

pub(super) async fn offers(
    State(s): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<MineQuery>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, "/account/offers")?;
    let offers = offers::mine(&s.app, &who, q.before.parse().ok())
        .await
        .or_page(&ctx)?;
    let older = (offers.len() == PAGE)
        .then(|| offers.last().map(|o| o.id))
        .flatten();
    let problem = if !q.refused.is_empty() {
        Some(ctx.t1("offers-refused-buy", "why", conflict_text(&ctx, &q.refused)))
    } else if !q.not_declined.is_empty() {
        let why = conflict_text(&ctx, &q.not_declined);
        Some(ctx.t1("offers-refused-decline", "why", why))
    } else {
        None
    };
    Ok(render(&MinePage {
        ctx: &ctx,
        offers,
        older,
        problem,
        notice: piece_notice(&q.done),
    }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct AlertsQuery {
    done: String,
}

#[derive(Template)]
#[template(path = "offers/alerts.html")]
struct AlertsPage<'a> {
    ctx: &'a PageCtx,
    alerts: Vec<Alert>,
    notice: Option<&'static str>,
}

pub(super) async fn alerts(
    State(s): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<AlertsQuery>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, "/account/alerts")?;
    let alerts = alerts::mine(&s.app, &who).await.or_page(&ctx)?;
    Ok(render(&AlertsPage {
        ctx: &ctx,
        alerts,
        notice: piece_notice(&q.done),
    }))
}

/// N6: the link of the "accepted" and "countered" e-mails (a GET) and the button of the
/// pages (a POST). Both only fill the buyer's own cart, which reserves nothing (K1), so the
/// GET may do it: the buyer lands on checkout with the piece at the agreed price.
pub(super) async fn buy(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_id(&ctx, &id)?;
    // Signing in comes back here, so the e-mail's link works from a signed-out browser.
    let who = signed_in(&ctx, &format!("/offers/{id}/buy"))?;
    match offers::buy_link(&s.app, &who, id).await {
        Ok(_) => Ok(see_other("/checkout")),
        Err(AppError::Conflict(code)) => Ok(see_other(&format!("/account/offers?refused={code}"))),
        Err(e) => Err(PageError::new(&ctx, e)),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct DeclineForm {
    /// `offers` to come back to the buyer's offers; anything else is the piece's page.
    back: String,
}

/// N5: the buyer's "no" to a counter-offer, from the piece's page or their offers. A refusal
/// (already declined, lapsed, sold) is said on the buyer's offers, where every offer shows
/// where it stands.
pub(super) async fn decline(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<DeclineForm>,
) -> Result<Response, PageError> {
    let id = parse_id(&ctx, &id)?;
    let who = signed_in(&ctx, "/account/offers")?;
    match offers::decline(&s.app, &who, id).await {
        Ok(_) if form.back == "offers" => Ok(see_other("/account/offers?done=counter_declined")),
        Ok(o) => Ok(see_other(&format!(
            "/pieces/{}?done=counter_declined",
            o.piece_id
        ))),
        Err(AppError::Conflict(code)) => {
            Ok(see_other(&format!("/account/offers?not_declined={code}")))
        }
        Err(e) => Err(PageError::new(&ctx, e)),
    }
}
