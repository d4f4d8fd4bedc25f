//! Asking a seller from a conversation in the back office (S3, A3): the agent writes a
//! question about the conversation's piece; the page then shows it as the seller received it
//! and what was masked, the seller's answer masked with its findings, and a box to pass the
//! answer on to the person, edited or not (masked again on the way).

use axum::extract::{Path, State};
use axum::response::Response;
use pepite_app::support::relay;
use pepite_domain::account::Role;
use serde::Deserialize;

use super::support_conversation::changed;
use super::{path_id, with_role};
use crate::AppState;
use crate::pages::forms::Form;
use crate::pages::{PageCtx, PageError};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct AskForm {
    question: String,
}

/// S3: asks the seller of the conversation's piece.
pub(super) async fn ask(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<AskForm>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let id = path_id(&ctx, &id)?;
    let outcome = relay::ask(&state.app, &who, id, None, &form.question).await;
    changed(&ctx, id, "seller_asked", outcome)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct PassOnForm {
    /// The answer as the agent leaves it; empty passes the masked answer as it is.
    answer: String,
}

/// S3: passes the seller's answer on to the person as a public answer.
pub(super) async fn pass_on(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, question)): Path<(String, String)>,
    Form(form): Form<PassOnForm>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let id = path_id(&ctx, &id)?;
    let question = path_id(&ctx, &question)?;
    let edited = Some(form.answer.as_str()).filter(|t| !t.trim().is_empty());
    let outcome = relay::pass_on(&state.app, &who, question, edited).await;
    changed(&ctx, id, "passed_on", outcome)
}
