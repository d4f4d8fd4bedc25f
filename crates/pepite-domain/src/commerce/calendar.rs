//! The business-day calendar (RULES preamble, O4): Monday to Friday, French public holidays
//! excluded. Dates are civil dates in Europe/Paris; the caller turns its instant into one.

use jiff::Span;
use jiff::civil::{Date, Weekday};

/// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, "Meeus/Jones/Butcher").
/// Three French holidays move with it.
pub fn easter_sunday(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // month is 3 or 4 and day 1..=31 by construction of the algorithm.
    Date::new(year, month as i8, day as i8).unwrap_or(Date::MIN)
}

/// The eleven national public holidays of France: eight fixed, three after Easter
/// (Easter Monday +1, Ascension +39, Whit Monday +50).
pub fn is_french_holiday(d: Date) -> bool {
    let fixed = matches!(
        (d.month(), d.day()),
        (1, 1) | (5, 1) | (5, 8) | (7, 14) | (8, 15) | (11, 1) | (11, 11) | (12, 25)
    );
    if fixed {
        return true;
    }
    let easter = easter_sunday(d.year());
    [1, 39, 50]
        .iter()
        .any(|&n| easter.checked_add(Span::new().days(n)).ok() == Some(d))
}

/// Monday to Friday and not a French public holiday.
pub fn is_business_day(d: Date) -> bool {
    !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) && !is_french_holiday(d)
}

/// The date `days` business days after `from` (before it when negative); `from` itself never
/// counts, so one business day after a Friday is the next Monday. Zero gives `from` back.
/// Stops at the ends of the calendar rather than failing.
pub fn add_business_days(from: Date, days: i64) -> Date {
    let mut d = from;
    let mut left = days.unsigned_abs();
    while left > 0 {
        let next = if days > 0 {
            d.tomorrow()
        } else {
            d.yesterday()
        };
        match next {
            Ok(n) => d = n,
            Err(_) => return d,
        }
        if is_business_day(d) {
            left -= 1;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn easter_falls_on_the_known_sundays() {
        assert_eq!(easter_sunday(2024), date(2024, 3, 31));
        assert_eq!(easter_sunday(2025), date(2025, 4, 20));
        assert_eq!(easter_sunday(2026), date(2026, 4, 5));
        assert_eq!(easter_sunday(2038), date(2038, 4, 25));
    }

    #[test]
    fn business_days_skip_weekends_and_french_holidays() {
        // 2026: Easter Monday 6 April, Ascension 14 May, Whit Monday 25 May.
        assert!(!is_business_day(date(2026, 4, 6)));
        assert!(!is_business_day(date(2026, 5, 14)));
        assert!(!is_business_day(date(2026, 5, 25)));
        assert!(!is_business_day(date(2026, 7, 14)));
        assert!(!is_business_day(date(2026, 3, 7)), "a Saturday");
        assert!(is_business_day(date(2026, 4, 7)));
        assert!(
            is_business_day(date(2026, 4, 3)),
            "Good Friday is not a national holiday"
        );
    }

    #[test]
    fn adding_business_days_steps_over_weekends_and_holidays() {
        // Friday 3 April 2026 + 1 → Tuesday 7 April (weekend, then Easter Monday).
        assert_eq!(add_business_days(date(2026, 4, 3), 1), date(2026, 4, 7));
        // Wednesday 13 May + 2 → Monday 18 May (Ascension Thursday, Friday, weekend).
        assert_eq!(add_business_days(date(2026, 5, 13), 2), date(2026, 5, 18));
        assert_eq!(add_business_days(date(2026, 5, 13), 0), date(2026, 5, 13));
        assert_eq!(add_business_days(date(2026, 4, 7), -1), date(2026, 4, 3));
        // Christmas 2026 is a Friday: Thursday 24 + 1 → Monday 28.
        assert_eq!(add_business_days(date(2026, 12, 24), 1), date(2026, 12, 28));
    }
}
