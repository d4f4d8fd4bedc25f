//! Customer service (S1, S2, A3, A4) in the API: a person's conversations and messages, and
//! the shared inbox for a help-desk tool (filters, public answers and internal notes,
//! assignment and state by compare-and-set on `version`).

pub mod relay;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pepite_app::support::{self, OpenInput, Thread};
use pepite_store::support::{ConversationRow, InboxFilter, MessageRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiPath, ApiQuery, problem, timestamp};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::Problem;
use crate::shop::CurrentShop;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_conversations, open))
        .routes(routes!(my_conversation))
        .routes(routes!(write))
        .routes(routes!(inbox))
        .routes(routes!(staff_conversation))
        .routes(routes!(answer))
        .routes(routes!(assign))
        .routes(routes!(set_state))
}

/// A conversation with customer service.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupportConversation {
    pub id: i64,
    pub subject: String,
    pub order_id: Option<i64>,
    pub piece_id: Option<i64>,
    /// `open` (customer service to answer), `waiting_person`, `waiting_seller`, `closed`.
    #[schema(example = "open")]
    pub state: String,
    /// When the next answer is due (S2: counted in opening hours), while one is owed.
    pub due_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Pass as `expected_version` to assign it or change its state.
    pub version: i64,
}

impl From<&ConversationRow> for SupportConversation {
    fn from(c: &ConversationRow) -> Self {
        SupportConversation {
            id: c.id,
            subject: c.subject.clone(),
            order_id: c.order_id,
            piece_id: c.piece_id,
            state: c.state.clone(),
            due_at: c.due_at.map(timestamp),
            created_at: timestamp(c.created_at),
            updated_at: timestamp(c.updated_at),
            version: c.version,
        }
    }
}

/// A conversation in the shared inbox, with whom it belongs to and who has it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupportInboxItem {
    #[serde(flatten)]
    pub conversation: SupportConversation,
    pub email: String,
    pub assignee_id: Option<i64>,
}

/// One message.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupportMessage {
    pub id: i64,
    /// `person`, `staff` (a public answer); for staff also `note` (internal) and `seller`.
    #[schema(example = "person")]
    pub author: String,
    pub body: String,
    pub created_at: String,
}

impl From<&MessageRow> for SupportMessage {
    fn from(m: &MessageRow) -> Self {
        SupportMessage {
            id: m.id,
            author: m.author.clone(),
            body: m.body.clone(),
            created_at: timestamp(m.created_at),
        }
    }
}

/// A conversation and the messages its reader may see.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupportThread {
    pub conversation: SupportConversation,
    pub messages: Vec<SupportMessage>,
    /// S2: outside opening hours, when customer service is back.
    pub back_at: Option<String>,
    /// For staff: the person's address and the agent who has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee_id: Option<i64>,
}

fn thread(t: &Thread, for_staff: bool) -> SupportThread {
    SupportThread {
        conversation: SupportConversation::from(&t.conversation),
        messages: t.messages.iter().map(SupportMessage::from).collect(),
        back_at: t.back_at.map(timestamp),
        email: for_staff.then(|| t.conversation.email.clone()),
        assignee_id: t.conversation.assignee_id.filter(|_| for_staff),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewSupportConversation {
    /// Optional; up to 120 characters.
    #[serde(default)]
    #[schema(example = "Question about a dress")]
    pub subject: String,
    /// 1 to 5,000 characters.
    #[schema(example = "Hello, does it run small?")]
    pub body: String,
    /// One of my orders.
    #[serde(default)]
    pub order_id: Option<i64>,
    /// A piece I can see.
    #[serde(default)]
    pub piece_id: Option<i64>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewSupportMessage {
    /// 1 to 5,000 characters.
    pub body: String,
}

/// My conversations with customer service, latest first.
#[utoipa::path(get, path = "/support/conversations", tag = "support", security(("bearer" = [])),
    responses(
        (status = 200, body = [SupportConversation]),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
async fn my_conversations(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
) -> Result<Json<Vec<SupportConversation>>, Problem> {
    let rows = support::mine(&s.app, &who).await.map_err(problem(lang))?;
    Ok(Json(rows.iter().map(SupportConversation::from).collect()))
}

/// Ask customer service (S1). Outside opening hours the answer says when they are back (S2).
#[utoipa::path(post, path = "/support/conversations", tag = "support", security(("bearer" = [])),
    request_body = NewSupportConversation,
    responses(
        (status = 201, body = SupportThread),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The order is not mine, or the piece is not visible", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`body` `required`, `too_long` or `invalid` (a control character); `subject` likewise", body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ))]
async fn open(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    CurrentShop(shop): CurrentShop,
    ApiJson(body): ApiJson<NewSupportConversation>,
) -> Result<impl IntoResponse, Problem> {
    let input = OpenInput {
        subject: body.subject,
        body: body.body,
        order_id: body.order_id,
        piece_id: body.piece_id,
    };
    let t = support::open(&s.app, &who, shop.id, &input)
        .await
        .map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(thread(&t, false))))
}

/// One of my conversations, with customer service's answers (never its internal notes).
#[utoipa::path(get, path = "/support/conversations/{id}", tag = "support", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = SupportThread),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn my_conversation(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<SupportThread>, Problem> {
    let t = support::thread(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(thread(&t, false)))
}

/// Write again in one of my conversations; a closed one opens again.
#[utoipa::path(post, path = "/support/conversations/{id}/messages", tag = "support", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = NewSupportMessage,
    responses(
        (status = 201, body = SupportThread),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`body` `required`, `too_long` or `invalid`", body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ))]
async fn write(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewSupportMessage>,
) -> Result<impl IntoResponse, Problem> {
    let t = support::write(&s.app, &who, id, &body.body)
        .await
        .map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(thread(&t, false))))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SupportInboxQuery {
    /// `open`, `waiting_person`, `waiting_seller` or `closed`.
    pub state: Option<String>,
    /// An agent's id, or `none` for the unassigned.
    pub assignee: Option<String>,
    pub order_id: Option<i64>,
    pub piece_id: Option<i64>,
}

/// The shared inbox (customer service): the conversations due soonest first.
#[utoipa::path(get, path = "/staff/support/conversations", tag = "support", security(("bearer" = [])),
    params(SupportInboxQuery),
    responses(
        (status = 200, body = [SupportInboxItem]),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`state` or `assignee` `unknown_value`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn inbox(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::CustomerService>,
    ApiQuery(q): ApiQuery<SupportInboxQuery>,
) -> Result<Json<Vec<SupportInboxItem>>, Problem> {
    let assignee = match q.assignee.as_deref().map(str::trim) {
        None | Some("") => None,
        Some("none") => Some(None),
        Some(raw) => match raw.parse::<i64>() {
            Ok(id) => Some(Some(id)),
            Err(_) => {
                let e = pepite_app::AppError::field("assignee", "unknown_value");
                return Err(problem(lang)(e));
            }
        },
    };
    let filter = InboxFilter {
        state: q.state.filter(|s| !s.trim().is_empty()),
        assignee,
        order_id: q.order_id,
        piece_id: q.piece_id,
    };
    let rows = support::inbox(&s.app, &who, &filter)
        .await
        .map_err(problem(lang))?;
    Ok(Json(
        rows.iter()
            .map(|c| SupportInboxItem {
                conversation: SupportConversation::from(c),
                email: c.email.clone(),
                assignee_id: c.assignee_id,
            })
            .collect(),
    ))
}

/// A conversation as customer service reads it: notes and the seller's words included.
#[utoipa::path(get, path = "/staff/support/conversations/{id}", tag = "support", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = SupportThread),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn staff_conversation(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::CustomerService>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<SupportThread>, Problem> {
    let t = support::for_staff(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(thread(&t, true)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SupportStaffMessage {
    /// 1 to 5,000 characters.
    pub body: String,
    /// An internal note, never shown to the person; a public answer otherwise.
    #[serde(default)]
    pub internal: bool,
    /// The last message read: a public answer is refused (409 `conversation_moved`) if the
    /// person or another agent wrote since.
    #[serde(default)]
    pub seen_message_id: Option<i64>,
}

/// Answer the person, or leave an internal note (customer service); an answer from an old
/// `seen_message_id` is not sent.
#[utoipa::path(post, path = "/staff/support/conversations/{id}/messages", tag = "support", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = SupportStaffMessage,
    responses(
        (status = 201, body = SupportThread),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`conversation_moved`: a public message came after `seen_message_id`; nothing was sent", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`body` `required`, `too_long` or `invalid`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn answer(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::CustomerService>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<SupportStaffMessage>,
) -> Result<impl IntoResponse, Problem> {
    let seen = body.seen_message_id;
    let t = support::answer(&s.app, &who, id, &body.body, body.internal, seen)
        .await
        .map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(thread(&t, true))))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SupportAssignment {
    /// The `version` read; a change since is a 409 `conversation_changed`.
    pub expected_version: i64,
    /// An agent with the customer-service role, or none to leave it unassigned.
    #[serde(default)]
    pub assignee_id: Option<i64>,
}

/// Give the conversation to an agent, or to nobody (customer service).
#[utoipa::path(put, path = "/staff/support/conversations/{id}/assignment", tag = "support", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = SupportAssignment,
    responses(
        (status = 200, body = SupportThread),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`conversation_changed`: read it again", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`assignee_id` `not_an_agent`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn assign(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::CustomerService>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<SupportAssignment>,
) -> Result<Json<SupportThread>, Problem> {
    let t = support::assign(&s.app, &who, id, body.assignee_id, body.expected_version)
        .await
        .map_err(problem(lang))?;
    Ok(Json(thread(&t, true)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SupportStateChange {
    /// The `version` read; a change since is a 409 `conversation_changed`.
    pub expected_version: i64,
    #[schema(example = "closed")]
    pub state: String,
}

/// Change the conversation's state (customer service): `open` owes an answer again.
#[utoipa::path(put, path = "/staff/support/conversations/{id}/state", tag = "support", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = SupportStateChange,
    responses(
        (status = 200, body = SupportThread),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`conversation_changed`: read it again", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`state` `unknown_value`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn set_state(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::CustomerService>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<SupportStateChange>,
) -> Result<Json<SupportThread>, Problem> {
    let t = support::set_state(&s.app, &who, id, &body.state, body.expected_version)
        .await
        .map_err(problem(lang))?;
    Ok(Json(thread(&t, true)))
}
