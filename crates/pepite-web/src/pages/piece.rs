//! A piece's page: photos, every detail a buyer needs, the grade explained (C2), the shop's
//! name only (A3), whether it can still be bought (C4), its current price (C6), and what the
//! viewer may do besides buying: offer a price (N1, N2), watch a sold piece (L1), or, for
//! staff, put a sold piece back on sale; and what it costs to ship and return (`piece_trust`).

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pepite_app::AppError;
use pepite_app::catalog::{self, PieceView};
use pepite_domain::FieldErrors;
use pepite_domain::account::Role;
use pepite_domain::piece::PieceState;
use serde::Deserialize;

use super::ctx::{PageCtx, render};
use super::error::{OrPage, PageError};
use super::forms::Query;
use super::offers::{self, AlertBox, OfferBox};
use super::piece_trust::{self, Trust};
use crate::AppState;

#[derive(Template)]
#[template(path = "piece.html")]
struct PiecePage<'a> {
    ctx: &'a PageCtx,
    v: PieceView,
    sold: bool,
    /// A draft or withdrawn piece, seen by its seller or staff only.
    hidden: bool,
    /// The instant the price is shown at (C6).
    now: i64,
    offer: OfferBox,
    alert: AlertBox,
    /// Staff who may put a sold piece back on sale (C3, L1).
    can_relist: bool,
    notice: Option<&'static str>,
    trust: Trust,
    /// K1: the piece was just added to the cart (the page says so and offers the cart).
    added_to_cart: bool,
    /// Why the last action was refused, in the person's words.
    problem: Option<String>,
}

/// What the page shows besides the piece: a confirmation, or a refused offer or alert.
#[derive(Default)]
pub(super) struct Shown {
    pub notice: Option<&'static str>,
    pub added_to_cart: bool,
    /// The destination asked for the shipping prices.
    pub to: String,
    /// The amount typed in the offer form, shown again beside its error.
    pub typed: String,
    pub errors: FieldErrors,
    pub conflict: Option<&'static str>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PieceQuery {
    done: String,
    /// The country the shipping prices are shown for.
    to: String,
}

pub fn router() -> Router<AppState> {
    Router::new().route("/pieces/{id}", get(piece))
}

async fn piece(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<PieceQuery>,
) -> Result<Response, PageError> {
    // A4: a malformed id is answered like an unknown one.
    let id: i64 = id
        .parse()
        .map_err(|_| PageError::new(&ctx, AppError::NotFound))?;
    let shown = Shown {
        notice: offers::piece_notice(&q.done),
        added_to_cart: q.done == "added_to_cart",
        to: q.to,
        ..Shown::default()
    };
    show(&s, &ctx, id, shown).await
}

/// The page of piece `id`, as `ctx`'s person sees it; also the answer to a refused form
/// posted from it (422 for a field, 409 for a conflict).
pub(super) async fn show(
    s: &AppState,
    ctx: &PageCtx,
    id: i64,
    shown: Shown,
) -> Result<Response, PageError> {
    // P3: a piece of another shop is not found here, like a missing one.
    if pepite_app::shops::of_piece(&s.app, id).await.or_page(ctx)? != Some(ctx.shop_id()) {
        return Err(pepite_app::AppError::NotFound).or_page(ctx);
    }
    let v = catalog::piece_for(&s.app, ctx.user.as_ref(), id)
        .await
        .or_page(ctx)?;
    let now = s.app.now_us().await.or_page(ctx)?;
    let (offer, alert) = offers::boxes(&s.app, ctx, &v, now, &shown.typed, &shown.errors)
        .await
        .or_page(ctx)?;
    let sold = v.state == PieceState::Sold;
    let trust = piece_trust::trust(s, ctx, &v.piece, &shown.to).await?;
    let status = if shown.conflict.is_some() {
        StatusCode::CONFLICT
    } else if !shown.errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = PiecePage {
        ctx,
        sold,
        hidden: matches!(v.state, PieceState::Draft | PieceState::Withdrawn),
        now,
        offer,
        alert,
        can_relist: sold
            && ctx
                .user
                .as_ref()
                .is_some_and(|u| u.has(Role::Workshop) || u.has(Role::CustomerService)),
        notice: shown.notice,
        trust,
        added_to_cart: shown.added_to_cart,
        problem: shown.conflict.map(|c| offers::conflict_text(ctx, c)),
        v,
    };
    Ok((status, render(&page)).into_response())
}
