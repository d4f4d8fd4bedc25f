//! Policies are data (P3): the values a shop runs with. The marketplace's defaults live here;
//! another shop (the generic store, the trade-in resale shop) runs the same engine with others.

use serde::{Deserialize, Serialize};

use crate::time::DAY_US;

/// The subset of a shop's policy the catalogue and accounts need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// C4: how long a sold piece stays visible, marked sold.
    pub sold_visible_days: i64,
    /// Minimum length of a password (A-rules, OWASP ASVS 2.1.1).
    pub password_min_chars: usize,
    /// Sign-in attempts allowed per account in one window before it is locked for the window.
    pub signin_attempts_per_account: i64,
    /// Sign-in attempts allowed per network address in one window.
    pub signin_attempts_per_address: i64,
    /// Length of the throttling window, in minutes.
    pub signin_window_minutes: i64,
    /// Largest photo accepted, in bytes.
    pub photo_max_bytes: usize,
    /// Most photos per piece.
    pub photos_per_piece: usize,
}

impl Policy {
    /// The vintage marketplace's values (RULES.md, bold defaults).
    pub fn marketplace() -> Self {
        Policy {
            sold_visible_days: 14,
            password_min_chars: 12,
            signin_attempts_per_account: 5,
            signin_attempts_per_address: 30,
            signin_window_minutes: 15,
            photo_max_bytes: 10 * 1024 * 1024,
            photos_per_piece: 12,
        }
    }

    /// C4: pieces sold after this instant are still shown in the catalogue at `now_us`.
    pub fn sold_visible_since(&self, now_us: i64) -> i64 {
        now_us - self.sold_visible_days * DAY_US
    }
}

impl Default for Policy {
    fn default() -> Self {
        Self::marketplace()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c4_sold_pieces_stay_visible_fourteen_days() {
        let p = Policy::marketplace();
        let now = 100 * DAY_US;
        assert_eq!(p.sold_visible_since(now), 86 * DAY_US);
    }
}
