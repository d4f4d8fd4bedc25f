//! A piece's page: photos, every detail a buyer needs, the grade explained (C2), the shop's
//! name only (A3), and whether it can still be bought (C4).

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use pepite_app::AppError;
use pepite_app::catalog::{self, PieceView};
use pepite_domain::piece::PieceState;

use super::ctx::{PageCtx, render};
use super::error::{OrPage, PageError};
use crate::AppState;

#[derive(Template)]
#[template(path = "piece.html")]
struct PiecePage<'a> {
    ctx: &'a PageCtx,
    v: PieceView,
    sold: bool,
    /// A draft or withdrawn piece, seen by its seller or staff only.
    hidden: bool,
}

pub fn router() -> Router<AppState> {
    Router::new().route("/pieces/{id}", get(piece))
}

async fn piece(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    // A4: a malformed id is answered like an unknown one.
    let id: i64 = id
        .parse()
        .map_err(|_| PageError::new(&ctx, AppError::NotFound))?;
    let v = catalog::piece_for(&s.app, ctx.user.as_ref(), id)
        .await
        .or_page(&ctx)?;
    Ok(render(&PiecePage {
        ctx: &ctx,
        sold: v.state == PieceState::Sold,
        hidden: matches!(v.state, PieceState::Draft | PieceState::Withdrawn),
        v,
    }))
}
