//! T1: a collection's season ("SS24", "AW2019", or the French "PE24", "AH19"), which season is
//! on sale on a given date, and a season's age in years.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The half of the year a collection is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Half {
    SpringSummer,
    AutumnWinter,
}

/// A collection: its year and half. Orders by time (SS before AW of one year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Season {
    pub year: i16,
    pub half: Half,
}

impl Season {
    /// Reads "SS24", "AW2019", "PE24" (printemps-été), "AH19" (automne-hiver), any case, with or
    /// without a space or dash. Two-digit years are 20xx.
    pub fn parse(raw: &str) -> Option<Season> {
        let s: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_ascii_uppercase();
        let (half, digits) = match s.get(..2)? {
            "SS" | "PE" => (Half::SpringSummer, &s[2..]),
            "AW" | "FW" | "AH" => (Half::AutumnWinter, &s[2..]),
            _ => return None,
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i16 = match digits.len() {
            2 => 2000 + digits.parse::<i16>().ok()?,
            4 => digits.parse().ok()?,
            _ => return None,
        };
        (1900..=2200)
            .contains(&year)
            .then_some(Season { year, half })
    }

    /// The canonical key, "SS24" or "AW19" style with four digits: "SS2024".
    pub fn key(self) -> String {
        let h = match self.half {
            Half::SpringSummer => "SS",
            Half::AutumnWinter => "AW",
        };
        format!("{h}{}", self.year)
    }

    /// The collection in shops on `d`: spring-summer from February to July, autumn-winter from
    /// August to the next January (January still sells the previous year's winter).
    pub fn on_sale(d: Date) -> Season {
        match d.month() {
            1 => Season {
                year: d.year() - 1,
                half: Half::AutumnWinter,
            },
            2..=7 => Season {
                year: d.year(),
                half: Half::SpringSummer,
            },
            _ => Season {
                year: d.year(),
                half: Half::AutumnWinter,
            },
        }
    }

    /// Whole years between this season and the one on sale on `d` (0 for this year's).
    pub fn age_years(self, d: Date) -> i16 {
        (Season::on_sale(d).year - self.year).max(0)
    }
}

impl serde::Serialize for Season {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

impl<'de> serde::Deserialize<'de> for Season {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Season, D::Error> {
        let raw = String::deserialize(d)?;
        Season::parse(&raw).ok_or_else(|| serde::de::Error::custom("unknown season"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn t1_seasons_read_in_english_and_french() {
        let ss24 = Season {
            year: 2024,
            half: Half::SpringSummer,
        };
        assert_eq!(Season::parse("SS24"), Some(ss24));
        assert_eq!(Season::parse("pe 2024"), Some(ss24));
        assert_eq!(
            Season::parse("AH-19").map(|s| s.key()),
            Some("AW2019".into())
        );
        assert_eq!(Season::parse("SS"), None);
        assert_eq!(Season::parse("XX24"), None);
        assert_eq!(Season::parse("SS2x"), None);
    }

    #[test]
    fn t1_the_season_on_sale_turns_in_february_and_august() {
        let on = |y, m, d| Season::on_sale(date(y, m, d)).key();
        assert_eq!(on(2026, 1, 31), "AW2025");
        assert_eq!(on(2026, 2, 1), "SS2026");
        assert_eq!(on(2026, 7, 31), "SS2026");
        assert_eq!(on(2026, 8, 1), "AW2026");
        assert!(Season::parse("SS26").unwrap() < Season::parse("AW26").unwrap());
        assert_eq!(
            Season::parse("AW21").unwrap().age_years(date(2026, 12, 4)),
            5
        );
    }
}
