//! People's own data (issue 11, item 8): downloading everything Pépite holds about oneself,
//! and closing one's account (A1, A2, A4).

use pepite_store::notifications::{self, NotificationRow};
use pepite_store::privacy::close::{self, Unsettled};
use pepite_store::privacy::export::{self, PersonData};

use crate::accounts::{Principal, confirm_password};
use crate::{App, AppError};

/// What the download holds: the stored data, and the person's notifications as stored
/// (redacted once sent), for the web layer to compose in their language.
pub struct Export {
    pub data: PersonData,
    pub notifications: Vec<NotificationRow>,
}

/// A4: everything about the caller, read from their own account id only.
pub async fn export(app: &App, who: &Principal) -> Result<Export, AppError> {
    let data = export::person(&app.db, who.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut rows = Vec::new();
    loop {
        let before = rows.last().map(|r: &NotificationRow| r.id);
        let page = notifications::list(&app.db, Some(who.user_id), None, before, 500).await?;
        let last = page.len() < 500;
        rows.extend(page);
        if last {
            break;
        }
    }
    Ok(Export {
        data,
        notifications: rows,
    })
}

/// The field errors naming what still ties the person to others, in the page's order.
fn blocking(u: Unsettled) -> Vec<&'static str> {
    [
        (u.payments, "unpaid_orders"),
        (u.purchases, "undelivered_purchases"),
        (u.returns, "open_returns"),
        (u.sales, "unshipped_sales"),
        (u.payouts, "unpaid_payouts"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(_, code)| code)
    .collect()
}

/// Closes the caller's account after checking their password, in one transaction: the
/// compare-and-set on the account row (`closed_at IS NULL`), then what still blocks it
/// (counted after the row is taken, so an order committed first is seen), then the erasure.
/// Any refusal rolls everything back. Staff accounts are closed by an admin instead, so the
/// platform never loses its last admin this way.
pub async fn close_account(app: &App, who: &Principal, password: &str) -> Result<(), AppError> {
    if who.is_staff() {
        return Err(AppError::field("account", "staff_account"));
    }
    confirm_password(app, who, "password", password).await?;
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    if !close::claim(&mut tx, who.user_id, now).await? {
        return Err(AppError::NotFound);
    }
    let blockers = blocking(close::unsettled(&mut tx, who.user_id, who.seller_id).await?);
    if !blockers.is_empty() {
        let mut errors = pepite_domain::FieldErrors::new();
        for code in blockers {
            errors.add("account", code);
        }
        return Err(errors.into());
    }
    close::erase(&mut tx, who.user_id, who.seller_id, now).await?;
    tx.commit().await?;
    Ok(())
}
