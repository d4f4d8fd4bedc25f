//! Helpers shared by every HTML form: body and query extractors whose refusal is a page in
//! the person's language (not axum's plain text), checkboxes, redirects and safe `next` paths.

use axum::body::Body;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use serde::de::{Deserialize, DeserializeOwned, Deserializer};

use super::ctx::PageCtx;
use super::error::{bad_request, refused_fields};
use crate::AppState;
use crate::input_text;

/// The largest form body read (axum's default body limit): the longest form, the policy
/// with its legal texts, is far below it.
const FORM_LIMIT: usize = 2 * 1024 * 1024;

/// An `application/x-www-form-urlencoded` body. Repeated names fill a `Vec` (checkbox
/// groups); a body that cannot be read answers a 400 page instead of plain text, a text with
/// a control character a 422 page naming its field (see `input_text`).
#[derive(Debug, Clone)]
pub struct Form<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for Form<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let ctx = page_ctx(&mut parts, state).await;
        // A form of text fields only: the router's own bound is there for photos.
        let Ok(bytes) = axum::body::to_bytes(body, FORM_LIMIT).await else {
            return Err(bad_request(&ctx));
        };
        let refused = input_text::form_errors(&bytes);
        if !refused.is_empty() {
            return Err(refused_fields(&ctx, &refused));
        }
        let req = Request::from_parts(parts, Body::from(bytes));
        match axum_extra::extract::Form::<T>::from_request(req, state).await {
            Ok(axum_extra::extract::Form(value)) => Ok(Form(value)),
            Err(e) => {
                tracing::debug!(error = %e, "unreadable form body");
                Err(bad_request(&ctx))
            }
        }
    }
}

/// A query string, read like [`Form`] (repeated names fill a `Vec`), refused with a 400 page,
/// or a 422 page for a control character.
#[derive(Debug, Clone)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<AppState> for Query<T> {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let refused = input_text::form_errors(parts.uri.query().unwrap_or("").as_bytes());
        if !refused.is_empty() {
            return Err(refused_fields(&page_ctx(parts, state).await, &refused));
        }
        // The rejection is not `Send`: log it and drop it before rendering the page.
        let read = axum_extra::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map_err(|e| tracing::debug!(error = %e, "unreadable query string"));
        match read {
            Ok(axum_extra::extract::Query(value)) => Ok(Query(value)),
            Err(()) => Err(bad_request(&page_ctx(parts, state).await)),
        }
    }
}

async fn page_ctx(parts: &mut Parts, state: &AppState) -> PageCtx {
    match PageCtx::from_request_parts(parts, state).await {
        Ok(ctx) => ctx,
        Err(never) => match never {},
    }
}

/// Whether a checkbox value means "ticked": browsers send the field only when it is ticked
/// (usually `on`); `""`, `0`, `false` and `off` are read as unticked for hand-made requests.
pub fn is_checked(value: Option<&str>) -> bool {
    value.is_some_and(|v| !matches!(v.trim(), "" | "0" | "false" | "off"))
}

/// Serde helper for a checkbox field: `#[serde(default, deserialize_with = "checkbox")]`.
pub fn checkbox<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let value = Option::<String>::deserialize(d)?;
    Ok(is_checked(value.as_deref()))
}

/// A 303 redirect: after a form post, the browser fetches `path` with GET.
pub fn see_other(path: &str) -> Response {
    Redirect::to(path).into_response()
}

/// `next` if it is a path on this site, else `/`: never `//host`, `/\host`, a scheme or
/// control characters, so a link cannot send someone elsewhere after signing in.
pub fn safe_next(next: &str) -> String {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control() || c == '\\');
    if local {
        next.to_owned()
    } else {
        "/".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next("/account"), "/account");
        assert_eq!(
            safe_next("/search?q=robe&brand=x"),
            "/search?q=robe&brand=x"
        );
        for bad in [
            "",
            "account",
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "/a\nb",
        ] {
            assert_eq!(safe_next(bad), "/", "{bad:?}");
        }
    }

    #[test]
    fn checkboxes_read_as_browsers_send_them() {
        assert!(is_checked(Some("on")));
        assert!(is_checked(Some("1")));
        assert!(!is_checked(None));
        assert!(!is_checked(Some("")));
        assert!(!is_checked(Some("off")));
    }
}
