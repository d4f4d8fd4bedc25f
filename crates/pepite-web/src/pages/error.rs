//! Errors of page handlers: a page in the person's language with the right status, or a
//! redirect to sign in. Field errors never get here: forms show them beside their fields.

use askama::Template;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use pepite_app::{AppError, GonePiece};
use pepite_domain::FieldErrors;

use super::ctx::{PageCtx, render, urlencode};

/// An error while serving a page, carrying the page context to render it. Boxed because
/// every handler returns it: a small error keeps every handler's result small.
pub struct PageError(Box<Failure>);

struct Failure {
    ctx: PageCtx,
    error: AppError,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ctx: &'a PageCtx,
    status: u16,
    title_key: &'static str,
    text_key: &'static str,
    /// Sentences that say what exactly was refused, when the form itself cannot show them.
    details: Vec<String>,
}

impl PageError {
    pub fn new(ctx: &PageCtx, error: AppError) -> Self {
        PageError(Box::new(Failure {
            ctx: ctx.clone(),
            error,
        }))
    }
}

/// The page for texts refused before any form could show them beside their fields (a
/// control character, see `input_text`): each field is named, in the person's language.
pub fn refused_fields(ctx: &PageCtx, refused: &FieldErrors) -> Response {
    let details = refused
        .0
        .iter()
        .map(|f| {
            let message = crate::i18n::field_message(ctx.lang, f);
            ctx.t2("error-field-refused", "field", &f.field, "message", message)
        })
        .collect();
    let page = ErrorPage {
        ctx,
        status: StatusCode::UNPROCESSABLE_ENTITY.as_u16(),
        title_key: "error-422-title",
        text_key: "error-422-text",
        details,
    };
    (StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response()
}

/// The page for a request that could not be read at all (a broken form body or query).
pub fn bad_request(ctx: &PageCtx) -> Response {
    error_page(
        ctx,
        StatusCode::BAD_REQUEST,
        "error-400-title",
        "error-400-text",
    )
}

fn error_page(
    ctx: &PageCtx,
    status: StatusCode,
    title_key: &'static str,
    text_key: &'static str,
) -> Response {
    let page = ErrorPage {
        ctx,
        status: status.as_u16(),
        title_key,
        text_key,
        details: vec![],
    };
    (status, render(&page)).into_response()
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let Failure { ctx, error } = *self.0;
        let retry_after = match &error {
            AppError::Throttled { retry_after_s } | AppError::Busy { retry_after_s } => {
                Some(*retry_after_s)
            }
            _ => None,
        };
        let (status, title_key, text_key) = match &error {
            AppError::Unauthenticated => {
                return Redirect::to(&format!("/sign-in?next={}", urlencode(&ctx.here)))
                    .into_response();
            }
            // A4: what is not yours looks like what does not exist.
            AppError::NotFound => (StatusCode::NOT_FOUND, "error-404-title", "error-404-text"),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "error-403-title", "error-403-text"),
            AppError::Conflict(_) => (StatusCode::CONFLICT, "error-409-title", "error-409-text"),
            AppError::PiecesGone(p) if GonePiece::all_held(p) => {
                (StatusCode::CONFLICT, "error-409-title", "error-held-text")
            }
            AppError::PiecesGone(_) => (StatusCode::CONFLICT, "error-409-title", "error-gone-text"),
            AppError::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "error-503-title",
                "error-503-text",
            ),
            AppError::Throttled { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "error-429-title",
                "error-429-text",
            ),
            AppError::Busy { .. } => (
                StatusCode::SERVICE_UNAVAILABLE,
                "error-503-title",
                "error-busy-text",
            ),
            AppError::Invalid(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "error-422-title",
                "error-422-text",
            ),
            AppError::Store(e) => {
                tracing::error!(error = %e, "store error on a page");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "error-500-title",
                    "error-500-text",
                )
            }
            AppError::Internal(e) => {
                tracing::error!(error = %e, "internal error on a page");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "error-500-title",
                    "error-500-text",
                )
            }
        };
        let mut page = error_page(&ctx, status, title_key, text_key);
        if let Some(v) = retry_after.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
            page.headers_mut().insert(header::RETRY_AFTER, v);
        }
        page
    }
}

/// Turns a use case's error into the error page of the current request: `.or_page(&ctx)?`.
pub trait OrPage<T> {
    fn or_page(self, ctx: &PageCtx) -> Result<T, PageError>;
}

impl<T> OrPage<T> for Result<T, AppError> {
    fn or_page(self, ctx: &PageCtx) -> Result<T, PageError> {
        self.map_err(|e| PageError::new(ctx, e))
    }
}

/// The page for an address that leads nowhere (the router's fallback outside `/api`).
pub async fn not_found(ctx: PageCtx) -> Response {
    error_page(
        &ctx,
        StatusCode::NOT_FOUND,
        "error-404-title",
        "error-404-text",
    )
}

/// Gives the bare text answers of the outer layers (body too large, request too slow, a
/// request refused by the cross-site check) the same form as every other error: a problem document under `/api`, a page elsewhere.
pub async fn dress_bare_errors(request: Request, next: Next) -> Response {
    let lang = crate::auth::language_of_headers(request.headers());
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let status = response.status();
    let bare = !response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| {
            v.to_str().is_ok_and(|t| {
                t.starts_with("text/html") || t.starts_with("application/problem+json")
            })
        });
    let (title_key, text_key, code) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => ("error-413-title", "error-413-text", "body_too_large"),
        StatusCode::REQUEST_TIMEOUT => ("error-408-title", "error-408-text", "request_timeout"),
        // Handlers' own 403s are already dressed: a bare one is the cross-site check's.
        StatusCode::FORBIDDEN => ("error-csrf-title", "error-csrf-text", "cross_site_request"),
        _ => return response,
    };
    if !bare {
        return response;
    }
    if path.starts_with("/api/") {
        return crate::problem::Problem::new(status, code, &crate::i18n::t(lang, title_key))
            .into_response();
    }
    let ctx = PageCtx::anonymous(lang, path);
    error_page(&ctx, status, title_key, text_key)
}
