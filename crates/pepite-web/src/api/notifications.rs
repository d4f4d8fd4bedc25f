//! Notifications (E1, E2): the caller's own history, and for customer service and admins the
//! mailbox of every message with the retry of a dead one. Subjects are composed again in each
//! message's language; nothing here carries a single-use link or a whole gift-card code.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use pepite_app::{AppError, notify};
use pepite_store::notifications::NotificationRow;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiPath, ApiQuery, problem, state_filter, timestamp};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::notices::Reader;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(mine))
        .routes(routes!(mailbox))
        .routes(routes!(retry))
}

/// The page size of `notify::history` and `notify::mailbox`.
const PAGE: usize = 50;
const STATES: [&str; 3] = ["pending", "sent", "dead"];

/// A message in its recipient's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct Notification {
    pub id: i64,
    /// `welcome`, `password_reset`, `order_confirmed`, `new_order` or `gift_card_received`.
    #[schema(example = "order_confirmed")]
    pub kind: String,
    /// The subject line, in the language the message is written in; null when the stored
    /// message can no longer be read.
    pub subject: Option<String>,
    /// `pending` (being sent, or waiting for the mail server), `sent`, or `dead` (given up;
    /// staff can send it again).
    #[schema(example = "sent")]
    pub state: String,
    pub created_at: String,
    pub sent_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationPage {
    pub items: Vec<Notification>,
    /// Pass as `before` for the next page; null on the last one.
    pub next_before: Option<i64>,
}

/// A message as the staff's mailbox shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MailboxMessage {
    pub id: i64,
    pub kind: String,
    /// The recipient's account, if the message is for one (a gift card may go to an address).
    pub user_id: Option<i64>,
    pub to: String,
    /// `fr` or `en`.
    pub language: String,
    pub subject: Option<String>,
    pub state: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    /// How it left: `smtp`, or `mailbox` when no mail server is configured (nothing left).
    pub via: Option<String>,
    /// When a pending message is tried next.
    pub next_at: String,
    pub created_at: String,
    pub sent_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MailboxPage {
    pub items: Vec<MailboxMessage>,
    pub next_before: Option<i64>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// Only messages older than this one (the previous page's `next_before`).
    pub before: Option<i64>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MailboxQuery {
    /// `pending`, `sent` or `dead`; every state when absent.
    pub state: Option<String>,
    pub before: Option<i64>,
}

fn next_before(rows: &[NotificationRow]) -> Option<i64> {
    (rows.len() == PAGE)
        .then(|| rows.last().map(|r| r.id))
        .flatten()
}

/// My notifications, newest first.
#[utoipa::path(get, path = "/me/notifications", tag = "notifications", security(("bearer" = [])),
    params(HistoryQuery),
    responses(
        (status = 200, body = NotificationPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`control_character`: a text holds NUL or another control character", body = Problem, content_type = "application/problem+json"),
    ))]
async fn mine(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiQuery(q): ApiQuery<HistoryQuery>,
) -> Result<Json<NotificationPage>, Problem> {
    let rows = notify::history(&s.app, &who, q.before)
        .await
        .map_err(problem(lang))?;
    let reader = Reader::new(&s.config.public_url);
    let next_before = next_before(&rows);
    let items = rows
        .into_iter()
        .map(|r| Notification {
            subject: reader.subject(&r),
            id: r.id,
            kind: r.kind,
            state: r.state,
            created_at: timestamp(r.created_at),
            sent_at: r.sent_at.map(timestamp),
        })
        .collect();
    Ok(Json(NotificationPage { items, next_before }))
}

/// Every message, newest first, optionally in one state (customer service and admins).
#[utoipa::path(get, path = "/staff/notifications", tag = "notifications", security(("bearer" = [])),
    params(MailboxQuery),
    responses(
        (status = 200, body = MailboxPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`state` `unknown_value`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn mailbox(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::CustomerService>,
    ApiQuery(q): ApiQuery<MailboxQuery>,
) -> Result<Json<MailboxPage>, Problem> {
    let state = state_filter(q.state.as_deref(), &STATES).map_err(problem(lang))?;
    let rows = notify::mailbox(&s.app, &who, state, q.before)
        .await
        .map_err(problem(lang))?;
    let reader = Reader::new(&s.config.public_url);
    let next_before = next_before(&rows);
    let items = rows
        .into_iter()
        .map(|r| MailboxMessage {
            subject: reader.subject(&r),
            id: r.id,
            kind: r.kind,
            user_id: r.user_id,
            to: r.to_address,
            language: r.language,
            state: r.state,
            attempts: r.attempts,
            last_error: r.last_error,
            via: r.via,
            next_at: timestamp(r.next_at),
            created_at: timestamp(r.created_at),
            sent_at: r.sent_at.map(timestamp),
        })
        .collect();
    Ok(Json(MailboxPage { items, next_before }))
}

/// Send a dead message again, with fresh attempts (customer service and admins).
#[utoipa::path(post, path = "/staff/notifications/{id}/retry", tag = "notifications", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 204, description = "Pending again; it leaves on the next sending pass"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_dead`: the message is pending or sent", body = Problem, content_type = "application/problem+json"),
    ))]
async fn retry(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::CustomerService>,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, Problem> {
    match notify::retry(&s.app, &who, id).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        // The refusal does not say whether the message exists: look, so that an unknown id is
        // a 404 rather than "not dead".
        Err(AppError::Conflict(code)) => {
            notify::one(&s.app, &who, id).await.map_err(problem(lang))?;
            Err(Problem::from_app(AppError::Conflict(code), lang))
        }
        Err(e) => Err(Problem::from_app(e, lang)),
    }
}
