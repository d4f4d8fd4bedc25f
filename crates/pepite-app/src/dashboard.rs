//! The back office's dashboard (A1, A4): for the roles a staff member holds, the queues
//! waiting for them now and the last 30 days, day by day (Europe/Paris days, from the Clock).

use jiff::ToSpan;
use jiff::tz::TimeZone;
use pepite_domain::account::Role;
use pepite_domain::time::{DAY_US, from_micros};
use pepite_store::dashboard::{self as store, Day, Queues, Series};

use crate::accounts::Principal;
use crate::{App, AppError};

/// How many days the charts cover, today included.
pub const DAYS: usize = 30;

/// What one staff member is shown: queues and series their roles do not open are `None`.
#[derive(Debug, Clone)]
pub struct Dashboard {
    /// The instant each day begins, oldest first (`DAYS` of them).
    pub days: Vec<i64>,
    pub queues: Queues,
    pub support: bool,
    pub workshop: bool,
    pub finance: bool,
    pub admin: bool,
    /// Orders paid: count and total (finance, customer service).
    pub sales: Option<Vec<Day>>,
    /// Orders placed (every staff member).
    pub orders: Vec<Day>,
    /// Offers made and accepted (customer service).
    pub offers: Option<(Vec<Day>, Vec<Day>)>,
    /// Messages sent and given up on (customer service).
    pub mails: Option<(Vec<Day>, Vec<Day>)>,
    /// Jobs given up on (admins).
    pub jobs: Option<Vec<Day>>,
}

/// Europe/Paris, where the team reads its days (UTC only if the zone database lacked it).
pub(crate) fn paris() -> TimeZone {
    TimeZone::get("Europe/Paris").unwrap_or(TimeZone::UTC)
}

/// The instants the last `days` Paris days begin, and the one after today ends: `days + 1`
/// increasing boundaries. A day is civil (23 or 25 hours when the clocks change).
pub fn paris_days(now: i64, days: usize) -> Vec<i64> {
    let paris = paris();
    let today = from_micros(now).to_zoned(paris.clone()).date();
    (0..=days as i64)
        .rev()
        .map(|back| {
            let date = today.checked_add((1 - back).days()).unwrap_or(today);
            date.to_zoned(paris.clone())
                .map(|z| z.timestamp().as_microsecond())
                // A date jiff cannot place (never for real dates): a day of 24 hours.
                .unwrap_or(now - back * DAY_US)
        })
        .collect()
}

/// A4: any staff member; each part only for the roles it needs.
pub async fn dashboard(app: &App, who: &Principal) -> Result<Dashboard, AppError> {
    if !who.is_staff() {
        return Err(AppError::Forbidden);
    }
    let now = app.now_us().await?;
    let policy = app.policy_now().await?;
    let bounds = paris_days(now, DAYS);
    let queues = store::queues(&app.db, now - policy.workshop_late_days * DAY_US, now).await?;
    let series = |s| store::daily(&app.db, s, &bounds);
    let support = who.has(Role::CustomerService);
    let finance = who.has(Role::Finance);
    let admin = who.has(Role::Admin);
    Ok(Dashboard {
        sales: if support || finance {
            Some(series(Series::Sales).await?)
        } else {
            None
        },
        orders: series(Series::Orders).await?,
        offers: if support {
            Some((
                series(Series::OffersMade).await?,
                series(Series::OffersAccepted).await?,
            ))
        } else {
            None
        },
        mails: if support {
            Some((
                series(Series::MailsSent).await?,
                series(Series::MailsFailed).await?,
            ))
        } else {
            None
        },
        jobs: if admin {
            Some(series(Series::JobsFailed).await?)
        } else {
            None
        },
        days: bounds[..DAYS].to_vec(),
        queues,
        support,
        workshop: who.has(Role::Workshop),
        finance,
        admin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paris_days_end_tomorrow_and_follow_the_clock_change() {
        // 2026-10-26 12:00 UTC; the clocks went back on Sunday 25 October.
        let now = 1_793_016_000_000_000;
        let bounds = paris_days(now, 3);
        assert_eq!(bounds.len(), 4);
        // 24, 25 and 26 October: the 25th lasts 25 hours in Paris, the others 24.
        assert_eq!(bounds[1] - bounds[0], DAY_US);
        assert_eq!(bounds[2] - bounds[1], 25 * 3_600_000_000);
        assert!(bounds[2] <= now && now < bounds[3], "today is the last day");
    }
}
