//! Days and hours as staff and sellers read and type them: the Europe/Paris calendar, whatever
//! the server's own time zone. Instants stay microseconds everywhere else.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use pepite_domain::time::from_micros;

pub(super) fn paris() -> TimeZone {
    TimeZone::get("Europe/Paris").unwrap_or(TimeZone::UTC)
}

/// The instant a Paris day begins ("2026-12-24" → its midnight), or None if it is no date.
pub(in crate::pages) fn day_start_us(day: &str) -> Option<i64> {
    let date: Date = day.trim().parse().ok()?;
    Some(date.to_zoned(paris()).ok()?.timestamp().as_microsecond())
}

/// The instant the day after a Paris day begins: the exclusive end of "valid until that day".
pub(super) fn day_end_us(day: &str) -> Option<i64> {
    let date: Date = day.trim().parse().ok()?;
    day_start_us(&date.tomorrow().ok()?.to_string())
}

/// The Paris day an instant falls in, as a date input holds it ("2026-12-24").
pub(super) fn day_of(us: i64) -> String {
    from_micros(us).to_zoned(paris()).date().to_string()
}

/// "14:05", Paris time.
pub(super) fn hour_of(us: i64) -> String {
    from_micros(us)
        .to_zoned(paris())
        .strftime("%H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_begin_at_paris_midnight_and_until_includes_its_day() {
        // 1 July 2026 is summer time: Paris midnight is 22:00 UTC the day before.
        let start = day_start_us("2026-07-01").unwrap();
        assert_eq!(start, 1_782_856_800_000_000);
        assert_eq!(day_end_us("2026-07-01").unwrap() - start, 86_400_000_000);
        assert_eq!(day_of(start), "2026-07-01");
        assert_eq!(day_of(day_end_us("2026-07-01").unwrap() - 1), "2026-07-01");
        assert_eq!(hour_of(start), "00:00");
        assert_eq!(day_start_us("01/07/2026"), None);
    }
}
