//! Files in a conversation (S1, A4, issue 13 item 1): photos and PDFs, held to piece photos'
//! size limit. A photo is decoded under the same limits and re-encoded (which drops EXIF and
//! GPS metadata); a PDF must look like one and carry no script or embedded file. Files are
//! stored before the message that names them, under `support/` (never under `photos/`, which
//! anyone may fetch); a refused message deletes them. A download follows its message: the
//! person gets those of their conversation's public messages, staff every one.

use std::fmt;

use pepite_domain::FieldErrors;
use pepite_domain::account::Role;
use pepite_store::Tx;
use pepite_store::support::attachments::{self as store, AttachmentRow, NewAttachment};

use super::{Asker, theirs};
use crate::accounts::Principal;
use crate::photos::{VARIANTS, check_upload, decode_upright, encode_within, new_storage_key};
use crate::throttle::{self, Limit};
use crate::{App, AppError};

/// The most files one message carries.
pub const PER_MESSAGE: usize = 5;
/// The longest file name kept, in characters.
const NAME_MAX: usize = 120;
/// The form and API field that carries files.
pub const FIELD: &str = "files";
/// Megabytes of files one person (or visitor's address) may send a day, counted as sent,
/// before any check: a case's photos and documents, not a place to store files.
pub const MEGABYTES_PER_DAY: Limit = Limit {
    attempts: 50,
    window_us: 24 * 3_600_000_000,
};
/// The longest side of a kept photo: that of a piece photo's largest size.
const PHOTO_SIDE: u32 = VARIANTS[0].1;

/// A file as sent, before any check.
#[derive(Clone, Default)]
pub struct Upload {
    /// The name the sender's device gave it.
    pub name: String,
    pub bytes: Vec<u8>,
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Upload({:?}, {} bytes)", self.name, self.bytes.len())
    }
}

/// A file checked and stored, not yet named by any message.
#[derive(Debug)]
pub struct Prepared {
    key: String,
    name: String,
    content_type: &'static str,
    size: i64,
}

/// What a file turned out to be.
enum Kind {
    Photo,
    Pdf,
}

fn kind(bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"%PDF-") {
        Kind::Pdf
    } else {
        Kind::Photo
    }
}

/// Names in a PDF that make it act rather than show: scripts, launching programs, files
/// hidden inside (`/EmbeddedFiles` too). A support file has no use for them.
const PDF_ACTIVE: &[&[u8]] = &[b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile"];

/// A PDF that ends like one and carries nothing active; `/JS` only counts as a whole name
/// (`/JSON` is not `/JS`).
fn check_pdf(bytes: &[u8]) -> Result<(), AppError> {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(AppError::field(FIELD, "unreadable_pdf"));
    }
    let ends_name =
        |b: Option<&u8>| b.is_none_or(|c| !c.is_ascii_alphanumeric() && *c != b'_' && *c != b'#');
    for name in PDF_ACTIVE {
        let found = bytes
            .windows(name.len())
            .enumerate()
            .any(|(i, w)| w == *name && (*name != b"/JS" || ends_name(bytes.get(i + name.len()))));
        if found {
            return Err(AppError::field(FIELD, "active_pdf"));
        }
    }
    Ok(())
}

/// The name offered on download: no folders, no control or quoting characters, the
/// extension of what is stored.
fn clean_name(raw: &str, extension: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let stem: String = stem
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\\' | ';'))
        .take(NAME_MAX)
        .collect();
    let stem = stem.trim();
    let stem = if stem.is_empty() { "file" } else { stem };
    format!("{stem}.{extension}")
}

/// The photo checks name the single `photo` field; a message's files are `files`.
fn as_files_error(e: AppError) -> AppError {
    match e {
        AppError::Invalid(mut errors) => {
            for f in &mut errors.0 {
                if f.field == "photo" {
                    f.field = FIELD.into();
                }
            }
            AppError::Invalid(errors)
        }
        other => other,
    }
}

/// S1: checks and stores one file.
pub(super) async fn prepare_one(app: &App, upload: Upload) -> Result<Prepared, AppError> {
    let policy = app.policy_now().await?;
    check_upload(&policy, &upload.bytes).map_err(as_files_error)?;
    let (bytes, content_type, extension) = match kind(&upload.bytes) {
        Kind::Pdf => {
            check_pdf(&upload.bytes)?;
            (upload.bytes, "application/pdf", "pdf")
        }
        Kind::Photo => {
            // The largest size kept of a piece photo is plenty to show a defect or a label;
            // only that one is encoded.
            let large = tokio::task::spawn_blocking(move || {
                let upright = decode_upright(&upload.bytes)?;
                encode_within(&upright, PHOTO_SIDE)
            })
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
            .map_err(|e| match e {
                // Neither a PDF nor an image we read: say both are accepted.
                AppError::Invalid(errors)
                    if errors.0.iter().any(|f| f.code == "unsupported_format") =>
                {
                    AppError::field(FIELD, "unsupported_attachment")
                }
                other => as_files_error(other),
            })?;
            (large, "image/jpeg", "jpg")
        }
    };
    let key = format!("support/{}.{extension}", new_storage_key());
    let size = bytes.len() as i64;
    app.files
        .put(&key, bytes)
        .await
        .map_err(|e| AppError::Internal(format!("storing an attachment: {e}")))?;
    Ok(Prepared {
        key,
        name: clean_name(&upload.name, extension),
        content_type,
        size,
    })
}

/// S1/item 9: counts the megabytes of a message's files against the sender's daily allowance
/// (`Throttled` past it); `who` names the sender's bucket.
pub async fn count_sent(
    app: &App,
    who: &str,
    uploads: &[Upload],
    now: i64,
) -> Result<(), AppError> {
    let bytes: usize = uploads.iter().map(|u| u.bytes.len()).sum();
    if bytes == 0 {
        return Ok(());
    }
    let megabytes = bytes.div_ceil(1024 * 1024) as i64;
    let bucket = format!("support-files:{who}");
    throttle::count_n(app, &bucket, MEGABYTES_PER_DAY, megabytes, now).await?;
    Ok(())
}

/// S1: checks and stores a message's files, one decoded at a time. Nothing is kept of a
/// refused set: the files already stored are deleted.
pub async fn prepare(app: &App, uploads: &[Upload]) -> Result<Vec<Prepared>, AppError> {
    if uploads.len() > PER_MESSAGE {
        let mut e = FieldErrors::new();
        e.add_limit(FIELD, "too_many", PER_MESSAGE as i64);
        return Err(e.into());
    }
    let mut prepared = Vec::with_capacity(uploads.len());
    for upload in uploads {
        match prepare_one(app, upload.clone()).await {
            Ok(p) => prepared.push(p),
            Err(e) => {
                discard(app, prepared).await;
                return Err(e);
            }
        }
    }
    Ok(prepared)
}

/// Deletes the files of a message that was not written; a failure only leaves an unnamed
/// file behind.
pub async fn discard(app: &App, prepared: Vec<Prepared>) {
    for p in prepared {
        if let Err(e) = app.files.delete(&p.key).await {
            tracing::warn!(key = p.key, error = %e, "could not delete an unused attachment");
        }
    }
}

/// Names the prepared files as carried by `message_id`, in the message's transaction.
pub(super) async fn record(
    tx: &mut Tx,
    conversation_id: i64,
    message_id: i64,
    prepared: &[Prepared],
    now: i64,
) -> Result<(), AppError> {
    for p in prepared {
        let row = NewAttachment {
            storage_key: &p.key,
            file_name: &p.name,
            content_type: p.content_type,
            size_bytes: p.size,
        };
        store::add(tx, conversation_id, message_id, &row, now).await?;
    }
    Ok(())
}

/// A stored file's bytes (a row without its file is an internal error, not "not found").
async fn read(app: &App, row: AttachmentRow) -> Result<(AttachmentRow, Vec<u8>), AppError> {
    let bytes = app
        .files
        .get(&row.storage_key)
        .await
        .map_err(|e| AppError::Internal(format!("reading an attachment: {e}")))?
        .ok_or_else(|| AppError::Internal(format!("attachment file missing: {}", row.id)))?;
    Ok((row, bytes))
}

/// A4: a file of the asker's conversation, from a message they may read; anything else is
/// not found.
pub async fn download_as(
    app: &App,
    asker: Asker<'_>,
    conversation_id: i64,
    id: i64,
) -> Result<(AttachmentRow, Vec<u8>), AppError> {
    theirs(app, asker, conversation_id).await?;
    let row = store::one(&app.db, conversation_id, id, false)
        .await?
        .ok_or(AppError::NotFound)?;
    read(app, row).await
}

/// Any file of a conversation, for customer service.
pub async fn download_for_staff(
    app: &App,
    who: &Principal,
    conversation_id: i64,
    id: i64,
) -> Result<(AttachmentRow, Vec<u8>), AppError> {
    who.require(Role::CustomerService)?;
    let row = store::one(&app.db, conversation_id, id, true)
        .await?
        .ok_or(AppError::NotFound)?;
    read(app, row).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s1_a_pdf_must_end_like_one_and_carry_nothing_active() {
        let ok = b"%PDF-1.4\n1 0 obj << /Type /Catalog /JSON 1 >> endobj\n%%EOF\n";
        assert!(check_pdf(ok).is_ok());
        let cut = b"%PDF-1.4\n1 0 obj << /Type /Catalog >>";
        assert!(check_pdf(cut).is_err());
        for active in [
            "/JS (app.alert(1))",
            "/JavaScript",
            "/Launch",
            "/EmbeddedFiles",
        ] {
            let pdf = format!("%PDF-1.4\n1 0 obj << /OpenAction << {active} >> >>\n%%EOF");
            assert!(check_pdf(pdf.as_bytes()).is_err(), "{active}");
        }
    }

    #[test]
    fn s1_a_file_name_keeps_no_folder_nor_quote_and_takes_what_is_stored() {
        assert_eq!(clean_name("C:\\Users\\a\\IMG_01.HEIC", "jpg"), "IMG_01.jpg");
        assert_eq!(clean_name("../../etc/passwd", "pdf"), "passwd.pdf");
        assert_eq!(clean_name("a\"b;\r\nc.pdf", "pdf"), "abc.pdf");
        assert_eq!(clean_name("", "jpg"), "file.jpg");
    }
}
