//! Server-rendered pages in French and English.

use axum::Router;

use crate::AppState;

pub fn router(state: AppState) -> Router {
    Router::new().with_state(state)
}
