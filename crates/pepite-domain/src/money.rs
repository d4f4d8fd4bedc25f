//! Money as integer minor units (cents). No float ever touches an amount.

use serde::{Deserialize, Serialize};

use crate::fields::FieldError;

/// An amount in euro cents. Pépite runs in one currency per shop; the currency code travels
/// beside the amount at the edges (API, pages), never inside arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(pub i64);

/// The one currency of the marketplace policy.
pub const CURRENCY: &str = "EUR";

/// The dearest piece anyone may list: one million euros; anything above is a typo.
pub const MAX_PRICE: Money = Money(100_000_000);

impl Money {
    pub fn cents(self) -> i64 {
        self.0
    }

    /// Parses what a person types: "12", "12.5", "12,50", "1 234,56", "€12.50", "12,50 €".
    /// Refuses more than two decimals, negative and zero amounts, and amounts above `max`.
    pub fn parse_amount(field: &str, raw: &str, max: Money) -> Result<Money, FieldError> {
        let cleaned: String = raw
            .trim()
            .trim_start_matches('€')
            .trim_end_matches('€')
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\u{a0}')
            .collect();
        if cleaned.is_empty() {
            return Err(FieldError::new(field, "required"));
        }
        if cleaned.starts_with('-') {
            return Err(FieldError::new(field, "must_be_positive"));
        }
        let normalised = cleaned.replace(',', ".");
        let (units, fraction) = match normalised.split_once('.') {
            Some((u, f)) => (u, f),
            None => (normalised.as_str(), ""),
        };
        let digits_only = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if units.is_empty() && fraction.is_empty()
            || !digits_only(units)
            || !digits_only(fraction)
            || fraction.len() > 2
        {
            return Err(FieldError::new(field, "invalid_amount"));
        }
        if units.len() > 12 {
            return Err(FieldError::with_limit(field, "too_large", max.0 / 100));
        }
        let units: i64 = if units.is_empty() {
            0
        } else {
            units.parse().unwrap_or(i64::MAX / 1000)
        };
        let mut cents: i64 = if fraction.is_empty() {
            0
        } else {
            fraction.parse().unwrap_or(0)
        };
        if fraction.len() == 1 {
            cents *= 10;
        }
        let total = units * 100 + cents;
        if total <= 0 {
            return Err(FieldError::new(field, "must_be_positive"));
        }
        if total > max.0 {
            return Err(FieldError::with_limit(field, "too_large", max.0 / 100));
        }
        Ok(Money(total))
    }

    /// "1 234,56 €" with a narrow no-break space, as French readers expect.
    pub fn format_fr(self) -> String {
        format!("{}\u{a0}€", Self::group(self.0, '\u{202f}', ','))
    }

    /// "€1,234.56".
    pub fn format_en(self) -> String {
        format!("€{}", Self::group(self.0, ',', '.'))
    }

    /// Plain "1234.56" for machine-readable places (CSV, forms' initial values).
    pub fn format_plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}{}.{:02}", self.0.abs() / 100, self.0.abs() % 100)
    }

    fn group(cents: i64, thousands: char, decimal: char) -> String {
        let sign = if cents < 0 { "-" } else { "" };
        let abs = cents.unsigned_abs();
        let units = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in units.chars().enumerate() {
            if i > 0 && (units.len() - i).is_multiple_of(3) {
                grouped.push(thousands);
            }
            grouped.push(c);
        }
        format!("{sign}{grouped}{decimal}{:02}", abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Money, &'static str> {
        Money::parse_amount("price", s, MAX_PRICE).map_err(|e| e.code)
    }

    #[test]
    fn amounts_parse_in_french_and_english_forms() {
        assert_eq!(parse("12"), Ok(Money(1200)));
        assert_eq!(parse("12.5"), Ok(Money(1250)));
        assert_eq!(parse("12,50"), Ok(Money(1250)));
        assert_eq!(parse("1 234,56 €"), Ok(Money(123_456)));
        assert_eq!(parse("€0.99"), Ok(Money(99)));
    }

    #[test]
    fn absurd_amounts_are_refused() {
        assert_eq!(parse("-5"), Err("must_be_positive"));
        assert_eq!(parse("0"), Err("must_be_positive"));
        assert_eq!(parse("12.345"), Err("invalid_amount"));
        assert_eq!(parse("douze"), Err("invalid_amount"));
        assert_eq!(parse("99999999999999999999"), Err("too_large"));
        assert_eq!(parse("1000001"), Err("too_large"));
        assert_eq!(parse(""), Err("required"));
        assert_eq!(parse("."), Err("invalid_amount"));
    }

    #[test]
    fn formatting_follows_each_language() {
        assert_eq!(Money(123_456).format_fr(), "1\u{202f}234,56\u{a0}€");
        assert_eq!(Money(123_456).format_en(), "€1,234.56");
        assert_eq!(Money(5).format_plain(), "0.05");
    }
}
