//! The payment provider's webhooks: the raw body and its `Stripe-Signature` go to the use
//! case, which verifies, deduplicates and settles. No session and no CSRF token: the signature
//! is the authentication, and the CSRF layer lets through requests that no browser made
//! (no `Sec-Fetch-Site`, no `Origin`).

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use pepite_app::AppError;
use pepite_app::payments::{self, WebhookAck};
use pepite_domain::FieldErrors;
use pepite_domain::account::Language;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Lang;
use crate::problem::{Problem, problem_fields};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(webhook))
}

/// The delivery was received.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookReceipt {
    /// `handled`, `duplicate` (seen before, nothing done again) or `ignored` (not about a
    /// payment Pépite tracks).
    #[schema(example = "handled")]
    pub result: &'static str,
}

/// A webhook from the payment provider (Stripe), signed with the shared secret.
#[utoipa::path(post, path = "/payments/webhook", tag = "payments",
    params(("Stripe-Signature" = String, Header, description = "`t=…,v1=…`")),
    request_body(content = String, content_type = "application/json", description = "The event, exactly as sent"),
    responses(
        (status = 200, body = WebhookReceipt),
        (status = 400, description = "`invalid_signature` (bad, missing or stale signature) or `malformed_webhook`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The provider in use sends no webhooks (sandbox)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Not handled now; the provider retries", body = Problem, content_type = "application/problem+json"),
    ))]
async fn webhook(
    State(s): State<AppState>,
    Lang(lang): Lang,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<WebhookReceipt>, Problem> {
    // A delivery without its signature is refused whichever provider is in use: the header
    // is required by the document, and no provider sends an unsigned webhook.
    let Some(signature) = headers
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok())
    else {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "invalid_signature",
            "The webhook's signature was refused",
        )
        .detail("The Stripe-Signature header is missing."));
    };
    match payments::webhook(&s.app, Some(signature), &body).await {
        Ok(ack) => Ok(Json(WebhookReceipt {
            result: match ack {
                WebhookAck::Handled => "handled",
                WebhookAck::Duplicate => "duplicate",
                WebhookAck::Ignored => "ignored",
            },
        })),
        // The use case logged why; the provider gets a 400 so it shows the failure.
        Err(AppError::Invalid(fields)) => Err(refused(
            &fields,
            lang,
            ("malformed_webhook", "The webhook could not be read"),
        )),
        Err(e) => Err(Problem::from_app(e, lang)),
    }
}

/// A signed delivery refused by its use case: a `signature` field error is
/// `invalid_signature`, anything else the sender's `malformed` (code, title); both 400, so
/// the sender shows the failure (payment and carrier webhooks alike).
pub(crate) fn refused(
    fields: &FieldErrors,
    lang: Language,
    malformed: (&'static str, &'static str),
) -> Problem {
    let (code, title) = if fields.for_field("signature").is_some() {
        ("invalid_signature", "The webhook's signature was refused")
    } else {
        malformed
    };
    let mut p = Problem::new(StatusCode::BAD_REQUEST, code, title);
    p.errors = problem_fields(fields, lang);
    p
}
