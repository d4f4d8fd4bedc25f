//! The trade-in programme's use cases (T1–T8): a brand partner sets up a programme and its
//! reference catalogue; a person gets an instant quote, accepts it and sends a box; quality
//! experts inspect it and each accepted piece credits the person's store credit; the person
//! turns credit into vouchers that pay in every channel, and boutiques redeem them by API.

pub mod boxes;
pub mod catalogue;
pub mod channels;
pub mod credit;
pub mod dashboard;
pub mod refurb;

use jiff::civil::Date;
use pepite_domain::account::Role;
use pepite_domain::tradein::ProgrammeRules;
use pepite_store::tradein::programmes as store;
pub use pepite_store::tradein::programmes::ProgrammeRow;

use crate::accounts::Principal;
use crate::{App, AppError};

/// A programme with its rules read.
#[derive(Debug, Clone)]
pub struct Programme {
    pub row: ProgrammeRow,
    pub rules: ProgrammeRules,
}

/// The programme `id`, or NotFound.
pub async fn programme(app: &App, id: i64) -> Result<Programme, AppError> {
    let row = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    read(row)
}

pub(crate) fn read(row: ProgrammeRow) -> Result<Programme, AppError> {
    let rules = serde_json::from_str(&row.rules)
        .map_err(|e| AppError::Internal(format!("programme {} rules unreadable: {e}", row.id)))?;
    Ok(Programme { row, rules })
}

/// Every programme, for the person choosing where to trade in.
pub async fn all(app: &App) -> Result<Vec<Programme>, AppError> {
    store::all(&app.db).await?.into_iter().map(read).collect()
}

/// T1: who runs a programme: its brand partner, or an admin (A4: to others it does not exist).
pub(crate) fn runs(who: &Principal, p: &Programme) -> bool {
    who.roles.contains(&Role::Admin)
        || (who.roles.contains(&Role::BrandPartner) && p.row.partner_id == Some(who.user_id))
}

/// The programme `id` if `who` runs it; NotFound otherwise.
pub async fn run_by(app: &App, who: &Principal, id: i64) -> Result<Programme, AppError> {
    let p = programme(app, id).await?;
    if runs(who, &p) {
        Ok(p)
    } else {
        Err(AppError::NotFound)
    }
}

/// T5/T6: quality experts at the warehouse (and admins).
pub(crate) fn inspects(who: &Principal) -> bool {
    who.has(Role::Workshop)
}

/// The civil date in Europe/Paris at `now_us` (T6 counts Paris business days).
pub fn paris_date(now_us: i64) -> Date {
    pepite_domain::time::from_micros(now_us)
        .to_zoned(crate::dashboard::paris())
        .date()
}
