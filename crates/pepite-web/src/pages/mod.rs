//! Server-rendered pages in French and English. Every page works without JavaScript:
//! forms post, then redirect (303) to a page that shows the result.

mod ctx;
mod error;
mod static_files;

pub use ctx::{FormErrors, PageCtx, render};
pub use error::PageError;

use axum::Router;

use crate::AppState;

pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(static_files::router())
        .with_state(state)
}
