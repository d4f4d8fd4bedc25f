//! `GET /back-office/pieces`: every piece in any state, newest first, fifty a page; each links
//! to its public page, which staff may open even for a draft. Customer service and the
//! workshop may put a sold piece back on sale (C3), which fires the alerts set on it (L1).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use pepite_app::{AppError, catalog};
use pepite_domain::account::Role;
use pepite_domain::piece::PieceState;
use pepite_store::catalog::PieceRow;
use serde::Deserialize;

use super::{fail, path_id, staff};
use crate::AppState;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::offers::conflict_text;
use crate::pages::{PageCtx, PageError, render};

/// The page size of `catalog::all_pieces`.
const PAGE: usize = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct PiecesQuery {
    state: String,
    before: String,
    /// `relisted` after putting a piece back on sale.
    done: String,
    /// Why putting a piece back on sale was refused (a conflict code).
    refused: String,
}

#[derive(Template)]
#[template(path = "backoffice/pieces.html")]
struct PiecesPage<'a> {
    ctx: &'a PageCtx,
    /// The state filtered on, or empty for every piece.
    state: &'static str,
    pieces: Vec<PieceRow>,
    next: Option<String>,
    /// The viewer may put sold pieces back on sale.
    can_relist: bool,
    notice: Option<&'static str>,
    problem: Option<String>,
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
        can_relist: who.has(Role::Workshop) || who.has(Role::CustomerService),
        notice: (q.done == "relisted").then_some("relist-done"),
        problem: (!q.refused.is_empty()).then(|| conflict_text(&ctx, &q.refused)),
    }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RelistForm {
    /// `piece` to come back to the piece's page; else the list.
    back: String,
}

/// C3/L1: a sold piece goes back on sale (after a return, for now by hand), and every alert
/// on it fires.
pub(super) async fn relist(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<RelistForm>,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    let id = path_id(&ctx, &id)?;
    match catalog::relist(&state.app, &who, id).await {
        Ok(()) if form.back == "piece" => Ok(see_other(&format!("/pieces/{id}?done=relisted"))),
        Ok(()) => Ok(see_other("/back-office/pieces?state=sold&done=relisted")),
        Err(AppError::Conflict(code)) => Ok(see_other(&format!(
            "/back-office/pieces?state=sold&refused={code}"
        ))),
        Err(e) => Err(fail(&ctx, e)),
    }
}
