//! Reading files out of a multipart form. Every failure (no file, a body cut short, a body
//! over the route's limit, a request that is not multipart) is a field error the page shows
//! in the person's language, never a 500.

use axum::extract::Multipart;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::http::StatusCode;
use pepite_domain::FieldError;

/// One part of a form: a text field, or a chosen file of the file field.
pub(in crate::pages) enum Part {
    Text(String, String),
    /// The file's name as the person's device gave it (for messages), and its bytes.
    File(String, Vec<u8>),
}

/// The parts of a multipart form, read one at a time so that only one file is in memory.
pub(in crate::pages) struct Parts {
    multipart: Multipart,
    file_field: &'static str,
    max_mb: i64,
    too_large: &'static str,
}

impl Parts {
    /// A form of several files: a body too large to read is the error `upload_too_large`,
    /// naming the limit `max_mb`.
    pub fn new(
        multipart: Result<Multipart, MultipartRejection>,
        file_field: &'static str,
        max_mb: i64,
    ) -> Result<Self, FieldError> {
        Ok(Parts {
            multipart: multipart.map_err(|_| FieldError::new(file_field, "unreadable_upload"))?,
            file_field,
            max_mb,
            too_large: "upload_too_large",
        })
    }

    /// The next part; a file input left empty (a form sent without choosing a file still
    /// carries it) and parts of other file fields are skipped.
    pub async fn next(&mut self) -> Result<Option<Part>, FieldError> {
        let (file_field, max_mb, code) = (self.file_field, self.max_mb, self.too_large);
        let refused = |e: MultipartError| refused(file_field, code, max_mb, &e);
        loop {
            let Some(field) = self.multipart.next_field().await.map_err(refused)? else {
                return Ok(None);
            };
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            match file_name {
                None => {
                    let text = field.text().await.map_err(refused)?;
                    return Ok(Some(Part::Text(name, text)));
                }
                Some(file_name) if name == file_field => {
                    let bytes = field.bytes().await.map_err(refused)?;
                    if !bytes.is_empty() {
                        return Ok(Some(Part::File(file_name, bytes.to_vec())));
                    }
                }
                Some(_) => {}
            }
        }
    }
}

/// The bytes of the one file of the file field `name` (other fields are skipped).
pub(in crate::pages) async fn read_file(
    multipart: Result<Multipart, MultipartRejection>,
    name: &'static str,
    max_mb: i64,
) -> Result<Vec<u8>, FieldError> {
    let mut parts = Parts::new(multipart, name, max_mb)?;
    parts.too_large = "file_too_large";
    loop {
        match parts.next().await? {
            Some(Part::File(_, bytes)) => return Ok(bytes),
            Some(Part::Text(..)) => {}
            None => return Err(FieldError::new(name, "required")),
        }
    }
}

fn refused(name: &str, code: &'static str, max_mb: i64, e: &MultipartError) -> FieldError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        FieldError::with_limit(name, code, max_mb)
    } else {
        tracing::debug!(error = %e, "unreadable multipart body");
        FieldError::new(name, "unreadable_upload")
    }
}
