//! API errors as RFC 9457 problem documents (`application/problem+json`) with a stable `code`
//! and, for refused fields, one entry per field with a message in the caller's language.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pepite_app::{AppError, GonePiece};
use pepite_domain::FieldErrors;
use pepite_domain::account::Language;
use serde::Serialize;
use utoipa::ToSchema;

use crate::i18n;

/// One refused field.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProblemField {
    /// The field's name as sent (`price_cents` is reported as `price`).
    pub field: String,
    /// Stable machine code, e.g. `required`, `too_long`, `unknown_value`.
    pub code: String,
    /// The bound a `too_long`/`too_short`/`too_large` refers to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// A sentence for people, in the language of `Accept-Language`.
    pub message: String,
    /// The value refused, as sent (CSV import: the cell, so it can be found in the file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// The refused fields of one line of an uploaded file (CSV import).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProblemLine {
    /// Line number in the file; line 1 is the header.
    pub line: usize,
    pub errors: Vec<ProblemField>,
}

/// A piece someone else bought, or is paying for, first (K1).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProblemPiece {
    pub id: i64,
    pub title: String,
    /// Present and true while another buyer's payment holds the piece: it is not sold and
    /// may be on sale again if that payment fails.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub held: bool,
}

/// An RFC 9457 problem document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem (`about:blank` style, stable per `code`).
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// Stable machine code: `invalid_input`, `not_found`, `unauthenticated`, `forbidden`,
    /// `throttled`, `server_busy`, `cross_site_request`, `conflict:<reason>` codes such as
    /// `stale_version`, `internal`.
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
    /// For a refused file: each refused line with its fields.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<ProblemLine>,
    /// K1: the pieces that are no longer available (`pieces_gone`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pieces: Vec<ProblemPiece>,
    #[serde(skip)]
    pub retry_after: Option<i64>,
}

impl Problem {
    pub fn new(status: StatusCode, code: &str, title: &str) -> Self {
        Problem {
            kind: format!("https://pepite.example/problems/{code}"),
            title: title.to_owned(),
            status: status.as_u16(),
            code: code.to_owned(),
            detail: None,
            errors: vec![],
            lines: vec![],
            pieces: vec![],
            retry_after: None,
        }
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Says when to try again, in the detail and the `Retry-After` header.
    fn retry_after(mut self, seconds: i64) -> Self {
        self.retry_after = Some(seconds);
        self.detail(format!("Try again in {seconds} seconds."))
    }

    /// The problem for an application error, with field messages in `lang`.
    pub fn from_app(e: AppError, lang: Language) -> Self {
        match e {
            AppError::Invalid(fields) => {
                let mut p = Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid_input",
                    "Some fields were refused",
                );
                p.errors = problem_fields(&fields, lang);
                p
            }
            // A4: a refused access and a missing object answer the same.
            AppError::NotFound => {
                Problem::new(StatusCode::NOT_FOUND, "not_found", "No such resource")
            }
            AppError::Unauthenticated => Problem::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "Sign in or send a valid bearer token",
            ),
            AppError::Forbidden => Problem::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                "Your account may not do this",
            ),
            AppError::Conflict(code) => Problem::new(
                StatusCode::CONFLICT,
                code,
                "The resource's state does not allow this",
            ),
            AppError::PiecesGone(pieces) => {
                let titles: Vec<&str> = pieces.iter().map(|p| p.title.as_str()).collect();
                // The code stays `pieces_gone` either way (the piece cannot be had now); the
                // words and each piece's `held` say whether it may come back.
                let title = if GonePiece::all_held(&pieces) {
                    "Another buyer is paying for these pieces; they may be on sale again if \
                     that payment fails. Nothing was charged"
                } else {
                    "Someone else bought these pieces first; nothing was charged"
                };
                let mut p = Problem::new(StatusCode::CONFLICT, "pieces_gone", title)
                    .detail(format!("No longer available: {}.", titles.join(", ")));
                p.pieces = pieces
                    .into_iter()
                    .map(|g| ProblemPiece {
                        id: g.id,
                        title: g.title,
                        held: g.held,
                    })
                    .collect();
                p
            }
            AppError::Unavailable(service) => Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "service_unavailable",
                "A service we depend on did not answer; nothing was charged",
            )
            .detail(format!("Unavailable: {service}. Try again in a moment.")),
            AppError::Throttled { retry_after_s } => Problem::new(
                StatusCode::TOO_MANY_REQUESTS,
                "throttled",
                "Too many attempts",
            )
            .retry_after(retry_after_s),
            AppError::Busy { retry_after_s } => Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "server_busy",
                "Too many requests are being handled; nothing was done",
            )
            .retry_after(retry_after_s),
            AppError::Store(e) => {
                tracing::error!(error = %e, "store error");
                Problem::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Something went wrong on our side",
                )
            }
            AppError::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                Problem::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Something went wrong on our side",
                )
            }
        }
    }
}

/// Field errors with their messages in `lang`.
pub fn problem_fields(fields: &FieldErrors, lang: Language) -> Vec<ProblemField> {
    fields
        .0
        .iter()
        .map(|f| ProblemField {
            field: f.field.clone(),
            code: f.code.to_owned(),
            limit: f.limit,
            message: i18n::field_message(lang, f),
            value: None,
        })
        .collect()
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let retry = self.retry_after;
        let mut response = (status, axum::Json(self)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(s) = retry
            && let Ok(v) = HeaderValue::from_str(&s.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item4_a_saturated_server_answers_503_with_retry_after() {
        let busy = AppError::Busy { retry_after_s: 1 };
        let response = Problem::from_app(busy, Language::En).into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "1");
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "application/problem+json"
        );
    }
}
