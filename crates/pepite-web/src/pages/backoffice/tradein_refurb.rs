//! T8 at the station: an accepted piece's refurbishment, one button per step in order
//! (cleaned, pressed, relabelled, authenticated); then its description (the sellers' piece
//! form, its brand, category and grade the inspection's), its photos one by one, and the
//! button that lists it in the brand's resale shop. Every form posts and comes back here
//! (post, redirect, get); a refused description comes back as typed with its errors.

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::tradein::refurb::{self, AtStation, STEPS};
use pepite_domain::FieldErrors;
use pepite_domain::account::Role;
use serde::Deserialize;

use super::tradein::said;
use super::workshop::Said;
use super::{fail, path_id, with_role};
use crate::AppState;
use crate::pages::ctx::FormErrors;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::sell::piece_form::PieceForm;
use crate::pages::sell::upload::read_file;
use crate::pages::{PageCtx, PageError, render};

#[derive(Template)]
#[template(path = "backoffice/tradein_item.html")]
struct ItemPage<'a> {
    ctx: &'a PageCtx,
    s: AtStation,
    message: Option<(bool, String)>,
    /// The description form, as typed when it was refused.
    form: PieceForm,
    errors: FormErrors,
}

impl ItemPage<'_> {
    /// Each step and whether it is done, in order.
    fn steps(&self) -> Vec<(&'static str, bool)> {
        let done = refurb::done_steps(self.s.item.refurb_steps);
        STEPS.iter().map(|s| (*s, done.contains(s))).collect()
    }

    /// The step to record next, if any is left.
    fn next(&self) -> Option<&'static str> {
        self.steps()
            .into_iter()
            .find(|(_, done)| !done)
            .map(|(s, _)| s)
    }

    fn is_next(&self, step: &str) -> bool {
        self.next() == Some(step)
    }
}

async fn item_page(
    state: &AppState,
    ctx: &PageCtx,
    id: i64,
    message: Option<(bool, String)>,
    typed: Option<(PieceForm, FieldErrors)>,
) -> Result<Response, PageError> {
    let who = with_role(ctx, Role::Workshop)?;
    let s = refurb::at_station(&state.app, &who, id)
        .await
        .map_err(|e| fail(ctx, e))?;
    let status = if typed.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (form, errors) = typed.unwrap_or_else(|| {
        // The inspection decided brand, category and grade; the form shows them as decided.
        let mut form = PieceForm::blank(true);
        form.brand = s.item.brand.clone();
        form.category = s.item.category.clone();
        form.grade = s.item.final_grade.clone().unwrap_or_default();
        (form, FieldErrors::new())
    });
    let page = ItemPage {
        ctx,
        s,
        message,
        form,
        errors: FormErrors::new(ctx.lang, errors),
    };
    Ok((status, render(&page)).into_response())
}

/// The piece's refurbishment page.
pub(super) async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(said_q): Query<Said>,
) -> Result<Response, PageError> {
    let id = path_id(&ctx, &id)?;
    item_page(&state, &ctx, id, said(&ctx, &said_q), None).await
}

/// The address of the piece's page with what the action said.
fn back(id: i64, outcome: Result<&str, AppError>, ctx: &PageCtx) -> Result<Response, PageError> {
    match outcome {
        Ok(done) => Ok(see_other(&format!(
            "/back-office/trade-in/items/{id}?done={done}"
        ))),
        Err(AppError::Conflict(code)) => Ok(see_other(&format!(
            "/back-office/trade-in/items/{id}?error={code}"
        ))),
        Err(e) => Err(fail(ctx, e)),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct StepForm {
    step: String,
}

/// T8: records the next step.
pub(super) async fn step(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<StepForm>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Workshop)?;
    let id = path_id(&ctx, &id)?;
    let done = refurb::step(&state.app, &who, id, &form.step).await;
    match done {
        Err(AppError::Invalid(_)) => back(id, Err(AppError::Conflict("unknown_step")), &ctx),
        done => back(id, done.map(|_| "refurb_step"), &ctx),
    }
}

/// T8: the description, which makes the draft in the resale shop.
pub(super) async fn describe(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Workshop)?;
    let id = path_id(&ctx, &id)?;
    let form = PieceForm::from_pairs(pairs);
    let outcome = match form.to_input() {
        Ok(input) => refurb::describe(&state.app, &who, id, &input).await,
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    match outcome {
        Err(AppError::Invalid(errors)) => {
            item_page(&state, &ctx, id, None, Some((form, errors))).await
        }
        outcome => back(id, outcome.map(|_| "refurb_described"), &ctx),
    }
}

/// T8: one photo of the refurbished piece, checked like every piece photo.
pub(super) async fn photo(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Workshop)?;
    let id = path_id(&ctx, &id)?;
    let max_mb = pepite_domain::policy::PHOTO_MAX_BYTES / (1024 * 1024);
    let outcome = match read_file(multipart, "photo", max_mb).await {
        Ok(bytes) => refurb::add_photo(&state.app, &who, id, bytes).await,
        Err(e) => Err(AppError::Invalid(FieldErrors(vec![e]))),
    };
    match outcome {
        // A refused photo (its type, its size, one too many) says so on the page.
        Err(AppError::Invalid(_)) => back(id, Err(AppError::Conflict("photo_refused")), &ctx),
        outcome => back(id, outcome.map(|_| "refurb_photo"), &ctx),
    }
}

/// T8: lists the piece in the brand's resale shop.
pub(super) async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Workshop)?;
    let id = path_id(&ctx, &id)?;
    let outcome = refurb::publish(&state.app, &who, id).await;
    match outcome {
        // Listing needs a photo first.
        Err(AppError::Invalid(_)) => back(id, Err(AppError::Conflict("photo_required")), &ctx),
        outcome => back(id, outcome.map(|_| "refurb_listed"), &ctx),
    }
}
