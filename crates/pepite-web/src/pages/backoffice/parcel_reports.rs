//! F7 in the back office: parcels reported lost or refused at customs, oldest first; staff
//! resend a found piece under a new tracking number, or refund the parcel.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use pepite_app::AppError;
use pepite_app::carriers::{self, CarrierRow};
use pepite_app::lost_parcels::{self, Decision, ReportRow};
use serde::Deserialize;

use super::workshop::Said;
use super::{fail, path_id, staff};
use crate::AppState;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{PageCtx, PageError, render};

#[derive(Template)]
#[template(path = "backoffice/parcel_reports.html")]
struct ReportsPage<'a> {
    ctx: &'a PageCtx,
    reports: Vec<ReportRow>,
    carriers: Vec<CarrierRow>,
    message: Option<(bool, String)>,
}

pub(super) async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(said): Query<Said>,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    let reports = lost_parcels::open(&state.app, &who)
        .await
        .map_err(|e| fail(&ctx, e))?;
    let carriers = carriers::list(&state.app)
        .await
        .map_err(|e| fail(&ctx, e))?
        .into_iter()
        .filter(|c| c.active)
        .collect();
    Ok(render(&ReportsPage {
        message: said.message(&ctx),
        ctx: &ctx,
        reports,
        carriers,
    }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct DecisionForm {
    decision: String,
    carrier: String,
    tracking: String,
}

pub(super) async fn decide(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, parcel)): Path<(String, String)>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, PageError> {
    let who = staff(&ctx)?;
    let (id, parcel) = (path_id(&ctx, &id)?, path_id(&ctx, &parcel)?);
    let decision = if form.decision == "resend" {
        Decision::Resend {
            carrier: form.carrier,
            tracking: form.tracking,
        }
    } else {
        Decision::Refund
    };
    let back = |q: String| see_other(&format!("/back-office/parcel-reports?{q}"));
    match lost_parcels::decide(&state.app, &who, id, parcel, &decision).await {
        Ok(r) => Ok(back(format!("done={}", r.decision.unwrap_or_default()))),
        Err(AppError::Conflict(code)) => Ok(back(format!("error={code}"))),
        Err(AppError::Invalid(e)) => {
            let code = e.0.first().map_or("invalid", |f| f.code);
            Ok(back(format!("error={code}")))
        }
        Err(e) => Err(fail(&ctx, e)),
    }
}
