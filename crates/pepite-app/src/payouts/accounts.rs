//! P1: a shop's payout account: an IBAN that passed its checksum, the holder's name, an
//! optional BIC. Only the shop's own people set or read it (A4); each change is recorded.

use pepite_domain::commerce::{PayoutAccountInput, masked_iban, validate_payout_account};
use pepite_store::commerce::payouts::{self as store, AccountChangeRow, PayoutAccountRow};

use crate::accounts::Principal;
use crate::{App, AppError};

/// A payout account as its shop sees it: the IBAN masked but its last four characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountView {
    pub iban_masked: String,
    pub holder: String,
    pub bic: Option<String>,
    pub updated_at: i64,
}

impl From<PayoutAccountRow> for AccountView {
    fn from(r: PayoutAccountRow) -> Self {
        AccountView {
            iban_masked: masked_iban(&r.iban),
            holder: r.holder,
            bic: r.bic,
            updated_at: r.updated_at,
        }
    }
}

fn shop(who: &Principal) -> Result<i64, AppError> {
    who.seller_id.ok_or(AppError::Forbidden)
}

/// P1: sets (or replaces) the caller's shop's payout account. A wrong checksum is the field
/// error `iban_invalid`; nothing is written then.
pub async fn set_account(
    app: &App,
    who: &Principal,
    input: &PayoutAccountInput,
) -> Result<AccountView, AppError> {
    let seller_id = shop(who)?;
    let valid = validate_payout_account(input)?;
    let row = PayoutAccountRow {
        seller_id,
        iban: valid.iban,
        bic: valid.bic,
        holder: valid.holder,
        updated_at: app.now_us().await?,
    };
    let mut tx = app.db.begin().await?;
    store::set_account(&mut tx, &row, who.user_id).await?;
    tx.commit().await?;
    Ok(row.into())
}

/// The caller's shop's payout account, if given.
pub async fn account(app: &App, who: &Principal) -> Result<Option<AccountView>, AppError> {
    Ok(store::account(&app.db, shop(who)?).await?.map(Into::into))
}

/// The caller's shop's account changes, newest first.
pub async fn account_changes(
    app: &App,
    who: &Principal,
) -> Result<Vec<AccountChangeRow>, AppError> {
    Ok(store::account_changes(&app.db, shop(who)?, 50).await?)
}
