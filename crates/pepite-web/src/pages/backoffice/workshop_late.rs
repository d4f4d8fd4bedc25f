//! Late pieces in the back office: grouped pieces not received within the policy's delay
//! after payment, oldest first; staff remind the seller (once a day), then cancel the line,
//! which refunds its share and tells buyer and seller.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use pepite_app::AppError;
use pepite_app::workshop::{self, WorkshopLine};
use pepite_domain::time::DAY_US;

use super::{fail, path_id, staff};
use crate::AppState;
use crate::pages::forms::{Query, see_other};
use crate::pages::{PageCtx, PageError, render};

use super::workshop::Said;

#[derive(Template)]
#[template(path = "backoffice/workshop_late.html")]
struct LatePage<'a> {
    ctx: &'a PageCtx,
    lines: Vec<WorkshopLine>,
    message: Option<(bool, String)>,
    now: i64,
}

impl LatePage<'_> {
    fn age_days(&self, paid_at: &Option<i64>) -> i64 {
        (self.now - paid_at.unwrap_or(self.now)).div_euclid(DAY_US)
    }

    /// Reminded today already: the button would be refused.
    fn reminded_today(&self, l: &WorkshopLine) -> bool {
        l.reminded_day == Some(self.now.div_euclid(DAY_US))
    }
}

pub(super) async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(said): Query<Said>,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    let lines = workshop::late_pieces(&state.app, &who)
        .await
        .map_err(|e| fail(&ctx, e))?;
    let now = state.app.now_us().await.map_err(|e| fail(&ctx, e))?;
    Ok(render(&LatePage {
        message: said.message(&ctx),
        ctx: &ctx,
        lines,
        now,
    }))
}

fn back(ctx: &PageCtx, done: &str, r: Result<(), AppError>) -> Result<Response, PageError> {
    match r {
        Ok(()) => Ok(see_other(&format!(
            "/back-office/workshop/late?done={done}"
        ))),
        Err(AppError::Conflict(code)) => Ok(see_other(&format!(
            "/back-office/workshop/late?error={code}"
        ))),
        Err(e) => Err(fail(ctx, e)),
    }
}

pub(super) async fn remind(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, piece)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    let (id, piece) = (path_id(&ctx, &id)?, path_id(&ctx, &piece)?);
    back(
        &ctx,
        "reminded",
        workshop::remind_seller(&state.app, &who, id, piece).await,
    )
}

pub(super) async fn cancel(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, piece)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    let (id, piece) = (path_id(&ctx, &id)?, path_id(&ctx, &piece)?);
    back(
        &ctx,
        "line_cancelled",
        workshop::cancel_late_line(&state.app, &who, id, piece).await,
    )
}
