//! Headers that protect every answer: what a page may load (Content-Security-Policy), HTTPS
//! only (HSTS) when the shop is served over HTTPS, and no copy kept by browsers or proxies of
//! what is personal (`Cache-Control: no-store` on JSON and on anything answered to someone
//! signed in). Public pages and assets keep their own caching.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::CookieJar;

use crate::AppState;
use crate::auth::session_cookie_name;

/// The policy with the given `style-src` sources. Pages run no inline script and load
/// everything from Pépite itself; images may also be `data:` URIs (the API docs' icons).
/// `form-action` is left open on purpose: a 3-D Secure payment is a redirect to the card
/// issuer's page after the checkout form is posted, which `form-action 'self'` would block.
macro_rules! policy {
    ($style:literal) => {
        policy!($style, "'none'")
    };
    ($style:literal, $ancestors:literal) => {
        concat!(
            "default-src 'self'; script-src 'self'; style-src ",
            $style,
            "; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors ",
            $ancestors
        )
    };
}

/// Every page, the API docs included.
pub const CONTENT_SECURITY_POLICY: &str = policy!("'self'");
/// The back office's view of an e-mail, whose HTML (styled inline, as e-mail must be) is shown
/// in a sandboxed frame that inherits the page's policy; scripts stay forbidden.
pub const CONTENT_SECURITY_POLICY_INLINE_STYLES: &str = policy!("'self' 'unsafe-inline'");

/// The chat's pages, which the chat panel of the site's own pages frames (S1).
pub const CONTENT_SECURITY_POLICY_FRAMED: &str = policy!("'self'", "'self'");

/// One year, without sub-domains: other services of the domain may not speak HTTPS.
const HSTS: &str = "max-age=31536000";

/// Adds the policy, HSTS and `no-store` where they apply, leaving headers a handler set alone.
pub async fn protect(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let signed_in = presents_credentials(request.headers(), session_cookie_name(&state));
    let mut response = next.run(request).await;
    let secure = state.config.secure_cookies();
    let headers = response.headers_mut();
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    if secure {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    let personal = signed_in || is_json(headers) || headers.contains_key(header::SET_COOKIE);
    if personal && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// A bearer token or a session cookie: the answer may be about this person.
fn presents_credentials(headers: &HeaderMap, session_cookie: &str) -> bool {
    headers.contains_key(header::AUTHORIZATION)
        || CookieJar::from_headers(headers)
            .get(session_cookie)
            .is_some()
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            t.starts_with("application/json") || t.starts_with("application/problem+json")
        })
}
