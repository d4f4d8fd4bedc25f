//! S3: customer service's questions about the seller's pieces, in the seller space: those
//! to answer first, each with a field to answer it once, then those answered with the answer
//! given. The questions come masked of the buyer's identity, and the answer goes to customer
//! service, never straight to the buyer (A3). Only the seller's own questions (A4).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::support::relay;
use pepite_domain::FieldErrors;
use pepite_store::support::relay::QuestionRow;
use serde::Deserialize;

use super::{conflict_message, path_id, person};
use crate::AppState;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{FormErrors, OrPage, PageCtx, PageError, render};

#[derive(Template)]
#[template(path = "sell/questions.html")]
struct QuestionsPage<'a> {
    ctx: &'a PageCtx,
    open: Vec<QuestionRow>,
    answered: Vec<QuestionRow>,
    /// The question whose answer was refused, with the answer as typed.
    typed: Option<(i64, String)>,
    errors: FormErrors,
    notice: Option<String>,
    problem: Option<String>,
}

impl QuestionsPage<'_> {
    /// What the field of question `id` shows: the answer as typed if it was refused.
    fn typed_for(&self, id: &i64) -> &str {
        match &self.typed {
            Some((q, text)) if q == id => text,
            _ => "",
        }
    }

    /// Whether the field errors belong to question `id`: each question has its own form.
    fn refused(&self, id: &i64) -> bool {
        self.errors.any() && self.typed.as_ref().is_some_and(|(q, _)| q == id)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct QuestionsQuery {
    done: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct AnswerForm {
    answer: String,
}

pub(super) async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<QuestionsQuery>,
) -> Result<Response, PageError> {
    let notice = (q.done == "answered").then(|| ctx.t("sell-questions-done-answered"));
    page(&state, &ctx, None, FieldErrors::new(), notice, None).await
}

async fn page(
    state: &AppState,
    ctx: &PageCtx,
    typed: Option<(i64, String)>,
    errors: FieldErrors,
    notice: Option<String>,
    problem: Option<String>,
) -> Result<Response, PageError> {
    let who = person(ctx)?;
    let rows = match relay::mine(&state.app, &who).await {
        // No shop yet: the seller space opens with the shop form.
        Err(AppError::Forbidden) => return Ok(see_other("/sell")),
        other => other.or_page(ctx)?,
    };
    let (open, answered) = rows.into_iter().partition(|q| q.state == "asked");
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = QuestionsPage {
        ctx,
        open,
        answered,
        typed,
        errors: FormErrors::new(ctx.lang, errors),
        notice,
        problem,
    };
    Ok((status, render(&page)).into_response())
}

/// S3: the seller answers; an empty or too long answer comes back beside its field, one
/// already answered says so.
pub(super) async fn answer(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, PageError> {
    let who = person(&ctx)?;
    let id = path_id(&ctx, &id)?;
    match relay::answer(&state.app, &who, id, &form.answer).await {
        Ok(_) => Ok(see_other("/sell/questions?done=answered")),
        Err(AppError::Invalid(errors)) => {
            page(&state, &ctx, Some((id, form.answer)), errors, None, None).await
        }
        Err(AppError::Conflict(code)) => {
            let problem = conflict_message(&ctx, code);
            let mut r = page(&state, &ctx, None, FieldErrors::new(), None, Some(problem)).await?;
            *r.status_mut() = StatusCode::CONFLICT;
            Ok(r)
        }
        Err(e) => Err(PageError::new(&ctx, e)),
    }
}
