//! The stylesheets, the one script and the icon, compiled into the binary so one file is the whole program.

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::AppState;

const CSS: &str = include_str!("../../static/pepite.css");
const TOOLS_CSS: &str = include_str!("../../static/tools.css");
const SCRIPT: &str = include_str!("../../static/pepite.js");
const ICON: &str = include_str!("../../static/icon.svg");

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/static/pepite.css",
            get(|| async { asset("text/css; charset=utf-8", CSS) }),
        )
        .route(
            "/static/tools.css",
            get(|| async { asset("text/css; charset=utf-8", TOOLS_CSS) }),
        )
        .route(
            "/static/pepite.js",
            get(|| async { asset("text/javascript; charset=utf-8", SCRIPT) }),
        )
        .route(
            "/static/icon.svg",
            get(|| async { asset("image/svg+xml", ICON) }),
        )
}

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
}
