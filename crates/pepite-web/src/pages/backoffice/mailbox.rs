//! The mailbox (E1, E2), for customer service and admins: every message and how its sending
//! went, counted and filtered by state; one message's envelope, text and HTML; and the button
//! that sends a dead one again. Without a mail server (embedded mode) messages end up here.
//! Every message is shown without its secrets (reset and verification links, gift-card codes),
//! whoever reads it: only the addressee may hold them.
//! The HTML is shown in a sandboxed frame, so a message's markup can neither run scripts nor
//! reach the back office's own page.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::accounts::Principal;
use pepite_app::notify::{self, Message};
use pepite_domain::account::Role;
use pepite_store::notifications::NotificationRow;
use serde::Deserialize;

use super::{conflict_message, fail, path_id, with_role};
use crate::AppState;
use crate::headers::CONTENT_SECURITY_POLICY_INLINE_STYLES;
use crate::notices::Reader;
use crate::pages::forms::{Query, see_other};
use crate::pages::{PageCtx, PageError, render};

/// The page size of `notify::mailbox`.
const PAGE: usize = 50;
const STATES: [&str; 3] = ["pending", "sent", "dead"];
/// What the embedded mailer calls itself: nothing left the machine.
const EMBEDDED: &str = "mailbox";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct MailboxQuery {
    state: String,
    before: Option<i64>,
}

/// One message of the list.
struct Line {
    id: i64,
    created_at: i64,
    to: String,
    subject: String,
    kind: String,
    state: String,
    attempts: i64,
    last_error: Option<String>,
}

#[derive(Template)]
#[template(path = "backoffice/mailbox.html")]
struct ListPage<'a> {
    ctx: &'a PageCtx,
    /// Messages per state, every state listed (zero included).
    counts: Vec<(&'static str, i64)>,
    /// The state filtered on; empty for all.
    state: String,
    lines: Vec<Line>,
    /// Some listed message went to the embedded mailbox.
    embedded: bool,
    next: Option<String>,
}

impl ListPage<'_> {
    fn states(&self) -> [&'static str; 3] {
        STATES
    }
}

pub(super) async fn list(
    State(s): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<MailboxQuery>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let state = STATES
        .into_iter()
        .find(|s| *s == q.state)
        .unwrap_or_default();
    let filter = Some(state).filter(|s| !s.is_empty());
    let rows = notify::mailbox(&s.app, &who, filter, q.before)
        .await
        .map_err(|e| fail(&ctx, e))?;
    let counted = notify::counts(&s.app, &who)
        .await
        .map_err(|e| fail(&ctx, e))?;
    let counts = STATES
        .into_iter()
        .map(|st| {
            let n = counted.iter().find(|(c, _)| c == st).map_or(0, |(_, n)| *n);
            (st, n)
        })
        .collect();
    let next = (rows.len() == PAGE)
        .then(|| rows.last())
        .flatten()
        .map(|last| format!("/back-office/mailbox?state={state}&before={}", last.id));
    let embedded = rows.iter().any(|r| r.via.as_deref() == Some(EMBEDDED));
    let reader = Reader::new(&s.config.public_url);
    let lines = rows
        .into_iter()
        .map(|r| Line {
            subject: reader
                .subject(&r)
                .unwrap_or_else(|| ctx.label("notice-kind", &r.kind)),
            id: r.id,
            created_at: r.created_at,
            to: r.to_address,
            kind: r.kind,
            state: r.state,
            attempts: r.attempts,
            last_error: r.last_error,
        })
        .collect();
    Ok(render(&ListPage {
        ctx: &ctx,
        counts,
        state: state.to_owned(),
        lines,
        embedded,
        next,
    }))
}

#[derive(Template)]
#[template(path = "backoffice/mailbox_message.html")]
struct MessagePage<'a> {
    ctx: &'a PageCtx,
    row: NotificationRow,
    /// None when the stored notice cannot be read any more.
    message: Option<Message>,
    done: Option<&'static str>,
    problem: Option<String>,
}

impl MessagePage<'_> {
    fn embedded(&self) -> bool {
        self.row.via.as_deref() == Some(EMBEDDED)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct DoneQuery {
    done: String,
}

async fn message_page(
    s: &AppState,
    ctx: &PageCtx,
    who: &Principal,
    id: i64,
    done: Option<&'static str>,
    refusal: Option<&'static str>,
) -> Result<Response, PageError> {
    let row = notify::one(&s.app, who, id)
        .await
        .map_err(|e| fail(ctx, e))?;
    let message = Reader::new(&s.config.public_url).message(&row);
    let status = match refusal {
        Some(_) => StatusCode::CONFLICT,
        None => StatusCode::OK,
    };
    let page = MessagePage {
        ctx,
        row,
        message,
        done,
        problem: refusal.map(|code| conflict_message(ctx, code)),
    };
    let mut response = (status, render(&page)).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY_INLINE_STYLES),
    );
    Ok(response)
}

pub(super) async fn detail(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let id = path_id(&ctx, &id)?;
    let done = (q.done == "retried").then_some("bo-mailbox-done-retried");
    message_page(&s, &ctx, &who, id, done, None).await
}

pub(super) async fn retry(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::CustomerService)?;
    let id = path_id(&ctx, &id)?;
    // Read first: an unknown message is not found, not "not dead".
    notify::one(&s.app, &who, id)
        .await
        .map_err(|e| fail(&ctx, e))?;
    match notify::retry(&s.app, &who, id).await {
        Ok(()) => Ok(see_other(&format!(
            "/back-office/mailbox/{id}?done=retried"
        ))),
        Err(AppError::Conflict(code)) => message_page(&s, &ctx, &who, id, None, Some(code)).await,
        Err(e) => Err(fail(&ctx, e)),
    }
}
