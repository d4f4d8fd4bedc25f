//! Reading one file out of a multipart form. Every failure (no file, a body cut short, a body
//! over the router's limit, a request that is not multipart) is a field error the page shows
//! in the person's language, never a 500.

use axum::extract::Multipart;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::http::StatusCode;
use pepite_domain::FieldError;

/// The bytes of the file field `name` (other fields are skipped). `max_mb` is the limit the
/// message names when the body was too large to read.
pub(super) async fn read_file(
    multipart: Result<Multipart, MultipartRejection>,
    name: &str,
    max_mb: i64,
) -> Result<Vec<u8>, FieldError> {
    let mut multipart = multipart.map_err(|_| FieldError::new(name, "unreadable_upload"))?;
    loop {
        let field = multipart
            .next_field()
            .await
            .map_err(|e| refused(name, max_mb, &e))?;
        let Some(field) = field else {
            return Err(FieldError::new(name, "required"));
        };
        if field.name() != Some(name) {
            continue;
        }
        let bytes = field.bytes().await.map_err(|e| refused(name, max_mb, &e))?;
        // A form sent without choosing a file still carries the field, empty.
        if bytes.is_empty() {
            return Err(FieldError::new(name, "required"));
        }
        return Ok(bytes.to_vec());
    }
}

fn refused(name: &str, max_mb: i64, e: &MultipartError) -> FieldError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        FieldError::with_limit(name, "file_too_large", max_mb)
    } else {
        tracing::debug!(error = %e, "unreadable multipart body");
        FieldError::new(name, "unreadable_upload")
    }
}
