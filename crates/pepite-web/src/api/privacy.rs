//! People's own data (issue 11, item 8; A4): the download of everything Pépite holds about
//! the caller, and closing their own account. The document is built here once and served by
//! the API and by the account page alike.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use pepite_app::accounts::Principal;
use pepite_app::privacy::{self, Export};
use pepite_app::{App, AppError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiUser;
use crate::api::json::{ApiJson, problem, timestamp};
use crate::auth::Lang;
use crate::notices::Reader;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(export))
        .routes(routes!(close))
}

/// Everything Pépite holds about one person. Documents (invoices, credit notes) are listed
/// with their addresses rather than embedded: they are drawn on demand, for their owner only.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportDocument {
    /// `pepite-export-1`.
    pub format: &'static str,
    pub generated_at: String,
    /// The stored data: `account`, `roles`, `addresses`, `sessions` (without secrets),
    /// `orders` (with `lines`, `payments`, `gift_cards_used`), `returns`, `refunds`, `offers`,
    /// `alerts`, `support_messages` (the customer service conversations they can read),
    /// `gift_cards_bought` (without codes), and `shop` (pieces with photo names,
    /// the payout account masked to its last four characters, payouts) or null. Times in it
    /// are microseconds since 1970-01-01 UTC, amounts integer cents.
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
    pub notifications: Vec<ExportedNotification>,
    pub documents: Vec<ExportedDocument>,
}

/// A message sent to the person, composed again from its redacted notice: no live link or
/// gift-card code.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportedNotification {
    pub id: i64,
    pub kind: String,
    pub subject: Option<String>,
    pub text: Option<String>,
    pub state: String,
    pub created_at: String,
    pub sent_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExportedDocument {
    /// `invoice` or `credit_note`.
    pub kind: &'static str,
    pub number: String,
    pub order_id: i64,
    /// Where the signed-in owner downloads the PDF.
    pub url: String,
}

/// The download of `who`, ready to serve.
pub(crate) async fn document(
    app: &App,
    public_url: &str,
    who: &Principal,
) -> Result<ExportDocument, AppError> {
    let Export {
        data,
        notifications,
    } = privacy::export(app, who).await?;
    let now = app.now_us().await?;
    let reader = Reader::new(public_url);
    let mut documents: Vec<ExportedDocument> = data
        .orders
        .iter()
        .filter_map(|o| {
            let number = o.number.clone()?;
            Some(ExportedDocument {
                kind: "invoice",
                url: format!("{public_url}/orders/{}/invoice.pdf", o.id),
                number,
                order_id: o.id,
            })
        })
        .collect();
    documents.extend(data.refunds.iter().map(|r| ExportedDocument {
        kind: "credit_note",
        number: r.credit_note_number.clone(),
        order_id: r.order_id,
        url: format!("{public_url}/orders/{}/credit-notes/{}", r.order_id, r.id),
    }));
    let notifications = notifications
        .into_iter()
        .map(|r| {
            let message = reader.message(&r);
            ExportedNotification {
                subject: message.as_ref().map(|m| m.subject.clone()),
                text: message.map(|m| m.text),
                id: r.id,
                kind: r.kind,
                state: r.state,
                created_at: timestamp(r.created_at),
                sent_at: r.sent_at.map(timestamp),
            }
        })
        .collect();
    Ok(ExportDocument {
        format: "pepite-export-1",
        generated_at: timestamp(now),
        data: serde_json::to_value(&data).map_err(|e| AppError::Internal(e.to_string()))?,
        notifications,
        documents,
    })
}

/// The document as a file to save (`pepite-export-<id>.json`).
pub(crate) fn attachment(doc: &ExportDocument, user_id: i64) -> Response {
    let disposition = format!("attachment; filename=\"pepite-export-{user_id}.json\"");
    (
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        Json(doc),
    )
        .into_response()
}

/// Download everything Pépite holds about me (A4: nothing of anyone else).
#[utoipa::path(get, path = "/me/export", tag = "accounts", security(("bearer" = [])),
    responses(
        (status = 200, body = ExportDocument,
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"pepite-export-17.json\"`"))),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
async fn export(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
) -> Result<Response, Problem> {
    let doc = document(&s.app, &s.config.public_url, &who)
        .await
        .map_err(problem(lang))?;
    Ok(attachment(&doc, who.user_id))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CloseRequest {
    /// My current password, to confirm.
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 256)]
    pub password: String,
}

/// Close my account. Refused, naming each reason, while an order, return, sale or payout of
/// mine is not settled. Otherwise my personal data is erased, every session and token ends,
/// my offers, alerts and cart go, my shop's pieces are withdrawn; orders, invoices and the
/// ledger stay as the law requires. My e-mail may then open a new account.
#[utoipa::path(post, path = "/me/close", tag = "accounts", security(("bearer" = [])),
    request_body = CloseRequest,
    responses(
        (status = 204, description = "Closed: this token no longer works"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`password` `wrong_password`; or on `account`, one error per reason: `unpaid_orders`, `undelivered_purchases`, `open_returns`, `unshipped_sales`, `unpaid_payouts`, `staff_account`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong passwords for this account (counted with sign-ins)", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
        (status = 503, description = "`server_busy`: too many passwords being checked at once", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    ))]
async fn close(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiUser(who): ApiUser,
    ApiJson(body): ApiJson<CloseRequest>,
) -> Result<StatusCode, Problem> {
    privacy::close_account(&s.app, &who, &body.password)
        .await
        .map_err(problem(lang))?;
    Ok(StatusCode::NO_CONTENT)
}
