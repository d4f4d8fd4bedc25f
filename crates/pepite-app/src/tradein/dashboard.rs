//! The partner console's dashboard (issue 12, item 9): for a programme its partner runs, the
//! boxes by state and how long the open ones have waited, and over the last 30 Paris days the
//! pieces accepted and refused with the reasons, the credit and vouchers issued, and what
//! each sales channel redeemed.

use pepite_domain::time::DAY_US;
use pepite_store::dashboard::Day;
use pepite_store::tradein::dashboard::{self as store, Series};
pub use pepite_store::tradein::dashboard::{ChannelTotal, Count};

use super::run_by;
use crate::accounts::Principal;
use crate::dashboard::paris_days;
use crate::{App, AppError};

/// The days the dashboard covers.
pub const DAYS: usize = 30;
/// The most refusal reasons listed.
const REASONS: i64 = 10;

/// How long the boxes at the warehouse have waited since arrival: up to 5 days, 6 to 10,
/// 11 to 15, more (T6 gives 15 business days, about three weeks).
pub const AGE_BUCKETS: [(i64, Option<i64>); 4] =
    [(0, Some(5)), (6, Some(10)), (11, Some(15)), (16, None)];

#[derive(Debug, Clone)]
pub struct ProgrammeDashboard {
    /// The instant each day begins.
    pub days: Vec<i64>,
    pub boxes_by_state: Vec<Count>,
    /// Open boxes per `AGE_BUCKETS` entry.
    pub open_by_age: Vec<i64>,
    pub accepted: Vec<Day>,
    pub refused: Vec<Day>,
    pub vouchers: Vec<Day>,
    pub redeemed: Vec<Day>,
    pub reasons: Vec<Count>,
    pub channels: Vec<ChannelTotal>,
}

fn total(days: &[Day]) -> (i64, i64) {
    days.iter()
        .fold((0, 0), |(c, a), d| (c + d.count, a + d.amount_cents))
}

impl ProgrammeDashboard {
    /// Pieces accepted over the period, and the credit they gave.
    pub fn accepted_total(&self) -> (i64, i64) {
        total(&self.accepted)
    }

    pub fn refused_total(&self) -> i64 {
        total(&self.refused).0
    }

    pub fn vouchers_total(&self) -> (i64, i64) {
        total(&self.vouchers)
    }

    pub fn redeemed_total(&self) -> (i64, i64) {
        total(&self.redeemed)
    }
}

/// The bucket of `AGE_BUCKETS` a box waiting `days` whole days falls in.
fn bucket(days: i64) -> usize {
    AGE_BUCKETS
        .iter()
        .position(|(_, max)| max.is_none_or(|m| days <= m))
        .unwrap_or(AGE_BUCKETS.len() - 1)
}

/// The dashboard of programme `id`, for its partner or an admin (NotFound otherwise).
pub async fn dashboard(
    app: &App,
    who: &Principal,
    id: i64,
) -> Result<ProgrammeDashboard, AppError> {
    let p = run_by(app, who, id).await?;
    let id = p.row.id;
    let now = app.now_us().await?;
    let bounds = paris_days(now, DAYS);
    let since = bounds[0];
    let series = |s| store::daily(&app.db, id, s, &bounds);
    let mut open_by_age = vec![0; AGE_BUCKETS.len()];
    for arrived in store::open_arrivals(&app.db, id).await? {
        open_by_age[bucket((now - arrived).max(0) / DAY_US)] += 1;
    }
    Ok(ProgrammeDashboard {
        days: bounds[..DAYS].to_vec(),
        boxes_by_state: store::boxes_by_state(&app.db, id).await?,
        open_by_age,
        accepted: series(Series::Accepted).await?,
        refused: series(Series::Refused).await?,
        vouchers: series(Series::Vouchers).await?,
        redeemed: series(Series::Redeemed).await?,
        reasons: store::refusal_reasons(&app.db, id, since, REASONS).await?,
        channels: store::by_channel(&app.db, id, since).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_boxes_fall_in_the_bucket_of_their_age() {
        assert_eq!(
            [0, 5, 6, 10, 11, 15, 16, 90].map(bucket),
            [0, 0, 1, 1, 2, 2, 3, 3]
        );
    }
}
