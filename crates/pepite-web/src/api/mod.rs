//! The JSON API under `/api/v1`, its OpenAPI document and its documentation page.

use axum::Router;

use crate::AppState;

pub fn router(state: AppState) -> Router {
    Router::new().with_state(state)
}
