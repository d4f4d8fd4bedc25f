//! Asking a seller (S3, A3) in the API: customer service asks the seller of a piece from a
//! conversation, reads the questions with what was masked, and passes an answer on; the
//! seller lists the questions about their pieces and answers each once. A seller reads the
//! question as masked, never the buyer's identity; another seller's question is not found.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pepite_app::support::relay::{self, Question};
use pepite_domain::support::mask::Finding;
use pepite_store::support::relay::QuestionRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{SupportThread, thread};
use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, ApiPath, problem, timestamp};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(questions_of_conversation, ask))
        .routes(routes!(pass_on))
        .routes(routes!(my_questions))
        .routes(routes!(answer))
}

/// Something masked, as it was written (staff only).
#[derive(Debug, Serialize, ToSchema)]
pub struct SupportFinding {
    /// `email`, `phone`, `link` or `name`.
    #[schema(example = "phone")]
    pub kind: String,
    #[schema(example = "06 12 34 56 78")]
    pub text: String,
}

fn findings(f: &[Finding]) -> Vec<SupportFinding> {
    f.iter()
        .map(|f| SupportFinding {
            kind: f.kind.as_str().to_owned(),
            text: f.text.clone(),
        })
        .collect()
}

/// A question to a seller as the seller reads it: masked of the buyer's identity.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupportSellerQuestion {
    pub id: i64,
    pub piece_id: i64,
    pub piece_title: String,
    pub question: String,
    /// `asked` (to answer), `answered`, `passed` (customer service passed it on).
    #[schema(example = "asked")]
    pub state: String,
    /// The answer as the seller wrote it.
    pub answer: Option<String>,
    pub created_at: String,
    pub answered_at: Option<String>,
}

impl From<&QuestionRow> for SupportSellerQuestion {
    fn from(q: &QuestionRow) -> Self {
        SupportSellerQuestion {
            id: q.id,
            piece_id: q.piece_id,
            piece_title: q.piece_title.clone(),
            question: q.question.clone(),
            state: q.state.clone(),
            answer: q.answer_raw.clone(),
            created_at: timestamp(q.created_at),
            answered_at: q.answered_at.map(timestamp),
        }
    }
}

/// A question to a seller as customer service reads it: what was masked both ways, and the
/// answer as written and masked.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupportStaffQuestion {
    pub id: i64,
    pub conversation_id: i64,
    pub seller_id: i64,
    pub piece_id: i64,
    pub piece_title: String,
    /// As sent to the seller, masked.
    pub question: String,
    pub question_findings: Vec<SupportFinding>,
    /// `asked`, `answered` (to pass on), `passed`.
    #[schema(example = "answered")]
    pub state: String,
    /// The seller's words as written (for audit; never sent as they are).
    pub answer_raw: Option<String>,
    /// The answer masked: what is passed on unless edited.
    pub answer: Option<String>,
    pub answer_findings: Vec<SupportFinding>,
    pub created_at: String,
    pub answered_at: Option<String>,
    pub passed_at: Option<String>,
}

impl From<&Question> for SupportStaffQuestion {
    fn from(q: &Question) -> Self {
        let r = &q.row;
        SupportStaffQuestion {
            id: r.id,
            conversation_id: r.conversation_id,
            seller_id: r.seller_id,
            piece_id: r.piece_id,
            piece_title: r.piece_title.clone(),
            question: r.question.clone(),
            question_findings: findings(&q.question_findings),
            state: r.state.clone(),
            answer_raw: r.answer_raw.clone(),
            answer: r.answer.clone(),
            answer_findings: findings(&q.answer_findings),
            created_at: timestamp(r.created_at),
            answered_at: r.answered_at.map(timestamp),
            passed_at: r.passed_at.map(timestamp),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewSupportSellerQuestion {
    /// 1 to 5,000 characters; the buyer's name and contact details are masked before the
    /// seller reads it.
    #[schema(example = "Does this dress run small?")]
    pub question: String,
    /// The piece asked about; the conversation's piece when absent.
    #[serde(default)]
    pub piece_id: Option<i64>,
}

/// Ask the seller of a piece a question from a conversation (customer service, S3). The
/// conversation then waits on the seller, who is told by e-mail.
#[utoipa::path(post, path = "/staff/support/conversations/{id}/seller-questions", tag = "support", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = NewSupportSellerQuestion,
    responses(
        (status = 201, body = SupportStaffQuestion),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`question` `required`, `too_long` or `invalid`; `piece_id` `required` (the conversation names none) or `unknown_value`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn ask(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::CustomerService>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewSupportSellerQuestion>,
) -> Result<impl IntoResponse, Problem> {
    let q = relay::ask(&s.app, &who, id, body.piece_id, &body.question)
        .await
        .map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(SupportStaffQuestion::from(&q))))
}

/// The questions asked to sellers in a conversation, with what was masked (customer service).
#[utoipa::path(get, path = "/staff/support/conversations/{id}/seller-questions", tag = "support", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = [SupportStaffQuestion]),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn questions_of_conversation(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::CustomerService>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<SupportStaffQuestion>>, Problem> {
    let qs = relay::of_conversation(&s.app, &who, id)
        .await
        .map_err(problem(lang))?;
    Ok(Json(qs.iter().map(SupportStaffQuestion::from).collect()))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SupportPassOn {
    /// The text to send the person, 1 to 5,000 characters; the seller's masked answer when
    /// absent. Masked again before it leaves.
    #[serde(default)]
    pub body: Option<String>,
}

/// Pass a seller's answer on to the person, as answered or edited (customer service, S3):
/// it goes out as a public answer in the conversation.
#[utoipa::path(post, path = "/staff/support/seller-questions/{id}/pass-on", tag = "support", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = SupportPassOn,
    responses(
        (status = 201, body = SupportThread),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`question_not_answered`: not answered yet, or already passed on", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`body` `required`, `too_long` or `invalid`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn pass_on(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::CustomerService>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<SupportPassOn>,
) -> Result<impl IntoResponse, Problem> {
    let t = relay::pass_on(&s.app, &who, id, body.body.as_deref())
        .await
        .map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(thread(&t, true))))
}

/// Customer service's questions about my pieces, those to answer first (seller).
#[utoipa::path(get, path = "/seller/support/questions", tag = "support", security(("bearer" = [])),
    responses(
        (status = 200, body = [SupportSellerQuestion]),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Open a shop first", body = Problem, content_type = "application/problem+json"),
    ))]
async fn my_questions(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
) -> Result<Json<Vec<SupportSellerQuestion>>, Problem> {
    let rows = relay::mine(&s.app, &who).await.map_err(problem(lang))?;
    Ok(Json(rows.iter().map(SupportSellerQuestion::from).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SupportSellerAnswer {
    /// 1 to 5,000 characters. Customer service reads it before anything reaches the buyer;
    /// contact details and names are masked.
    #[schema(example = "It runs true to size.")]
    pub answer: String,
}

/// Answer a question about one of my pieces, once (seller, S3).
#[utoipa::path(post, path = "/seller/support/questions/{id}/answer", tag = "support", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = SupportSellerAnswer,
    responses(
        (status = 200, body = SupportSellerQuestion),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`question_answered`: answered already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`answer` `required`, `too_long` or `invalid`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn answer(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<SupportSellerAnswer>,
) -> Result<Json<SupportSellerQuestion>, Problem> {
    let q = relay::answer(&s.app, &who, id, &body.answer)
        .await
        .map_err(problem(lang))?;
    Ok(Json(SupportSellerQuestion::from(&q)))
}
