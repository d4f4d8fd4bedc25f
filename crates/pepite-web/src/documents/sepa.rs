//! P1: a payout run's SEPA file (`pain.001.001.03`, made by the domain) as a download,
//! for the API and the back office alike.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// The file named `name`, never cached: it holds account numbers.
pub fn sepa_download(name: &str, xml: impl IntoResponse) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/xml".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        xml,
    )
        .into_response()
}
