//! Staff's internal notes on an order (issue 11, item 6): any staff member whose work needs
//! every order writes and reads them; buyers and sellers never see them, and to them the notes
//! do not exist (A4). A note is free text of one to 2,000 characters, line breaks allowed.

use pepite_domain::FieldErrors;
use pepite_domain::fields::{self, FieldError};
use pepite_store::commerce::order_notes as store;
pub use pepite_store::commerce::order_notes::NoteRow;
use pepite_store::commerce::orders;

use crate::accounts::Principal;
use crate::orders::sees_every_order;
use crate::{App, AppError};

/// The longest note, in characters.
pub const NOTE_MAX_CHARS: usize = 2_000;

/// A note's text as kept: trimmed, present, at most [`NOTE_MAX_CHARS`], and free of control
/// characters other than tabs and line breaks (refused as `control_character`).
pub fn note_text(raw: &str) -> Result<String, FieldError> {
    if fields::has_control(raw, true) {
        return Err(FieldError::new("message", "control_character"));
    }
    fields::text("message", raw, NOTE_MAX_CHARS)
}

/// `who` writes `raw` on order `order_id`, at the Clock's time; the note's id.
pub async fn add(app: &App, who: &Principal, order_id: i64, raw: &str) -> Result<i64, AppError> {
    if !sees_every_order(who) {
        return Err(AppError::Forbidden);
    }
    orders::by_id(&app.db, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let body = note_text(raw).map_err(|e| AppError::Invalid(FieldErrors(vec![e])))?;
    let now = app.now_us().await?;
    Ok(store::add(&app.db, order_id, who.user_id, &body, now).await?)
}

/// The notes of order `order_id`, newest first, for staff only.
pub async fn of_order(app: &App, who: &Principal, order_id: i64) -> Result<Vec<NoteRow>, AppError> {
    if !sees_every_order(who) {
        return Err(AppError::Forbidden);
    }
    Ok(store::of_order(&app.db, order_id).await?)
}
