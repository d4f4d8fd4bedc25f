//! Finance (P2): the ledger's accounts with their derived balances and postings, for staff.

use pepite_domain::account::Role;
use pepite_store::commerce::ledger as store;
pub use pepite_store::commerce::ledger::EntryRow;

use crate::accounts::Principal;
use crate::{App, AppError};

/// Every account with (balance, number of entries), and the audit: the sum of all entries and
/// the number of unbalanced journals (both must be zero).
pub struct Overview {
    pub accounts: Vec<(String, i64, i64)>,
    pub total_cents: i64,
    pub unbalanced_journals: i64,
}

pub async fn overview(app: &App, who: &Principal) -> Result<Overview, AppError> {
    who.require(Role::Finance)?;
    let (total_cents, unbalanced_journals) = store::audit(&app.db).await?;
    Ok(Overview {
        accounts: store::accounts(&app.db).await?,
        total_cents,
        unbalanced_journals,
    })
}

/// One account's balance and its entries, newest first.
pub async fn account(
    app: &App,
    who: &Principal,
    key: &str,
    before: Option<i64>,
    limit: i64,
) -> Result<(i64, Vec<EntryRow>), AppError> {
    who.require(Role::Finance)?;
    if pepite_domain::commerce::Account::parse(key).is_none() {
        return Err(AppError::NotFound);
    }
    let balance = store::balance(&app.db, key).await?;
    Ok((
        balance,
        store::entries(&app.db, key, before, limit.clamp(1, 200)).await?,
    ))
}
