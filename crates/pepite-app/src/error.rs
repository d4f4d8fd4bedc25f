//! What a use case can answer besides success. HTTP status codes and translated messages are
//! chosen by the web layer from these.

use pepite_domain::{FieldError, FieldErrors};
use pepite_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The submission has field errors; nothing was written.
    #[error("invalid input: {0}")]
    Invalid(FieldErrors),
    /// Absent, or not the caller's to see (A4: both look the same).
    #[error("not found")]
    NotFound,
    /// The caller must sign in first.
    #[error("authentication required")]
    Unauthenticated,
    /// Signed in, but the action needs a role or a shop the caller does not have.
    #[error("not allowed")]
    Forbidden,
    /// The action conflicts with the current state (stable code for clients).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// K1: pieces someone else bought, or is paying for, first.
    #[error("pieces no longer available: {0:?}")]
    PiecesGone(Vec<GonePiece>),
    /// A service we depend on (the payment provider) did not answer; nothing was charged.
    #[error("unavailable: {0}")]
    Unavailable(&'static str),
    /// Too many attempts; try again after the window.
    #[error("too many attempts")]
    Throttled { retry_after_s: i64 },
    /// This instance is saturated (password hashing); nothing was done, try again shortly.
    #[error("busy")]
    Busy { retry_after_s: i64 },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Internal(String),
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Invalid(e)
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Invalid(FieldErrors(vec![e]))
    }
}

impl AppError {
    /// One field error as an `Invalid`.
    pub fn field(field: &str, code: &'static str) -> Self {
        let mut e = FieldErrors::new();
        e.add(field, code);
        AppError::Invalid(e)
    }

    /// One field error with its limit (a minimum, a maximum) for the message.
    pub fn field_with_limit(field: &str, code: &'static str, limit: i64) -> Self {
        let mut e = FieldErrors::new();
        e.add_limit(field, code, limit);
        AppError::Invalid(e)
    }
}

/// K1: a piece a checkout could not have, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GonePiece {
    pub id: i64,
    pub title: String,
    /// Held by another buyer's payment under way (3-D Secure, a slow provider): not sold, and
    /// on sale again if that payment fails or lapses. Otherwise sold or withdrawn.
    pub held: bool,
}

impl GonePiece {
    /// Whether every piece of a refusal is only held, so nothing is known to be sold.
    pub fn all_held(pieces: &[GonePiece]) -> bool {
        pieces.iter().all(|p| p.held)
    }
}
