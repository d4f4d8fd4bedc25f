//! Finance (P2): the ledger's accounts with their derived balances and postings, for staff,
//! named by their shops where they are a seller's, and the entries of a date range to export.

use std::collections::HashMap;

use pepite_domain::account::Role;
use pepite_domain::commerce::Account;
use pepite_store::commerce::ledger as store;
pub use pepite_store::commerce::ledger::EntryRow;

use crate::accounts::Principal;
use crate::{App, AppError};

/// Every account with (balance, number of entries), and the audit: the sum of all entries and
/// the number of unbalanced journals (both must be zero).
pub struct Overview {
    pub accounts: Vec<(String, i64, i64)>,
    /// The shop name of each seller account's seller, by seller id.
    pub shops: HashMap<i64, String>,
    pub total_cents: i64,
    pub unbalanced_journals: i64,
}

pub async fn overview(app: &App, who: &Principal) -> Result<Overview, AppError> {
    who.require(Role::Finance)?;
    let (total_cents, unbalanced_journals) = store::audit(&app.db).await?;
    let accounts = store::accounts(&app.db).await?;
    Ok(Overview {
        shops: shop_names(app, accounts.iter().map(|(key, _, _)| key.as_str())).await?,
        accounts,
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

/// The seller an account belongs to, if it is a seller's.
pub fn seller_of(key: &str) -> Option<i64> {
    match Account::parse(key)? {
        Account::SellerPending(id) | Account::SellerPayable(id) => Some(id),
        _ => None,
    }
}

/// The shop names behind these account keys, by seller id.
async fn shop_names(
    app: &App,
    keys: impl Iterator<Item = &str>,
) -> Result<HashMap<i64, String>, AppError> {
    let mut ids: Vec<i64> = keys.filter_map(seller_of).collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(pepite_store::sellers::names(&app.db, &ids)
        .await?
        .into_iter()
        .collect())
}

/// The most entries one export holds; a longer range is refused (`export_too_large`) rather
/// than cut short without saying so.
pub const EXPORT_LIMIT: i64 = 100_000;

/// The instants a range of Paris days begins and ends, both days included ("2026-12-01" to
/// "2026-12-31" is December): field errors name the day that is no date, or a `to` before
/// `from`.
fn paris_days(from: &str, to: &str) -> Result<(i64, i64), AppError> {
    let start = |field: &str, day: &str, after: i64| {
        day.trim()
            .parse::<jiff::civil::Date>()
            .ok()
            .and_then(|d| d.checked_add(jiff::Span::new().days(after)).ok())
            .and_then(|d| d.to_zoned(crate::dashboard::paris()).ok())
            .map(|z| z.timestamp().as_microsecond())
            .ok_or_else(|| AppError::field(field, "invalid_date"))
    };
    let (from_us, to_us) = (start("from", from, 0)?, start("to", to, 1)?);
    if to_us <= from_us {
        return Err(AppError::field("to", "out_of_range"));
    }
    Ok((from_us, to_us))
}

/// The ledger's entries written from Paris day `from` to Paris day `to` included, journal by
/// journal, with the shop names of seller accounts (finance's CSV export).
pub async fn journal(
    app: &App,
    who: &Principal,
    from: &str,
    to: &str,
) -> Result<(Vec<EntryRow>, HashMap<i64, String>), AppError> {
    who.require(Role::Finance)?;
    let (from, to) = paris_days(from, to)?;
    let rows = store::entries_between(&app.db, from, to, EXPORT_LIMIT + 1).await?;
    if rows.len() as i64 > EXPORT_LIMIT {
        return Err(AppError::Conflict("export_too_large"));
    }
    let shops = shop_names(app, rows.iter().map(|e| e.account.as_str())).await?;
    Ok((rows, shops))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_of_paris_days_includes_both_and_refuses_nonsense() {
        // December is winter time: Paris midnight is 23:00 UTC the day before.
        let (from, to) = paris_days("2026-12-01", "2026-12-31").unwrap();
        assert_eq!(from, 1_796_079_600_000_000);
        assert_eq!(to - from, 31 * 86_400_000_000);
        let (day, next) = paris_days("2026-12-02", "2026-12-02").unwrap();
        assert_eq!(next - day, 86_400_000_000);
        let refused = [
            ("yesterday", "2026-12-01", "from"),
            ("2026-12-01", "", "to"),
            ("2026-12-03", "2026-12-01", "to"),
        ];
        for (from, to, field) in refused {
            match paris_days(from, to) {
                Err(AppError::Invalid(e)) => assert!(e.for_field(field).is_some(), "{from} {to}"),
                other => panic!("{from} {to}: {other:?}"),
            }
        }
    }
}
