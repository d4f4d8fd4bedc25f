//! Limits on attempts, counted in the database so that they hold across every instance: a
//! fixed window per bucket, one upsert per attempt (`pepite_store::throttle`).

use pepite_store::throttle as store;

use crate::{App, AppError};

const MINUTE_US: i64 = 60_000_000;
const HOUR_US: i64 = 60 * MINUTE_US;

/// At most `attempts` per window of `window_us`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub attempts: i64,
    pub window_us: i64,
}

/// Accounts opened from one network address: a household or an office opens a few; a script
/// opening hundreds is stopped.
pub const SIGN_UPS_PER_ADDRESS: Limit = Limit {
    attempts: 20,
    window_us: HOUR_US,
};
/// Offers made by one buyer (each one notifies a seller, N4).
pub const OFFERS_PER_BUYER: Limit = Limit {
    attempts: 30,
    window_us: HOUR_US,
};
/// Gift-card balance checks from one network address (G2): enough for a person's cards,
/// far too few to guess codes.
pub const BALANCE_CHECKS_PER_ADDRESS: Limit = Limit {
    attempts: 30,
    window_us: HOUR_US,
};

/// The window an attempt at `now` falls in.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub start: i64,
    pub retry_after_s: i64,
}

impl Limit {
    /// The password guesses the policy allows per account or address, per its window.
    pub fn per_minutes(attempts: i64, minutes: i64) -> Limit {
        Limit {
            attempts,
            window_us: minutes.max(1) * MINUTE_US,
        }
    }

    pub fn window(&self, now: i64) -> Window {
        let start = now - now.rem_euclid(self.window_us);
        Window {
            start,
            retry_after_s: (start + self.window_us - now) / 1_000_000 + 1,
        }
    }
}

/// Counts one attempt in `bucket`; past the limit the answer is `Throttled` (and the attempt
/// still counts, so hammering does not reopen the window).
pub async fn count(app: &App, bucket: &str, limit: Limit, now: i64) -> Result<Window, AppError> {
    count_n(app, bucket, limit, 1, now).await
}

/// Counts `n` units at once (megabytes of files, say), like [`count`].
pub async fn count_n(
    app: &App,
    bucket: &str,
    limit: Limit,
    n: i64,
    now: i64,
) -> Result<Window, AppError> {
    let window = limit.window(now);
    let hits = store::hit_n(&app.db, bucket, window.start, n).await?;
    if hits > limit.attempts {
        return Err(AppError::Throttled {
            retry_after_s: window.retry_after_s,
        });
    }
    Ok(window)
}

/// Forgets a bucket's count for the current window (a right password clears its account's).
pub async fn clear(app: &App, bucket: &str, window: Window) -> Result<(), AppError> {
    Ok(store::clear(&app.db, bucket, window.start).await?)
}

/// The bucket of password guesses at one account, whether at sign-in or when changing it.
pub fn account_bucket(email: &str) -> String {
    format!("signin:account:{}", email.trim().to_lowercase())
}
