//! Alerts on sold pieces (L1): on a sold piece still visible (C4), a signed-in person asks to
//! be told if it is listed again; they are told once, then the alert ends.

use pepite_store::alerts as store;

use crate::accounts::Principal;
use crate::{App, AppError};

/// One of a person's alerts.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Alert {
    pub piece_id: i64,
    pub title: String,
    pub piece_state: String,
    pub created_at: i64,
}

/// L1: sets an alert on a sold piece that is still visible (C4). Setting it twice is harmless;
/// the person who bought the piece gets none (`alert_own_purchase`).
pub async fn set(app: &App, who: &Principal, piece_id: i64) -> Result<(), AppError> {
    // A4: a piece the person may not see (a draft) is missing, not "not sold".
    let (piece, _) = crate::catalog::visible(app, Some(who), piece_id).await?;
    let now = app.now_us().await?;
    let visible_since = app.policy_now().await?.sold_visible_since(now);
    if piece.state != "sold" || piece.sold_at.is_none_or(|at| at < visible_since) {
        return Err(AppError::Conflict("alert_piece_not_sold"));
    }
    if bought(app, who, piece_id).await? {
        return Err(AppError::Conflict("alert_own_purchase"));
    }
    store::set(&app.db, piece_id, who.user_id, now).await?;
    Ok(())
}

/// Removes one's alert on a piece.
pub async fn remove(app: &App, who: &Principal, piece_id: i64) -> Result<(), AppError> {
    if !store::remove(&app.db, piece_id, who.user_id).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Whether the person bought this piece (no bell for them: it is theirs).
pub async fn bought(app: &App, who: &Principal, piece_id: i64) -> Result<bool, AppError> {
    Ok(store::bought(&app.db, piece_id, who.user_id).await?)
}

/// Whether the person has an alert on this piece (the bell shows as set).
pub async fn is_set(app: &App, who: &Principal, piece_id: i64) -> Result<bool, AppError> {
    Ok(store::has(&app.db, piece_id, who.user_id).await?)
}

/// The person's alerts, newest first.
pub async fn mine(app: &App, who: &Principal) -> Result<Vec<Alert>, AppError> {
    Ok(store::of_user(&app.db, who.user_id)
        .await?
        .into_iter()
        .map(|(piece_id, title, piece_state, created_at)| Alert {
            piece_id,
            title,
            piece_state,
            created_at,
        })
        .collect())
}
