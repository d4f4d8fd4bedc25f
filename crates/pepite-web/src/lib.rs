//! Pépite's HTTP face: the JSON API under `/api/v1` (with its OpenAPI document), the
//! server-rendered pages in French and English, and the operational endpoints.

pub mod api;
pub mod auth;
pub mod documents;
pub mod emails;
pub mod forwarded;
pub mod headers;
pub mod i18n;
pub mod input_text;
pub mod notices;
pub mod ops;
pub mod pages;
pub mod problem;
pub mod shop;
pub mod value_names;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use pepite_app::App;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::csrf::CsrfLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The address people reach Pépite at; `https://…` turns on `Secure` cookies with the
    /// `__Host-` prefix.
    pub public_url: String,
    /// Our reverse proxies, whose `X-Forwarded-For` names the client (see `forwarded`); None
    /// when Pépite faces the network itself and the header is ignored.
    pub trusted_proxies: Option<forwarded::TrustedProxies>,
    /// Demo accounts to show on the sign-in page (demo mode only).
    pub demo_accounts: Vec<(String, String)>,
    /// The bearer token that opens `/metrics` on this router; without it `/metrics` is not
    /// served here (see `ops::metrics_router` for a listener of its own).
    pub metrics_token: Option<String>,
}

impl WebConfig {
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            public_url: "http://127.0.0.1:8080".into(),
            trusted_proxies: None,
            demo_accounts: vec![],
            metrics_token: None,
        }
    }
}

/// What every handler receives.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub config: Arc<WebConfig>,
}

/// The usual limit of a body that carries a file: a 10 MB photo plus the multipart envelope.
/// Routes that read a body lower or raise it with `DefaultBodyLimit`.
const BODY_LIMIT: usize = 11 * 1024 * 1024;

/// The body limit of a seller's form of several photos at once, each also within the policy's
/// own limit; the router's outer bound, since no route allows more.
pub const PHOTOS_FORM_LIMIT: usize = 64 * 1024 * 1024;

/// The whole application: API, pages, operational endpoints and the middleware around them.
pub fn router(app: App, config: WebConfig) -> Router {
    let state = AppState {
        app,
        config: Arc::new(config),
    };
    let x_request_id = HeaderName::from_static("x-request-id");
    Router::new()
        .merge(api::router(state.clone()))
        .merge(pages::router(state.clone()))
        .merge(ops::router(state.clone()))
        .merge(
            Router::new()
                .fallback(pages::not_found)
                .with_state(state.clone()),
        )
        .layer(axum::middleware::from_fn(ops::record_metrics))
        .layer(CsrfLayer::new())
        .layer(RequestBodyLimitLayer::new(PHOTOS_FORM_LIMIT))
        // Pages and JSON are small: the fastest level saves most bytes for the least CPU.
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Fastest))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("referrer-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        .layer(axum::middleware::from_fn(pages::dress_bare_errors))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            headers::protect,
        ))
        .layer(TraceLayer::new_for_http())
        .layer(PropagateRequestIdLayer::new(x_request_id.clone()))
        .layer(SetRequestIdLayer::new(x_request_id, MakeRequestUuid))
        .layer(CatchPanicLayer::new())
}
