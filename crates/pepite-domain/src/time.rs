//! Instants as integer microseconds since the Unix epoch, as the database stores them.

use jiff::Timestamp;

/// Microseconds since the epoch: orderable the same way on both databases.
pub fn to_micros(t: Timestamp) -> i64 {
    t.as_microsecond()
}

/// The inverse of [`to_micros`]; out-of-range values (never written by Pépite) clamp.
pub fn from_micros(us: i64) -> Timestamp {
    Timestamp::from_microsecond(us).unwrap_or(if us < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// One day in microseconds, for absolute windows (C4 counts 14 × 24 h from the sale).
pub const DAY_US: i64 = 86_400_000_000;
