//! Customer service (S1, S2, A3, A4) in the API: a person's conversations and messages, and
//! the shared inbox for a help-desk tool (filters, public answers and internal notes,
//! assignment and state by compare-and-set on `version`). Messages carry photos and PDFs as
//! base64 in the JSON body, like a return's photos; each is downloaded at its own address.

pub mod relay;

use axum::Json;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use pepite_app::AppError;
use pepite_app::support::attachments::{self, Upload};
use pepite_app::support::{self, OpenInput, Thread};
use pepite_store::support::attachments::AttachmentRow;
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
        .routes(routes!(my_file))
        .routes(routes!(staff_file))
        // A message's files come inside its JSON body, base64: more than axum's 2 MB default.
        .layer(DefaultBodyLimit::max(crate::PHOTOS_FORM_LIMIT))
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
    /// Empty when the message is only files.
    pub body: String,
    pub created_at: String,
    pub files: Vec<SupportFile>,
}

/// A photo (re-encoded as JPEG) or a PDF sent with a message.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupportFile {
    pub id: i64,
    #[schema(example = "receipt.pdf")]
    pub name: String,
    /// `image/jpeg` or `application/pdf`.
    #[schema(example = "application/pdf")]
    pub content_type: String,
    pub size_bytes: i64,
    /// Where to download it, with the same credentials.
    #[schema(example = "/api/v1/support/conversations/12/files/3")]
    pub url: String,
}

impl SupportMessage {
    fn of(m: &MessageRow, t: &Thread, for_staff: bool) -> Self {
        let base = if for_staff {
            "/api/v1/staff"
        } else {
            "/api/v1"
        };
        SupportMessage {
            id: m.id,
            author: m.author.clone(),
            body: m.body.clone(),
            created_at: timestamp(m.created_at),
            files: t
                .files_of(&m.id)
                .into_iter()
                .map(|a: &AttachmentRow| SupportFile {
                    id: a.id,
                    name: a.file_name.clone(),
                    content_type: a.content_type.clone(),
                    size_bytes: a.size_bytes,
                    url: format!(
                        "{base}/support/conversations/{}/files/{}",
                        a.conversation_id, a.id
                    ),
                })
                .collect(),
        }
    }
}

/// A downloaded file: its bytes, typed and named by the response's headers.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct SupportFileBytes(Response);

impl IntoResponse for SupportFileBytes {
    fn into_response(self) -> Response {
        self.0
    }
}

/// A file sent inside a message's JSON body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SupportFileUpload {
    /// Shown to the reader; its extension becomes that of what is kept (`.jpg` or `.pdf`).
    #[schema(example = "defect.jpg")]
    #[serde(default)]
    pub name: String,
    /// The file, base64: a JPEG, PNG or WebP photo (at least 200 × 200 pixels) or a PDF without
    /// scripts, each within the policy's photo size (10 MB by default).
    pub content_base64: String,
}

/// The files of a JSON body as uploads; one that is not base64 is `files` `unreadable_upload`.
fn uploads(files: &[SupportFileUpload]) -> Result<Vec<Upload>, AppError> {
    files
        .iter()
        .map(|f| {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(f.content_base64.trim())
                .map_err(|_| AppError::field(attachments::FIELD, "unreadable_upload"))?;
            Ok(Upload {
                name: f.name.clone(),
                bytes,
            })
        })
        .collect()
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
        messages: t
            .messages
            .iter()
            .map(|m| SupportMessage::of(m, t, for_staff))
            .collect(),
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
    /// Up to 5 photos or PDFs.
    #[serde(default)]
    pub files: Vec<SupportFileUpload>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewSupportMessage {
    /// 1 to 5,000 characters; may be empty when files are sent.
    #[serde(default)]
    pub body: String,
    /// Up to 5 photos or PDFs.
    #[serde(default)]
    pub files: Vec<SupportFileUpload>,
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
        (status = 422, description = "`body` `required`, `too_long` or `invalid` (a control character); `subject` likewise; `files` `too_many`, `file_too_large`, `unsupported_attachment`, `unreadable_image`, `too_small`, `unreadable_pdf`, `active_pdf` or `unreadable_upload`", body = Problem, content_type = "application/problem+json"),
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
        files: uploads(&body.files).map_err(problem(lang))?,
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
        (status = 422, description = "`body` `required`, `too_long` or `invalid`; `files` as when opening", body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ))]
async fn write(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewSupportMessage>,
) -> Result<impl IntoResponse, Problem> {
    let files = uploads(&body.files).map_err(problem(lang))?;
    let asker = support::Asker::Person(&who);
    let t = support::write_with(&s.app, asker, id, &body.body, &files)
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
    /// 1 to 5,000 characters; may be empty when files are sent.
    #[serde(default)]
    pub body: String,
    /// Up to 5 photos or PDFs; an answer's e-mail carries them.
    #[serde(default)]
    pub files: Vec<SupportFileUpload>,
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
        (status = 422, description = "`body` `required`, `too_long` or `invalid`; `files` as when a person writes", body = Problem, content_type = "application/problem+json"),
    ))]
async fn answer(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::CustomerService>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<SupportStaffMessage>,
) -> Result<impl IntoResponse, Problem> {
    let seen = body.seen_message_id;
    let files = uploads(&body.files).map_err(problem(lang))?;
    let t = support::answer_with(&s.app, &who, id, &body.body, &files, body.internal, seen)
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

/// A file of one of my conversations (only those of messages I may read).
#[utoipa::path(get, path = "/support/conversations/{id}/files/{file_id}", tag = "support", security(("bearer" = [])),
    params(("id" = i64, Path), ("file_id" = i64, Path)),
    responses(
        (status = 200, description = "The file, `Content-Disposition` naming it", content((SupportFileBytes = "image/jpeg"), (SupportFileBytes = "application/pdf"))),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn my_file(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath((id, file_id)): ApiPath<(i64, i64)>,
) -> Result<SupportFileBytes, Problem> {
    let (row, bytes) = attachments::download_as(&s.app, support::Asker::Person(&who), id, file_id)
        .await
        .map_err(problem(lang))?;
    Ok(SupportFileBytes(crate::pages::support_file(&row, bytes)))
}

/// Any file of a conversation, notes' included (customer service).
#[utoipa::path(get, path = "/staff/support/conversations/{id}/files/{file_id}", tag = "support", security(("bearer" = [])),
    params(("id" = i64, Path), ("file_id" = i64, Path)),
    responses(
        (status = 200, description = "The file, `Content-Disposition` naming it", content((SupportFileBytes = "image/jpeg"), (SupportFileBytes = "application/pdf"))),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn staff_file(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::CustomerService>,
    ApiPath((id, file_id)): ApiPath<(i64, i64)>,
) -> Result<SupportFileBytes, Problem> {
    let (row, bytes) = attachments::download_for_staff(&s.app, &who, id, file_id)
        .await
        .map_err(problem(lang))?;
    Ok(SupportFileBytes(crate::pages::support_file(&row, bytes)))
}
