//! One conversation in the back office (S1, S2, A3, A4): the thread with internal notes and
//! the seller's relayed words set apart from what the person reads, an answer or a note, a
//! saved answer put in the box in the conversation's language, assignment and state by the
//! version the agent read, and beside it the person's orders and returns. An answer written
//! while someone else answered (or the person wrote again) is not sent: the page shows what
//! came and keeps the agent's text. A stale assignment or state change reads as a sentence.

use askama::Template;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::accounts::Principal;
use pepite_app::support::desk::{self, Desk};
use pepite_app::support::{self, attachments, relay, saved};
use pepite_domain::FieldErrors;
use pepite_domain::account::Role;
use pepite_store::support::MessageRow;
use serde::Deserialize;

use super::problems::Problems;
use super::workshop::Said;
use super::{fail, path_id, with_role};
use crate::AppState;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::support::sent::Sent;
use crate::pages::{PageCtx, PageError, render};

/// What the answer box holds when the page is drawn again instead of sent.
#[derive(Debug, Default)]
struct Draft {
    said: Option<(bool, String)>,
    text: String,
    note: bool,
    errors: Problems,
    /// The collision warning: the last message the agent had read when a public message came.
    moved_after: Option<i64>,
}

#[derive(Template)]
#[template(path = "backoffice/support_conversation.html")]
struct ConversationPage<'a> {
    ctx: &'a PageCtx,
    d: Desk,
    /// S3: the questions asked to sellers from this conversation.
    questions: Vec<relay::Question>,
    draft: Draft,
    me: i64,
}

impl ConversationPage<'_> {
    /// Who wrote a message, by name; the person falls back to their address.
    fn author(&self, m: &MessageRow) -> String {
        let named = m
            .author_id
            .and_then(|id| self.d.authors.iter().find(|a| a.id == id))
            .map(|a| a.display_name.clone());
        match m.author.as_str() {
            "seller" => self.ctx.t("bo-desk-seller"),
            "person" => named.unwrap_or_else(|| self.d.thread.conversation.email.clone()),
            _ => named.unwrap_or_default(),
        }
    }

    /// A public message that came after the one the agent had read (the collision warning).
    fn is_new(&self, m: &MessageRow) -> bool {
        self.draft
            .moved_after
            .is_some_and(|seen| m.id > seen && matches!(m.author.as_str(), "person" | "staff"))
    }

    /// The last message on the page: the answer form says it was read.
    fn last_seen(&self) -> i64 {
        self.d.thread.messages.last().map_or(0, |m| m.id)
    }

    fn overdue(&self) -> bool {
        self.d
            .thread
            .conversation
            .due_at
            .is_some_and(|due| due < self.d.now)
    }

    fn assignee_is(&self, agent: &i64) -> bool {
        self.d.thread.conversation.assignee_id == Some(*agent)
    }

    /// Where one of the thread's files is downloaded.
    fn file_path(&self, file: &i64) -> String {
        download_path(self.d.thread.conversation.id, *file)
    }

    fn states(&self) -> &'static [&'static str] {
        support::STATES
    }

    fn looking(&self) -> String {
        self.d.looking.join(", ")
    }
}

fn back(id: i64, said: &str) -> Response {
    see_other(&format!("/back-office/support/{id}?{said}#said"))
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(said): Query<Said>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let id = path_id(&ctx, &id)?;
    let draft = Draft {
        said: said.message_of(&ctx, "bo-desk-done"),
        ..Draft::default()
    };
    page(&state, &ctx, &who, id, draft, StatusCode::OK).await
}

async fn page(
    state: &AppState,
    ctx: &PageCtx,
    who: &Principal,
    id: i64,
    draft: Draft,
    status: StatusCode,
) -> Result<Response, PageError> {
    let d = desk::open(&state.app, who, id)
        .await
        .map_err(|e| fail(ctx, e))?;
    let questions = relay::of_conversation(&state.app, who, id)
        .await
        .map_err(|e| fail(ctx, e))?;
    let page = ConversationPage {
        ctx,
        d,
        questions,
        draft,
        me: who.user_id,
    };
    Ok((status, render(&page)).into_response())
}

/// What the answer form sends (multipart: files may come with it).
struct AnswerForm {
    /// Named `message` so that its line breaks pass the form gate (`input_text`).
    message: String,
    /// `answer` (public) or `note` (internal).
    kind: String,
    /// The last message the agent had on screen.
    seen: String,
    /// A saved answer to put in the box, with the `insert` button.
    saved: String,
    insert: String,
}

impl AnswerForm {
    fn of(sent: &Sent) -> AnswerForm {
        AnswerForm {
            message: sent.text("message"),
            kind: sent.text("kind"),
            seen: sent.text("seen"),
            saved: sent.text("saved"),
            insert: sent.text("insert"),
        }
    }
}

/// S1: a public answer or a note, with photos or PDFs if chosen; or, with `insert`, the page
/// again with a saved answer's text added to the box in the conversation's language (nothing
/// sent).
pub(super) async fn answer(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    req: Request,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let id = path_id(&ctx, &id)?;
    let sent = Sent::read(req, &state).await;
    let form = AnswerForm::of(&sent);
    let note = form.kind == "note";
    let mut draft = Draft {
        note,
        ..Draft::default()
    };
    if !form.insert.is_empty() {
        draft.text = form.message.trim_end().to_owned();
        let Ok(saved_id) = form.saved.parse::<i64>() else {
            draft.errors = Problems::new(&ctx, &one_error("saved", "required"));
            return page(
                &state,
                &ctx,
                &who,
                id,
                draft,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        };
        let text = saved::text_for(&state.app, &who, saved_id, id)
            .await
            .map_err(|e| fail(&ctx, e))?;
        if !draft.text.is_empty() {
            draft.text.push_str("\n\n");
        }
        draft.text.push_str(&text);
        return page(&state, &ctx, &who, id, draft, StatusCode::OK).await;
    }
    let seen = form.seen.parse::<i64>().ok();
    let answered = if sent.refused.is_empty() {
        let (text, files) = (&form.message, &sent.files);
        support::answer_with(&state.app, &who, id, text, files, note, seen).await
    } else {
        Err(AppError::Invalid(sent.refused))
    };
    match answered {
        Ok(_) => Ok(back(id, if note { "done=noted" } else { "done=answered" })),
        Err(AppError::Conflict("conversation_moved")) => {
            draft.text = form.message;
            draft.moved_after = seen;
            page(&state, &ctx, &who, id, draft, StatusCode::CONFLICT).await
        }
        Err(AppError::Invalid(mut errors)) => {
            // The use case names the text `body`, as the API does; here it is `message`.
            for e in &mut errors.0 {
                if e.field == "body" {
                    e.field = "message".into();
                }
            }
            draft.text = form.message;
            draft.errors = Problems::new(&ctx, &errors);
            page(
                &state,
                &ctx,
                &who,
                id,
                draft,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(fail(&ctx, e)),
    }
}

fn download_path(conversation: i64, file: i64) -> String {
    format!("/back-office/support/{conversation}/files/{file}")
}

/// GET `/back-office/support/{id}/files/{file}`: any file of the conversation, notes' too.
pub(super) async fn download(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let (id, file) = (path_id(&ctx, &id)?, path_id(&ctx, &file)?);
    let (row, bytes) = attachments::download_for_staff(&state.app, &who, id, file)
        .await
        .map_err(|e| fail(&ctx, e))?;
    Ok(crate::pages::support_file(&row, bytes))
}

fn one_error(field: &str, code: &'static str) -> FieldErrors {
    let mut e = FieldErrors::new();
    e.add(field, code);
    e
}

/// A change by version: done, or the refusal's sentence ("someone changed it").
pub(super) fn changed<T>(
    ctx: &PageCtx,
    id: i64,
    done: &str,
    outcome: Result<T, AppError>,
) -> Result<Response, PageError> {
    match outcome {
        Ok(_) => Ok(back(id, &format!("done={done}"))),
        Err(AppError::Conflict(code)) => Ok(back(id, &format!("error={code}"))),
        Err(AppError::Invalid(e)) => {
            let code = e.0.first().map_or("invalid", |f| f.code);
            Ok(back(id, &format!("error={code}")))
        }
        Err(e) => Err(fail(ctx, e)),
    }
}

/// The version read with the page; a form without one cannot match any version.
fn version(raw: &str) -> i64 {
    raw.parse().unwrap_or(-1)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct AssignForm {
    /// An agent's id, `me`, or `none`.
    assignee: String,
    version: String,
}

pub(super) async fn assign(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<AssignForm>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let id = path_id(&ctx, &id)?;
    let assignee = match form.assignee.as_str() {
        "me" => Some(who.user_id),
        "none" | "" => None,
        other => match other.parse() {
            Ok(agent) => Some(agent),
            Err(_) => return Ok(back(id, "error=not_an_agent")),
        },
    };
    let outcome = support::assign(&state.app, &who, id, assignee, version(&form.version)).await;
    changed(&ctx, id, "assigned", outcome)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct StateForm {
    state: String,
    version: String,
}

pub(super) async fn set_state(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<StateForm>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let id = path_id(&ctx, &id)?;
    let outcome =
        support::set_state(&state.app, &who, id, &form.state, version(&form.version)).await;
    changed(&ctx, id, "state_changed", outcome)
}
