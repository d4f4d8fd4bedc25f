//! The back office's dashboard: what staff must handle now (one row of counts), and what
//! happened each day (set-based `GROUP BY` over day boundaries the caller computes from the
//! clock, so both backends bucket identically without their differing date functions).

use sqlx::FromRow;

use crate::db::{on_db, values_list};
use crate::{Db, StoreError};

/// The queues waiting for someone, counted now.
#[derive(Debug, Clone, Default, FromRow)]
pub struct Queues {
    /// Paid, live orders with a seller's parcel not yet shipped (F1).
    pub orders_to_ship: i64,
    /// Grouped pieces not received at the workshop, of orders paid before the late limit.
    pub late_lines: i64,
    /// Grouped orders the workshop still has to check, pack or ship (F2).
    pub workshop_orders: i64,
    /// Accepted returns with a piece travelling back to the workshop, not yet received (R5).
    pub returns_to_receive: i64,
    /// Parcels reported lost or refused with no decision yet (F7).
    pub lost_parcels: i64,
    /// Offers open and not yet past their answer time (N3).
    pub offers_waiting: i64,
    /// Messages that could not be sent (E1).
    pub failed_mails: i64,
    /// Jobs whose attempts are spent.
    pub failed_jobs: i64,
    /// Payout runs exported and not yet confirmed paid (P1).
    pub payouts_to_confirm: i64,
    /// Conversations waiting on customer service's answer (S1).
    pub support_open: i64,
}

/// Counts every queue in one statement. `late_paid_before`: an order paid at or before it has
/// late pieces if they did not arrive; `now` decides which offers still wait.
pub async fn queues(db: &Db, late_paid_before: i64, now: i64) -> Result<Queues, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, Queues>(
        "SELECT
           (SELECT COUNT(*) FROM orders o WHERE o.state = 'paid' AND o.cancelled_at IS NULL
              AND EXISTS (SELECT 1 FROM order_parcels op WHERE op.order_id = o.id
                          AND op.seller_id IS NOT NULL AND op.shipped_at IS NULL)) AS orders_to_ship,
           (SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id
              WHERE l.ship_to = 'workshop' AND o.state = 'paid' AND o.cancelled_at IS NULL
                AND o.dispatched_at IS NULL AND l.arrived_at IS NULL AND l.withdrawn_at IS NULL
                AND o.paid_at <= $1) AS late_lines,
           (SELECT COUNT(*) FROM orders o WHERE o.state = 'paid' AND o.mode = 'grouped'
              AND o.cancelled_at IS NULL AND o.dispatched_at IS NULL) AS workshop_orders,
           (SELECT COUNT(*) FROM returns r WHERE r.state = 'accepted'
              AND EXISTS (SELECT 1 FROM return_lines rl JOIN return_parcels rp
                            ON rp.return_id = rl.return_id AND rp.parcel = rl.parcel
                          WHERE rl.return_id = r.id AND rp.seller_id IS NULL
                            AND rl.received_at IS NULL)) AS returns_to_receive,
           (SELECT COUNT(*) FROM parcel_reports WHERE decision IS NULL) AS lost_parcels,
           (SELECT COUNT(*) FROM offers WHERE state = 'open' AND answer_by > $2) AS offers_waiting,
           (SELECT COUNT(*) FROM notifications WHERE state = 'dead') AS failed_mails,
           (SELECT COUNT(*) FROM jobs WHERE state = 'dead') AS failed_jobs,
           (SELECT COUNT(*) FROM payouts WHERE state = 'exported') AS payouts_to_confirm,
           (SELECT COUNT(*) FROM support_conversations WHERE state = 'open') AS support_open")
        .bind(late_paid_before).bind(now).fetch_one(p).await)?)
}

/// One daily series: which rows count, and when each happened.
#[derive(Debug, Clone, Copy)]
pub enum Series {
    /// Orders paid (count, total paid).
    Sales,
    /// Orders placed, paid or not.
    Orders,
    OffersMade,
    /// Offers the seller accepted, by the day of the answer (bought since, or not yet).
    OffersAccepted,
    MailsSent,
    /// Messages given up on, by the day they were written (no death time is kept).
    MailsFailed,
    /// Jobs given up on, by the day of their last attempt.
    JobsFailed,
}

impl Series {
    /// (table, time column, amount expression, filter); the table is aliased `t`.
    fn parts(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            Series::Sales => ("orders", "paid_at", "t.total_cents", "t.state = 'paid'"),
            Series::Orders => ("orders", "created_at", "0", "1 = 1"),
            Series::OffersMade => ("offers", "created_at", "t.amount_cents", "1 = 1"),
            Series::OffersAccepted => (
                "offers",
                "decided_at",
                "t.amount_cents",
                "t.state IN ('accepted', 'bought')",
            ),
            Series::MailsSent => ("notifications", "sent_at", "0", "t.state = 'sent'"),
            Series::MailsFailed => ("notifications", "created_at", "0", "t.state = 'dead'"),
            Series::JobsFailed => ("jobs", "finished_at", "0", "t.state = 'dead'"),
        }
    }
}

/// One day of a series: its number (0 = the first boundary's day), rows and their amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromRow)]
pub struct Day {
    pub day: i64,
    pub count: i64,
    pub amount_cents: i64,
}

/// `series` per day between consecutive `bounds` (instants, increasing: n + 1 of them for n
/// days), every day listed, empty ones with zeros.
pub async fn daily(db: &Db, series: Series, bounds: &[i64]) -> Result<Vec<Day>, StoreError> {
    let (table, at, amount, filter) = series.parts();
    daily_of(db, table, at, amount, filter, bounds, None).await
}

/// Rows of `from` (aliased `t`) per day by their `at` instant, where `filter` holds; a
/// `$param` in `filter` is bound to `param` (the trade-in dashboard's programme).
pub(crate) async fn daily_of(
    db: &Db,
    from: &str,
    at: &str,
    amount: &str,
    filter: &str,
    bounds: &[i64],
    param: Option<i64>,
) -> Result<Vec<Day>, StoreError> {
    let days = bounds.len().saturating_sub(1);
    if days == 0 {
        return Ok(Vec::new());
    }
    let filter = filter.replace("$param", &format!("${}", days * 3 + 1));
    let sql = sqlx::AssertSqlSafe(format!(
        "WITH days (d, starts, ends) AS (VALUES {})
         SELECT days.d AS day, COUNT(t.{at}) AS count,
                CAST(COALESCE(SUM(CASE WHEN t.{at} IS NULL THEN 0 ELSE {amount} END), 0) AS BIGINT)
                  AS amount_cents
         FROM days LEFT JOIN {from} t ON t.{at} >= days.starts AND t.{at} < days.ends AND {filter}
         GROUP BY days.d ORDER BY days.d",
        values_list(days, 3)
    ));
    on_db!(db, p => {
        let mut q = sqlx::query_as::<_, Day>(sql);
        for (day, pair) in bounds.windows(2).enumerate() {
            q = q.bind(day as i64).bind(pair[0]).bind(pair[1]);
        }
        if let Some(v) = param {
            q = q.bind(v);
        }
        q.fetch_all(p).await
    })
    .map_err(Into::into)
}
