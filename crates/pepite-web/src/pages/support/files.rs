//! A conversation's files for the person who wrote it (S1, A4): only their own
//! conversation's, only those of public messages; anything else is not found. A photo opens
//! in the browser; a PDF is always downloaded, never shown by the site itself.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use pepite_app::support::attachments;
use pepite_store::support::attachments::AttachmentRow;

use super::known;
use crate::AppState;
use crate::pages::buy::parse_id;
use crate::pages::ctx::PageCtx;
use crate::pages::{OrPage, PageError};

/// Where the person downloads file `file` of conversation `conversation`.
pub(super) fn path(conversation: i64, file: i64) -> String {
    format!("/support/conversations/{conversation}/files/{file}")
}

/// A stored file as a response: its type, its name, kept by the browser for the reader only.
pub(crate) fn response(row: &AttachmentRow, bytes: Vec<u8>) -> Response {
    let disposition = if row.content_type == "application/pdf" {
        "attachment"
    } else {
        "inline"
    };
    // The name was cleaned of quotes and control characters when stored; the ASCII form
    // is for old clients, `filename*` carries the accents.
    let ascii: String = row
        .file_name
        .chars()
        .map(|c| if c.is_ascii() { c } else { '_' })
        .collect();
    let encoded: String = form_urlencoded::byte_serialize(row.file_name.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    (
        [
            (header::CONTENT_TYPE, row.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
            ),
            (header::CACHE_CONTROL, "private, max-age=3600".to_owned()),
        ],
        Body::from(bytes),
    )
        .into_response()
}

/// GET `/support/conversations/{id}/files/{file}`.
pub(super) async fn download(
    State(s): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let (id, file) = (parse_id(&ctx, &id)?, parse_id(&ctx, &file)?);
    let (row, bytes) = attachments::download_as(&s.app, known(&ctx, &jar)?, id, file)
        .await
        .or_page(&ctx)?;
    Ok(response(&row, bytes))
}
