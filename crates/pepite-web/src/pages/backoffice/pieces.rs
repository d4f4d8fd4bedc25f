//! `GET /back-office/pieces`: every piece in any state, newest first, fifty a page; each links
//! to its public page, which staff may open even for a draft.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use pepite_app::catalog;
use pepite_domain::piece::PieceState;
use pepite_store::catalog::PieceRow;
use serde::Deserialize;

use super::{fail, staff};
use crate::AppState;
use crate::pages::forms::Query;
use crate::pages::{PageCtx, PageError, render};

/// The page size of `catalog::all_pieces`.
const PAGE: usize = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct PiecesQuery {
    state: String,
    before: String,
}

#[derive(Template)]
#[template(path = "backoffice/pieces.html")]
struct PiecesPage<'a> {
    ctx: &'a PageCtx,
    /// The state filtered on, or empty for every piece.
    state: &'static str,
    pieces: Vec<PieceRow>,
    next: Option<String>,
}

impl PiecesPage<'_> {
    fn states(&self) -> impl Iterator<Item = &'static str> {
        PieceState::keys()
    }
}

pub(super) async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<PiecesQuery>,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    let filter = PieceState::parse(&q.state);
    let pieces = catalog::all_pieces(&state.app, &who, filter, q.before.parse().ok())
        .await
        .map_err(|e| fail(&ctx, e))?;
    let key = filter.map_or("", PieceState::as_str);
    let next = (pieces.len() == PAGE)
        .then(|| pieces.last())
        .flatten()
        .map(|last| format!("/back-office/pieces?state={key}&before={}", last.id));
    Ok(render(&PiecesPage {
        ctx: &ctx,
        state: key,
        pieces,
        next,
    }))
}
