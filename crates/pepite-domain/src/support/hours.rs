//! S2: when customer service answers. Opening hours are policy data: windows per weekday in
//! Europe/Paris, French public holidays closed. From an instant they tell whether staff are
//! there, when they next will be (what the chat says outside hours), and when an answer is due
//! after so many opening minutes (what the shared inbox sorts by).

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{ToSpan, Zoned};
use serde::{Deserialize, Serialize};

use crate::commerce::is_french_holiday;
use crate::fields::FieldErrors;
use crate::time::{from_micros, to_micros};

/// How far ahead a next opening is looked for: far longer than any closure (Christmas and
/// New Year's Day with a weekend between are six days).
const SEARCH_DAYS: i64 = 30;

/// One opening window: a weekday (1 = Monday … 7 = Sunday) from `from` to `to` minutes after
/// midnight, Paris time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub weekday: i64,
    pub from_minute: i64,
    pub to_minute: i64,
}

/// S2: customer service's opening hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningHours {
    pub windows: Vec<Window>,
    /// French public holidays are closed days.
    pub closed_on_holidays: bool,
}

impl Default for OpeningHours {
    /// Monday to Friday, 9:30–12:30 and 13:30–18:30, closed on French public holidays.
    fn default() -> Self {
        let windows = (1..=5)
            .flat_map(|weekday| {
                [(570, 750), (810, 1_110)].map(|(from_minute, to_minute)| Window {
                    weekday,
                    from_minute,
                    to_minute,
                })
            })
            .collect();
        OpeningHours {
            windows,
            closed_on_holidays: true,
        }
    }
}

fn paris() -> TimeZone {
    TimeZone::get("Europe/Paris").unwrap_or(TimeZone::UTC)
}

impl OpeningHours {
    /// Every window within one day, each weekday known and no window overlapping another.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::new();
        if self.windows.is_empty() || self.windows.len() > 7 * 8 {
            e.add("support_hours", "out_of_range");
        }
        for (i, w) in self.windows.iter().enumerate() {
            let valid = (1..=7).contains(&w.weekday)
                && (0..1_440).contains(&w.from_minute)
                && w.from_minute < w.to_minute
                && w.to_minute <= 1_440;
            let overlaps = self.windows[..i].iter().any(|o| {
                o.weekday == w.weekday && o.from_minute < w.to_minute && w.from_minute < o.to_minute
            });
            if !valid || overlaps {
                e.add(format!("support_hours.{i}"), "out_of_range");
            }
        }
        e.into_result(())
    }

    /// The day's windows, in order (none on a closed holiday).
    fn windows_on(&self, day: Date) -> Vec<(i64, i64)> {
        if self.closed_on_holidays && is_french_holiday(day) {
            return Vec::new();
        }
        let weekday = i64::from(day.weekday().to_monday_one_offset());
        let mut out: Vec<(i64, i64)> = self
            .windows
            .iter()
            .filter(|w| w.weekday == weekday)
            .map(|w| (w.from_minute, w.to_minute))
            .collect();
        out.sort_unstable();
        out
    }

    /// The open stretches, as instants, of the days from `at`'s Paris day on, in order.
    fn stretches(&self, at_us: i64) -> impl Iterator<Item = (i64, i64)> + '_ {
        let tz = paris();
        let first = from_micros(at_us).to_zoned(tz.clone()).date();
        (0..SEARCH_DAYS).flat_map(move |n| {
            let day = first.checked_add(n.days()).unwrap_or(first);
            let tz = tz.clone();
            self.windows_on(day)
                .into_iter()
                .filter_map(move |(from, to)| {
                    Some((instant(day, from, &tz)?, instant(day, to, &tz)?))
                })
        })
    }

    /// Whether staff are there at `at_us`.
    pub fn is_open(&self, at_us: i64) -> bool {
        self.stretches(at_us)
            .take_while(|(from, _)| *from <= at_us)
            .any(|(from, to)| from <= at_us && at_us < to)
    }

    /// S2: the next instant staff are there: `at_us` itself when open, else the start of the
    /// next window; None when no window opens within a month (hours without any window).
    pub fn next_opening(&self, at_us: i64) -> Option<i64> {
        self.stretches(at_us)
            .find(|(_, to)| *to > at_us)
            .map(|(from, _)| from.max(at_us))
    }

    /// When an answer is due if staff need `minutes` of opening hours from `at_us`: the clock
    /// runs only while open. None when the hours never open within a month.
    pub fn due_after(&self, at_us: i64, minutes: i64) -> Option<i64> {
        let mut left = minutes * 60_000_000;
        for (from, to) in self.stretches(at_us).filter(|(_, to)| *to > at_us) {
            let start = from.max(at_us);
            if start + left <= to {
                return Some(start + left);
            }
            left -= to - start;
        }
        None
    }
}

/// The instant of `minute` minutes after midnight of `day` in `tz` (a time skipped by a clock
/// change is read as the zone's rules say: the instant after the gap).
fn instant(day: Date, minute: i64, tz: &TimeZone) -> Option<i64> {
    let zoned: Zoned = if minute >= 1_440 {
        day.checked_add(1.day()).ok()?.to_zoned(tz.clone()).ok()?
    } else {
        let hour = i8::try_from(minute / 60).ok()?;
        let time = Time::new(hour, (minute % 60) as i8, 0, 0).ok()?;
        day.to_datetime(time).to_zoned(tz.clone()).ok()?
    };
    Some(to_micros(zoned.timestamp()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The instant of a Paris wall-clock time.
    fn at(s: &str) -> i64 {
        let dt: jiff::civil::DateTime = s.parse().unwrap();
        to_micros(dt.to_zoned(paris()).unwrap().timestamp())
    }

    #[test]
    fn s2_open_on_a_weekday_morning_closed_at_lunch_and_on_saturday() {
        let h = OpeningHours::default();
        assert!(h.is_open(at("2026-12-07T09:30")), "Monday 9:30 opens");
        assert!(!h.is_open(at("2026-12-07T09:29:59")));
        assert!(!h.is_open(at("2026-12-07T12:30")), "lunch");
        assert!(h.is_open(at("2026-12-07T18:29:59")));
        assert!(!h.is_open(at("2026-12-05T11:00")), "Saturday");
    }

    #[test]
    fn s2_a_saturday_question_is_answered_from_monday_morning() {
        let h = OpeningHours::default();
        assert_eq!(
            h.next_opening(at("2026-12-05T15:00")),
            Some(at("2026-12-07T09:30"))
        );
        // Open now: now.
        assert_eq!(
            h.next_opening(at("2026-12-07T10:00")),
            Some(at("2026-12-07T10:00"))
        );
        // At lunch: 13:30 the same day.
        assert_eq!(
            h.next_opening(at("2026-12-07T12:45")),
            Some(at("2026-12-07T13:30"))
        );
    }

    #[test]
    fn s2_the_eve_of_a_french_public_holiday_waits_for_the_next_working_day() {
        let h = OpeningHours::default();
        // Thursday 24 December 2026, evening: Christmas is closed, then the weekend.
        assert_eq!(
            h.next_opening(at("2026-12-24T19:00")),
            Some(at("2026-12-28T09:30"))
        );
        // Ascension Thursday 14 May 2026: Wednesday evening waits for Friday.
        assert_eq!(
            h.next_opening(at("2026-05-13T18:45")),
            Some(at("2026-05-15T09:30"))
        );
        // Without the holiday rule, Christmas morning opens.
        let no_holidays = OpeningHours {
            closed_on_holidays: false,
            ..h
        };
        assert_eq!(
            no_holidays.next_opening(at("2026-12-24T19:00")),
            Some(at("2026-12-25T09:30"))
        );
    }

    #[test]
    fn s2_an_answer_is_due_after_opening_minutes_only() {
        let h = OpeningHours::default();
        // Friday 17:30 plus two opening hours: one hour Friday, one hour Monday.
        assert_eq!(
            h.due_after(at("2026-12-04T17:30"), 120),
            Some(at("2026-12-07T10:30"))
        );
        // Across lunch: 12:00 plus one hour is 14:00.
        assert_eq!(
            h.due_after(at("2026-12-07T12:00"), 60),
            Some(at("2026-12-07T14:00"))
        );
    }

    #[test]
    fn s2_hours_are_checked_before_they_are_kept() {
        assert!(OpeningHours::default().validate().is_ok());
        let overlapping = OpeningHours {
            windows: vec![
                Window {
                    weekday: 1,
                    from_minute: 540,
                    to_minute: 720,
                },
                Window {
                    weekday: 1,
                    from_minute: 700,
                    to_minute: 800,
                },
            ],
            closed_on_holidays: true,
        };
        assert!(overlapping.validate().is_err());
        let backwards = OpeningHours {
            windows: vec![Window {
                weekday: 8,
                from_minute: 600,
                to_minute: 500,
            }],
            closed_on_holidays: true,
        };
        assert!(backwards.validate().is_err());
        let closed = OpeningHours {
            windows: vec![],
            closed_on_holidays: true,
        };
        assert!(closed.validate().is_err());
    }
}
